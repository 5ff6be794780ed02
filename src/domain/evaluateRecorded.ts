import { alertingPeriodSeconds, resolveAlertWindows } from './alertWindows';
import { budgetRemaining, errorBudget, timeToExhaustion } from './budget';
import { NO_GUARD, alertWindowLengths, evaluateAlerts } from './burnRate';
import { formatDuration } from './duration';
import { type SloEvaluation, statusOf } from './evaluate';
import { type OutOfRangeCounts, clampedBad, outOfRangeCause, withOutOfRange } from './outOfRange';
import { type WindowOutOfRange, outOfRangeNotes } from './outOfRangeNotes';
import { isCalendarPeriod, periodBounds } from './period';
import { type SloSpec, sliKind } from './spec';
import { type WindowEvaluation, evaluateWindowCounts, observationsByWindow } from './windowEvaluation';

/**
 * What `evaluateRecorded` reads: the error ratio over every alert window and over the period, all ending
 * at `now`, as recording rules such as `slo:sli_error:ratio_rate<window>` hold them. NaN is 0/0: nothing
 * was served in that window (no traffic).
 */
export interface RecordedRatios {
  /** Keyed by the window's length in seconds; every alert window of the SLO must be there. */
  windows: Readonly<Record<number, number>>;
  /** The rolling period ending at `now`. */
  period: number;
}

export interface RecordedEvaluateOptions {
  now: number;
  /** Window whose burn rate projects the time to exhaustion; defaults to 1h, as `evaluateSlo`. */
  projectionWindowSeconds?: number;
}

/** Thrown when ratios cannot stand for the SLO: a window missing, or an SLO that needs more than ratios. */
export class RecordedRatiosError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordedRatiosError';
  }
}

const ONE_HOUR = 3600;

/**
 * Why an SLO's state cannot come from window error ratios alone, or null when it can: a calendar period
 * needs the events since the period start and a true-length budget, the low-traffic guard needs each
 * long window's event count, and time slices count slices, where recordings hold event ratios.
 */
export function recordedIneligibility(spec: SloSpec): string | null {
  if (isCalendarPeriod(spec.period)) {
    return 'a calendar period needs the events since the period start, which no recorded window holds';
  }
  if (spec.alerting?.minEvents !== undefined) {
    return 'the low-traffic guard (alerting.minEvents) needs event counts, which the recordings do not hold';
  }
  if (spec.budgetingMethod === 'timeslices') {
    return 'time slices count good and bad slices, where the recordings hold event ratios';
  }
  return null;
}

/**
 * One SLO at one time from the error ratios of its windows and period, in the same shape as
 * `evaluateSlo` and through the same engine functions (window evaluation, alert pairs, status, budget,
 * time to exhaustion). What ratios cannot say stays unknown: no burndown series, no firing-since, and
 * each window's `bad` and `total` are its seconds weighted by the ratio (as for raw ratio SLIs), not
 * event counts. Cost: constant per window.
 */
export function evaluateRecorded(
  spec: SloSpec,
  ratios: RecordedRatios,
  options: RecordedEvaluateOptions
): SloEvaluation {
  const ineligible = recordedIneligibility(spec);
  if (ineligible !== null) {
    throw new RecordedRatiosError(`${spec.id} cannot be evaluated from recorded ratios: ${ineligible}`);
  }
  const { now } = options;
  const objective = spec.objective;
  const budget = errorBudget(objective);
  const period = periodBounds(spec.period, now);
  const alertWindows = resolveAlertWindows(spec, alertingPeriodSeconds(spec.period));
  const lengths = alertWindowLengths(alertWindows);
  const missing = lengths.filter((seconds) => ratios.windows[seconds] === undefined);
  if (missing.length > 0) {
    throw new RecordedRatiosError(`${spec.id}: no recorded error ratio for ${missing.map(formatDuration).join(', ')}`);
  }
  const outOfRange: WindowOutOfRange[] = [];
  const fromRatio = (ratio: number, seconds: number, label = formatDuration(seconds)) =>
    windowFromRatio(ratio, seconds, budget, (window) => outOfRange.push({ label, counts: window }));
  const windows = lengths.map((seconds) => fromRatio(ratios.windows[seconds], seconds));
  const periodWindow = fromRatio(ratios.period, period.seconds, 'the period');
  const alertState = evaluateAlerts(objective, observationsByWindow(windows), alertWindows, NO_GUARD);
  const projectionWindowSeconds = options.projectionWindowSeconds ?? ONE_HOUR;
  const projectionRatio = ratios.windows[projectionWindowSeconds];
  const projection =
    windows.find((window) => window.seconds === projectionWindowSeconds) ??
    (projectionRatio === undefined
      ? null
      : windowFromRatio(projectionRatio, projectionWindowSeconds, budget, () => {}));
  const currentBurnRate = projection?.burnRate ?? null;
  const remaining =
    periodWindow.errorRatio === null ? null : budgetRemaining(periodWindow.bad, periodWindow.total, objective);
  // As the burndown's projection: an exhausted budget is gone now, else it lasts at the projected rate.
  const secondsLeft =
    remaining === null
      ? null
      : remaining <= 0
        ? 0
        : currentBurnRate === null
          ? null
          : timeToExhaustion(remaining, currentBurnRate, period.seconds);
  const notes = outOfRangeNotes(sliKind(spec.sli), outOfRange);
  if (!projection) {
    notes.push(
      `no ${formatDuration(projectionWindowSeconds)} error ratio recorded: the current burn rate and the time to exhaustion are unknown`
    );
  }
  return {
    id: spec.id,
    now,
    objective,
    budget,
    period,
    alertWindows,
    windows,
    periodWindow,
    alerts: { ...alertState, since: alertState.pairs.map(() => null) },
    sli: periodWindow.errorRatio === null ? null : 1 - periodWindow.errorRatio,
    budgetRemaining: remaining,
    currentBurnRate,
    projectionWindowSeconds,
    timeToExhaustion: secondsLeft,
    burndown: {
      series: [],
      ideal: [],
      projection: [],
      current: remaining,
      exhaustionTime: secondsLeft === null ? null : now + secondsLeft,
      burnRate: remaining === null ? null : currentBurnRate,
      periodStart: period.start,
      periodEnd: period.end,
      kind: 'rolling',
    },
    status: statusOf(periodWindow, remaining, alertState),
    notes,
  };
}

/**
 * A window from its error ratio, as seconds weighted by the ratio, under the out-of-range rule: a ratio
 * outside [0, 1] is clamped and reported; NaN (0/0) is a window without traffic; ±Infinity (bad events
 * over no total) is reported and has no traffic either.
 */
function windowFromRatio(
  ratio: number,
  seconds: number,
  budget: number,
  report: (counts: OutOfRangeCounts) => void
): WindowEvaluation {
  if (Number.isNaN(ratio)) {
    return evaluateWindowCounts({ bad: 0, total: 0, covered: seconds }, seconds, budget);
  }
  const bad = ratio * seconds;
  const cause = outOfRangeCause(bad, seconds);
  if (cause !== null) {
    report(withOutOfRange(null, cause, { count: 1, bad, total: seconds }));
  }
  if (!Number.isFinite(ratio)) {
    return evaluateWindowCounts({ bad: 0, total: 0, covered: seconds }, seconds, budget);
  }
  return evaluateWindowCounts({ bad: clampedBad(bad, seconds), total: seconds, covered: seconds }, seconds, budget);
}
