import { alertingPeriodSeconds, resolveAlertWindows } from './alertWindows';
import { errorBudget } from './budget';
import { type EventBucket, type EventCounts, EventIndex } from './buckets';
import { type AlertEvaluation, alertWindowLengths, evaluateAlerts } from './burnRate';
import { type BurndownResult, burndownFromIndex } from './burndown';
import { parseDuration } from './duration';
import { type PeriodBounds, periodBounds } from './period';
import type { AlertWindow, SloSpec } from './spec';
import { firingSince } from './timeline';
import { toTimesliceBuckets } from './timeslices';
import { type WindowEvaluation, evaluateWindowCounts, ratiosByWindow } from './windowEvaluation';

/** What `evaluateSlo` reads: per-interval counts (or time slices) for the period and before. */
export interface SliData {
  buckets: readonly EventBucket[];
  /**
   * Exact counts over windows ending at `now`, keyed by window seconds, where the data source can say
   * them directly; they replace the bucket sums for those windows (a scrape gap or a counter reset
   * inside one bucket makes its sum approximate, which matters for short windows).
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

export type SloStatus = 'page' | 'exhausted' | 'ticket' | 'ok' | 'no-traffic' | 'no-data';

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
  const buckets = spec.budgetingMethod === 'timeslices' ? timeslices(spec, data.buckets) : data.buckets;
  const events = data.events && buckets === data.buckets ? data.events : new EventIndex(buckets);
  const alertWindows = resolveAlertWindows(spec, alertingPeriodSeconds(spec.period));
  const windows = alertWindowLengths(alertWindows).map((seconds) => {
    const exact = spec.budgetingMethod === 'timeslices' ? undefined : data.windowCounts?.[seconds];
    return evaluateWindowCounts(
      exact ? { ...exact, covered: seconds } : events.sum(now - seconds, now),
      seconds,
      budget
    );
  });
  const periodWindow = evaluateWindowCounts(events.sum(period.start, now), Math.max(1, now - period.start), budget);
  const alertState = evaluateAlerts(objective, ratiosByWindow(windows), alertWindows);
  const stepSeconds = options.stepSeconds ?? (events.length > 0 ? events.ends[0] - events.starts[0] : 300);
  // Exact windows may say a pair fires where the buckets do not yet: it then started within the last step.
  const since = alertState.pairs.map((pair) =>
    pair.firing ? (firingSince(events, objective, pair.window, now, stepSeconds) ?? now) : null
  );
  const projectionWindowSeconds = options.projectionWindowSeconds ?? ONE_HOUR;
  const projection =
    windows.find((window) => window.seconds === projectionWindowSeconds) ??
    evaluateWindowCounts(events.sum(now - projectionWindowSeconds, now), projectionWindowSeconds, budget);
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
  };
}

function timeslices(spec: SloSpec, buckets: readonly EventBucket[]): EventBucket[] {
  return toTimesliceBuckets(buckets, {
    sliceSeconds: parseDuration(spec.timesliceWindow ?? '5m'),
    targetPercent: spec.timesliceTarget ?? spec.objective,
    alignTo: 0,
  });
}

function statusOf(periodWindow: WindowEvaluation, budgetRemaining: number | null, alerts: AlertEvaluation): SloStatus {
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
  if (periodWindow.total <= 0) {
    return 'no-traffic';
  }
  return 'ok';
}
