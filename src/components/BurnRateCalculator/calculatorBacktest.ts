import {
  type BacktestRange,
  type SloSpec,
  alertWindowLengths,
  formatDuration,
  lastPeriodRange,
  periodBounds,
  sloAlertWindows,
  validateSloSpecs,
} from '../../domain';
import { type CalculatorInput, calculatorSpec } from './calculatorInput';

/**
 * An SLO's objective, period, alert windows and low-traffic guard as calculator inputs: each window driven
 * by what the spec states (its factor, else its budget share; the default windows by their budget share),
 * so that the calculator derives the same numbers the SLO does.
 */
export function calculatorInputFromSpec(spec: SloSpec): CalculatorInput {
  const written = Array.isArray(spec.alerting?.windows) ? spec.alerting.windows : null;
  const windows = sloAlertWindows(spec).map((window, index) => {
    const byFactor = written?.[index]?.factor !== undefined;
    return {
      severity: window.severity,
      long: formatDuration(window.longSeconds),
      short: formatDuration(window.shortSeconds),
      ...(byFactor ? { factor: window.factor } : { budgetPercent: window.budgetPercent }),
    };
  });
  const minEvents = spec.alerting?.minEvents;
  return {
    objective: spec.objective,
    period: periodText(spec),
    windows,
    ...(minEvents !== undefined ? { minEvents } : {}),
  };
}

function periodText(spec: SloSpec): string {
  return 'calendar' in spec.period ? spec.period.calendar : spec.period.rolling;
}

/**
 * The SLO as tuned in the calculator: its SLI, budgeting and data source with the calculator's objective,
 * period, windows and guard; null while an input is invalid. A period left as the SLO has it keeps its
 * time zone (the calculator names calendar periods without one).
 */
export function tunedSpec(spec: SloSpec, input: CalculatorInput): SloSpec | null {
  const { valid, problems } = validateSloSpecs([calculatorSpec(input)]);
  if (valid.length !== 1 || problems.some((problem) => problem.severity === 'error')) {
    return null;
  }
  const tuned = valid[0];
  return {
    ...spec,
    objective: tuned.objective,
    period: input.period.trim() === periodText(spec) ? spec.period : tuned.period,
    alerting: tuned.alerting,
  };
}

/** The range the calculator backtests: the last period of the (tuned) SLO, to `now`. */
export function calculatorBacktestRange(spec: SloSpec, now: number): BacktestRange {
  return lastPeriodRange(spec.period, now);
}

/**
 * How far before `now` a backtest of `tuned` over its last period needs data: the period and the longest
 * alert window before it.
 */
export function backtestLookBack(tuned: SloSpec, now: number): number {
  const lengths = alertWindowLengths(sloAlertWindows(tuned));
  return periodBounds(tuned.period, now).seconds + (lengths[lengths.length - 1] ?? 0);
}

/**
 * The plan's `historySeconds` for reading `spec` (planned with its own windows) so that the buckets reach
 * `lookBack` before `now`: the planner adds the spec's longest window to the history.
 */
export function historySecondsFor(spec: SloSpec, lookBack: number): number {
  const lengths = alertWindowLengths(sloAlertWindows(spec));
  return Math.max(0, lookBack - (lengths[lengths.length - 1] ?? 0));
}
