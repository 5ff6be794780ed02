import { type BacktestResult, backtestAlerts } from './backtest';
import { type EventBucket, EventIndex, defaultStepSeconds } from './buckets';
import { budgetEvents, sloAlertWindows } from './budgetEvents';
import { alertGuardOf } from './burnRate';
import { periodBounds } from './period';
import type { PeriodSpec, SloSpec } from './spec';

export interface BacktestRange {
  from: number;
  to: number;
}

/**
 * What an SLO's alert pairs would have done over a range, from its buckets as read from Prometheus:
 * its budgeting (time slices), its alert windows (factors from the period's nominal length), its
 * low-traffic guard and its period, applied exactly as `evaluateSlo` applies them, so that every
 * evaluation time of the backtest says what the live state would have said then (from buckets). The one
 * entry point of the detail page, the calculator, the configuration preview and `slo backtest`.
 *
 * The data must reach the longest alert window before `range.from` (`PlanOptions.historySeconds`).
 * The step defaults to the length of the events' first bucket (slice), as `evaluateSlo`'s does.
 */
export function backtestSlo(
  spec: SloSpec,
  data: EventIndex | readonly EventBucket[],
  range: BacktestRange,
  stepSeconds?: number
): BacktestResult {
  const events = budgetEvents(spec, data instanceof EventIndex ? data : new EventIndex(data));
  return backtestAlerts({
    events,
    objectivePercent: spec.objective,
    period: spec.period,
    windows: sloAlertWindows(spec),
    guard: alertGuardOf(spec),
    range,
    stepSeconds: stepSeconds ?? defaultStepSeconds(events),
  });
}

/**
 * The last period ending at `to`: its length back from `to` (for a calendar period, the length of the
 * one containing `to`, 28 to 31 days for a month), the range a backtest covers by default.
 */
export function lastPeriodRange(period: PeriodSpec, to: number): BacktestRange {
  return { from: to - periodBounds(period, to).seconds, to };
}
