import { setMaxListeners } from 'node:events';
import { type SloSpec, formatProblem } from '../domain';
import { PrometheusHttpClient } from '../prometheus/httpClient';
import { loadSlo } from '../prometheus/loadSlo';
import { rulesYaml } from '../prometheus/rules';
import { type AdaptiveScheduler, schedulerFor } from '../prometheus/scheduler';
import { type ParsedArgs, UsageError, parseTime } from './args';
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
  const url = args.options.prometheus;
  const file = args.options.slos;
  if (!url || !file) {
    throw new UsageError('evaluate needs --prometheus URL and --slos FILE');
  }
  const format = args.options.format ?? 'table';
  if (format !== 'table' && format !== 'json') {
    throw new UsageError(`--format must be table or json, got "${format}"`);
  }
  const failOn = args.options['fail-on'] as FailOn | undefined;
  if (failOn !== undefined && !FAIL_ON.includes(failOn)) {
    throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, got "${failOn}"`);
  }
  const timeoutSeconds = args.options.timeout ? Number(args.options.timeout) : 30;
  if (!(timeoutSeconds > 0)) {
    throw new UsageError(`--timeout must be a positive number of seconds, got "${args.options.timeout}"`);
  }
  const at = args.options.at ? parseTime(args.options.at) : Date.now() / 1000;
  const { valid, problems } = readSpecFile(file);
  const specErrors = problems
    .filter((problem) => problem.severity === 'error')
    .map((problem) => `slo evaluate: ${formatProblem(problem)}`);
  const specs = selectSpecs(valid, args.options.slo);

  const client = new PrometheusHttpClient({ url, timeoutSeconds });
  // One queue towards this Prometheus: SLOs in file order, a few queries at a time, backing off when it
  // says it is overloaded; --timeout bounds each SLO from its first query on, not its time in the queue.
  const scheduler = schedulerFor(client.baseUrl);
  const stop = stopWhenStalled(scheduler, client.baseUrl, timeoutSeconds, context.signal);
  let reports: SloReport[];
  try {
    reports = await Promise.all(
      specs.map(async (spec, index) => {
        const { reading } = await loadSlo(
          client,
          spec,
          { from: at - 86400, to: at, view: 'overview' },
          { scheduler, priority: index, timeoutSeconds, signal: stop.signal }
        );
        return sloReport(reading);
      })
    );
  } finally {
    stop.dispose();
  }
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

/** Past the timeout, how long a Prometheus that answers nothing at all gets before the run gives up. */
const STALL_GRACE_SECONDS = 1;

/**
 * A signal that fires when `interrupt` does, or when Prometheus has answered nothing at all for a whole
 * timeout while queries were running: each SLO's deadline starts with its first query, so against a
 * Prometheus that accepts requests and never answers, SLOs would otherwise time out a few at a time, one
 * timeout after another; the SLOs not evaluated by then get that as their error.
 */
function stopWhenStalled(
  scheduler: AdaptiveScheduler,
  url: string,
  timeoutSeconds: number,
  interrupt: AbortSignal | undefined
): { signal: AbortSignal; dispose: () => void } {
  const stop = new AbortController();
  // Every SLO being evaluated listens to it: hundreds are no leak.
  setMaxListeners(0, stop.signal);
  const onInterrupt = () => stop.abort(interrupt?.reason);
  interrupt?.addEventListener('abort', onInterrupt, { once: true });
  if (interrupt?.aborted) {
    onInterrupt();
  }
  const startedAt = Date.now();
  const watch = setInterval(() => {
    const { inFlight, lastAnswerAt } = scheduler.stats();
    const quietSeconds = (Date.now() - Math.max(startedAt, lastAnswerAt ?? 0)) / 1000;
    if (inFlight > 0 && quietSeconds > timeoutSeconds + STALL_GRACE_SECONDS) {
      stop.abort(
        new Error(
          `Prometheus at ${url} answered nothing for ${Math.floor(quietSeconds)} s: gave up on the SLOs not evaluated yet`
        )
      );
    }
  }, 250);
  return {
    signal: stop.signal,
    dispose: () => {
      clearInterval(watch);
      interrupt?.removeEventListener('abort', onInterrupt);
    },
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

function selectSpecs(specs: SloSpec[], id: string | undefined): SloSpec[] {
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
