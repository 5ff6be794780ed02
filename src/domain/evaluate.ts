import { alertingPeriodSeconds, resolveAlertWindows } from './alertWindows';
import { errorBudget } from './budget';
import { type EventBucket, type EventCounts, EventIndex, type WindowCounts, defaultStepSeconds } from './buckets';
import { type AlertEvaluation, alertGuardOf, alertWindowLengths, evaluateAlerts } from './burnRate';
import { budgetEvents } from './budgetEvents';
import { type BurndownResult, burndownFromIndex } from './burndown';
import { formatDuration } from './duration';
import { OUT_OF_RANGE_CAUSES, type OutOfRangeCounts, clampedBad, outOfRangeCause, withOutOfRange } from './outOfRange';
import { type WindowOutOfRange, outOfRangeNotes } from './outOfRangeNotes';
import { type PeriodBounds, periodBounds } from './period';
import { type AlertWindow, type SloSpec, sliKind } from './spec';
import { firingSince } from './timeline';
import { type WindowEvaluation, evaluateWindowCounts, observationsByWindow } from './windowEvaluation';

/** What `evaluateSlo` reads: per-interval counts (or time slices) for the period and before. */
export interface SliData {
  buckets: readonly EventBucket[];
  /**
   * Exact counts over windows ending at `now`, keyed by window seconds, where the data source can say
   * them directly; they replace the bucket sums for those windows (a scrape gap or a counter reset
   * inside one bucket makes its sum approximate, which matters for short windows). Raw, as Prometheus
   * answered: the out-of-range rule applies to them as to the buckets.
   */
  windowCounts?: Record<number, EventCounts>;
  /** The buckets' index, when the caller built it already (it is linear in the buckets to build). */
  events?: EventIndex;
}

export interface EvaluateOptions {
  now: number;
  /** Rolling periods: where the burndown series starts (defaults to now − period). */
  burndownFrom?: number;
  /** Window whose burn rate projects the time to exhaustion; defaults to 1h, the fast page window. */
  projectionWindowSeconds?: number;
  /** Step used to find when a firing pair started; defaults to the first bucket's length. */
  stepSeconds?: number;
  /** Rolling periods: which burndown to draw (see `BurndownOptions.rollingView`). */
  burndownView?: 'sliding' | 'window';
}

/**
 * Most urgent first: page > exhausted > ticket > insufficient-traffic (some pair held back by the
 * low-traffic guard) > no-traffic / ok; no-data when nothing covers the period.
 */
export type SloStatus = 'page' | 'exhausted' | 'ticket' | 'insufficient-traffic' | 'ok' | 'no-traffic' | 'no-data';

export interface AlertPairState {
  /** Start of the current firing stretch, for firing pairs. */
  firingSince: number | null;
}

export interface SloEvaluation {
  id: string;
  now: number;
  objective: number;
  budget: number;
  period: PeriodBounds;
  alertWindows: AlertWindow[];
  /** Every alert window, shortest first. */
  windows: WindowEvaluation[];
  /** The period so far (calendar) or the whole rolling window. */
  periodWindow: WindowEvaluation;
  alerts: AlertEvaluation & { since: Array<number | null> };
  /** Good share over the period: 1 − error ratio. */
  sli: number | null;
  budgetRemaining: number | null;
  currentBurnRate: number | null;
  projectionWindowSeconds: number;
  timeToExhaustion: number | null;
  burndown: BurndownResult;
  status: SloStatus;
  /** What the user should know about the data: counts that cannot be an error ratio, per cause and window. */
  notes: string[];
}

const ONE_HOUR = 3600;

/**
 * One SLO at one time, from one set of buckets: every number the pages, panels and command-line
 * tool show comes from here. Cost: one prefix-sum pass over the buckets, two lookups per window.
 */
export function evaluateSlo(spec: SloSpec, data: SliData, options: EvaluateOptions): SloEvaluation {
  const { now } = options;
  const objective = spec.objective;
  const budget = errorBudget(objective);
  const period = periodBounds(spec.period, now);
  const sliced = spec.budgetingMethod === 'timeslices';
  const rawEvents = data.events ?? new EventIndex(data.buckets);
  const events = budgetEvents(spec, rawEvents);
  const alertWindows = resolveAlertWindows(spec, alertingPeriodSeconds(spec.period));
  const guard = alertGuardOf(spec);
  // What the out-of-range rule clamped, per window read, keyed by length (the period last) for the notes.
  const outOfRange: Array<{ seconds: number; window: WindowOutOfRange }> = [];
  const noteOutOfRange = (seconds: number, counts: OutOfRangeCounts | null, label = formatDuration(seconds)) => {
    if (counts) {
      outOfRange.push({ seconds, window: { label, counts } });
    }
  };
  const windows = alertWindowLengths(alertWindows).map((seconds) => {
    const exact = sliced ? undefined : exactWindow(data.windowCounts?.[seconds], seconds);
    noteOutOfRange(
      seconds,
      exact?.counts ? exact.outOfRange : merged(exact?.outOfRange, rawEvents.outOfRange(now - seconds, now))
    );
    return evaluateWindowCounts(exact?.counts ?? events.sum(now - seconds, now), seconds, budget);
  });
  const periodWindow = evaluateWindowCounts(events.sum(period.start, now), Math.max(1, now - period.start), budget);
  noteOutOfRange(Infinity, rawEvents.outOfRange(period.start, now), 'the period');
  const alertState = evaluateAlerts(objective, observationsByWindow(windows), alertWindows, guard);
  const stepSeconds = options.stepSeconds ?? defaultStepSeconds(events);
  // Exact windows may say a pair fires where the buckets do not yet: it then started within the last step.
  const since = alertState.pairs.map((pair) =>
    pair.firing ? (firingSince(events, objective, pair.window, now, stepSeconds, guard) ?? now) : null
  );
  const projectionWindowSeconds = options.projectionWindowSeconds ?? ONE_HOUR;
  let projection = windows.find((window) => window.seconds === projectionWindowSeconds);
  if (!projection) {
    projection = evaluateWindowCounts(events.sum(now - projectionWindowSeconds, now), projectionWindowSeconds, budget);
    noteOutOfRange(projectionWindowSeconds, rawEvents.outOfRange(now - projectionWindowSeconds, now));
  }
  const burndownResult = burndownFromIndex(events, {
    objectivePercent: objective,
    period: spec.period,
    now,
    from: options.burndownFrom,
    rollingView: options.burndownView,
    burnRate: projection.burnRate,
  });
  const budgetRemaining = burndownResult.current;
  const status = statusOf(periodWindow, budgetRemaining, alertState);
  return {
    id: spec.id,
    now,
    objective,
    budget,
    period,
    alertWindows,
    windows,
    periodWindow,
    alerts: { ...alertState, since },
    sli: periodWindow.errorRatio === null ? null : 1 - periodWindow.errorRatio,
    budgetRemaining,
    currentBurnRate: projection.burnRate,
    projectionWindowSeconds,
    timeToExhaustion: burndownResult.exhaustionTime === null ? null : Math.max(0, burndownResult.exhaustionTime - now),
    burndown: burndownResult,
    status,
    notes: outOfRangeNotes(
      sliKind(spec.sli),
      outOfRange.sort((a, b) => a.seconds - b.seconds).map(({ window }) => window)
    ),
  };
}

/**
 * An exact window under the out-of-range rule: bad clamped into [0, total] and what was clamped; a
 * negative (or non-finite) total is a gap, so the buckets answer for that window instead.
 */
function exactWindow(
  exact: EventCounts | undefined,
  seconds: number
): { counts: WindowCounts | null; outOfRange: OutOfRangeCounts | null } | undefined {
  if (!exact || !Number.isFinite(exact.total)) {
    return undefined;
  }
  const bad = Number.isFinite(exact.bad) ? exact.bad : 0;
  const cause = outOfRangeCause(bad, exact.total);
  const outOfRange = cause === null ? null : withOutOfRange(null, cause, { count: 1, bad, total: exact.total });
  if (exact.total < 0) {
    return { counts: null, outOfRange };
  }
  return { counts: { bad: clampedBad(bad, exact.total), total: exact.total, covered: seconds }, outOfRange };
}

/**
 * The exact window's own finding first (one figure for the window, as Prometheus gave it); the buckets
 * that answered instead add only causes it did not have, so one figure is never counted twice.
 */
function merged(exact: OutOfRangeCounts | null | undefined, buckets: OutOfRangeCounts | null): OutOfRangeCounts | null {
  if (!exact || !buckets) {
    return exact ?? buckets;
  }
  let sum: OutOfRangeCounts = exact;
  for (const cause of OUT_OF_RANGE_CAUSES) {
    const figures = buckets[cause];
    if (figures && !exact[cause]) {
      sum = withOutOfRange(sum, cause, figures);
    }
  }
  return sum;
}

/** The SLO's state from its period, budget and alert pairs; shared by every way of evaluating an SLO. */
export function statusOf(
  periodWindow: WindowEvaluation,
  budgetRemaining: number | null,
  alerts: AlertEvaluation
): SloStatus {
  if (periodWindow.coverage === 0) {
    return 'no-data';
  }
  if (alerts.page) {
    return 'page';
  }
  if (budgetRemaining !== null && budgetRemaining <= 0) {
    return 'exhausted';
  }
  if (alerts.ticket) {
    return 'ticket';
  }
  if (alerts.insufficientTraffic) {
    return 'insufficient-traffic';
  }
  if (periodWindow.total <= 0) {
    return 'no-traffic';
  }
  return 'ok';
}
