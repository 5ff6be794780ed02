import { type SloSpec, formatProblem } from '../domain';
import { rulesYaml } from '../prometheus/rules';
import { type ParsedArgs, UsageError, parseTime } from './args';
import { readSlos } from './readSlos';
import { type SloReport, sloReport } from './report';
import { readSpecFile } from './specFile';
import { formatTable } from './table';

export interface CommandOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const FAIL_ON = ['page', 'ticket', 'exhausted'] as const;
type FailOn = (typeof FAIL_ON)[number];

export function validateCommand(args: ParsedArgs): CommandOutput {
  const file = requirePositional(args, 'validate FILE');
  const { valid, problems } = readSpecFile(file);
  const errors = problems.filter((problem) => problem.severity === 'error');
  const lines = problems.map(
    (problem) => `${problem.severity === 'warning' ? 'warning: ' : ''}${formatProblem(problem)}`
  );
  const summary = `${valid.length} valid SLO${valid.length === 1 ? '' : 's'}, ${errors.length} error${errors.length === 1 ? '' : 's'}`;
  return { stdout: '', stderr: [...lines, summary].join('\n') + '\n', exitCode: errors.length > 0 ? 2 : 0 };
}

export function rulesCommand(args: ParsedArgs): CommandOutput {
  const file = requirePositional(args, 'rules FILE');
  const { valid, problems } = readSpecFile(file);
  const errors = problems.filter((problem) => problem.severity === 'error');
  return {
    stdout: rulesYaml(valid),
    stderr: errors.map((problem) => `${formatProblem(problem)}\n`).join(''),
    exitCode: errors.length > 0 ? 2 : 0,
  };
}

export interface EvaluateContext {
  /**
   * Giving up (Ctrl-C): queued queries leave the queue, running ones are abandoned (so Prometheus cancels
   * them), and every SLO not evaluated yet is in the report with this signal's reason as its error.
   */
  signal?: AbortSignal;
}

export async function evaluateCommand(args: ParsedArgs, context: EvaluateContext = {}): Promise<CommandOutput> {
  const { url, file, format, timeoutSeconds } = prometheusCommandOptions(args, 'evaluate');
  const failOn = args.options['fail-on'] as FailOn | undefined;
  if (failOn !== undefined && !FAIL_ON.includes(failOn)) {
    throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, got "${failOn}"`);
  }
  const at = args.options.at ? parseTime(args.options.at, '--at') : Date.now() / 1000;
  const { valid, problems } = readSpecFile(file);
  const specErrors = problems
    .filter((problem) => problem.severity === 'error')
    .map((problem) => `slo evaluate: ${formatProblem(problem)}`);
  const specs = selectSpecs(valid, args.options.slo);

  const reports = await readSlos(
    url,
    specs,
    () => ({ from: at - 86400, to: at, view: 'overview' }),
    { timeoutSeconds, signal: context.signal },
    sloReport
  );
  const sloErrors = reports
    .filter((report) => report.status === 'error')
    .map((report) => `slo evaluate: ${report.id}: ${report.error}`);
  const stdout =
    format === 'json'
      ? `${JSON.stringify({ prometheus: url, at: new Date(at * 1000).toISOString(), slos: reports }, null, 2)}\n`
      : formatTable(reports);
  const errors = [...specErrors, ...sloErrors];
  const gateFailed = failOn !== undefined && reports.some((report) => failsGate(report, failOn));
  return {
    stdout,
    stderr:
      errors.map((line) => `${line}\n`).join('') +
      (gateFailed
        ? `slo evaluate: --fail-on ${failOn}: ${reports
            .filter((report) => failsGate(report, failOn!))
            .map((report) => report.id)
            .join(', ')}\n`
        : ''),
    exitCode: errors.length > 0 ? 2 : gateFailed ? 1 : 0,
  };
}

/** A ticket gate also fails on pages: a page is a worse ticket. */
function failsGate(report: SloReport, failOn: FailOn): boolean {
  switch (failOn) {
    case 'page':
      return report.page === true;
    case 'ticket':
      return report.page === true || report.ticket === true;
    case 'exhausted':
      return report.budgetRemaining !== null && report.budgetRemaining <= 0;
  }
}

/** What every command that reads Prometheus takes: where, which SLOs, how to print, how long to wait. */
export function prometheusCommandOptions(
  args: ParsedArgs,
  command: string
): { url: string; file: string; format: 'table' | 'json'; timeoutSeconds: number } {
  const url = args.options.prometheus;
  const file = args.options.slos;
  if (!url || !file) {
    throw new UsageError(`${command} needs --prometheus URL and --slos FILE`);
  }
  const format = args.options.format ?? 'table';
  if (format !== 'table' && format !== 'json') {
    throw new UsageError(`--format must be table or json, got "${format}"`);
  }
  const timeoutSeconds = args.options.timeout ? Number(args.options.timeout) : 30;
  if (!(timeoutSeconds > 0)) {
    throw new UsageError(`--timeout must be a positive number of seconds, got "${args.options.timeout}"`);
  }
  return { url, file, format, timeoutSeconds };
}

export function selectSpecs(specs: SloSpec[], id: string | undefined): SloSpec[] {
  if (id === undefined) {
    return specs;
  }
  const selected = specs.filter((spec) => spec.id === id);
  if (selected.length === 0) {
    throw new UsageError(`no valid SLO with id "${id}" in the file`);
  }
  return selected;
}

function requirePositional(args: ParsedArgs, usage: string): string {
  const value = args.positional[0];
  if (!value) {
    throw new UsageError(`usage: slo ${usage}`);
  }
  return value;
}
