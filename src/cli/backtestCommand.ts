import { formatProblem, lastPeriodRange } from '../domain';
import { type ParsedArgs, UsageError, parseTime } from './args';
import { backtestReport } from './backtestReport';
import { formatBacktestTable } from './backtestTable';
import { type CommandOutput, type EvaluateContext, prometheusCommandOptions, selectSpecs } from './commands';
import { readSlos } from './readSlos';
import { readSpecFile } from './specFile';

/**
 * `slo backtest`: what each SLO's alert pairs would have done over a range (default: the SLO's last period
 * ending now), from the data Prometheus holds, read once per SLO reaching back the longest alert window
 * before the range. Exit 2 when a spec is invalid or an SLO could not be read, as `slo evaluate`.
 */
export async function backtestCommand(args: ParsedArgs, context: EvaluateContext = {}): Promise<CommandOutput> {
  const { url, file, format, timeoutSeconds } = prometheusCommandOptions(args, 'backtest');
  const to = args.options.to ? parseTime(args.options.to, '--to') : Math.floor(Date.now() / 1000);
  const from = args.options.from ? parseTime(args.options.from, '--from') : undefined;
  if (from !== undefined && !(from < to)) {
    throw new UsageError(`--from must be before --to`);
  }
  const { valid, problems } = readSpecFile(file);
  const specErrors = problems
    .filter((problem) => problem.severity === 'error')
    .map((problem) => `slo backtest: ${formatProblem(problem)}`);
  const specs = selectSpecs(valid, args.options.slo);
  const rangeOf = (spec: (typeof specs)[number]) =>
    from === undefined ? lastPeriodRange(spec.period, to) : { from, to };

  const reports = await readSlos(
    url,
    specs,
    (spec) => {
      const range = rangeOf(spec);
      return { from: range.to, to: range.to, view: 'overview', historySeconds: range.to - range.from };
    },
    { timeoutSeconds, signal: context.signal },
    (reading) => backtestReport(reading, rangeOf(reading.spec))
  );
  const sloErrors = reports
    .filter((report) => report.status === 'error')
    .map((report) => `slo backtest: ${report.id}: ${report.error}`);
  const errors = [...specErrors, ...sloErrors];
  return {
    stdout:
      format === 'json'
        ? `${JSON.stringify({ prometheus: url, slos: reports }, null, 2)}\n`
        : formatBacktestTable(reports),
    stderr: errors.map((line) => `${line}\n`).join(''),
    exitCode: errors.length > 0 ? 2 : 0,
  };
}
