import { errorBudget } from './budget';
import { isFiniteNumber, isStrictlyAbove, nearlyEqual, roundSignificant } from './numbers';
import type { AlertWindow, Severity, SloSpec } from './spec';

const HOUR = 3600;
const MINUTE = 60;
const DAY = 86400;

/** Burn rate at which `budgetPercent` of a period's budget is spent within `longWindowSeconds`. */
export function burnRateFactor(budgetPercent: number, periodSeconds: number, longWindowSeconds: number): number {
  return roundSignificant((budgetPercent * periodSeconds) / (100 * longWindowSeconds));
}

interface WindowTemplate {
  severity: Severity;
  longSeconds: number;
  shortSeconds: number;
  budgetPercent: number;
}

/** Google SRE workbook windows as kubernetes-mixin and Sloth deploy them. */
const DEFAULT_WINDOW_TEMPLATES: WindowTemplate[] = [
  { severity: 'page', longSeconds: HOUR, shortSeconds: 5 * MINUTE, budgetPercent: 2 },
  { severity: 'page', longSeconds: 6 * HOUR, shortSeconds: 30 * MINUTE, budgetPercent: 5 },
  { severity: 'ticket', longSeconds: DAY, shortSeconds: 2 * HOUR, budgetPercent: 10 },
  { severity: 'ticket', longSeconds: 3 * DAY, shortSeconds: 6 * HOUR, budgetPercent: 10 },
];

export function defaultAlertWindows(periodSeconds: number): AlertWindow[] {
  return DEFAULT_WINDOW_TEMPLATES.map((template) => ({
    ...template,
    factor: burnRateFactor(template.budgetPercent, periodSeconds, template.longSeconds),
  }));
}

/**
 * A pair's state at one time. `insufficient-traffic`: the low-traffic guard holds it back (its long
 * window has events, but fewer than `minEvents`), whatever its burn rates say. `no-data`: the long or
 * the short window has no error ratio (no events, or no data), so the rule has nothing to compare.
 */
export type PairState = 'firing' | 'ok' | 'insufficient-traffic' | 'no-data';

/**
 * The low-traffic guard (`alerting.minEvents`): a pair fires only when its long window holds at least
 * this many events (with time slices: slices). Absent or 0: no guard.
 */
export interface AlertGuard {
  minEvents?: number;
}

export const NO_GUARD: AlertGuard = {};

export function alertGuardOf(spec: Pick<SloSpec, 'alerting'>): AlertGuard {
  const minEvents = spec.alerting?.minEvents;
  return minEvents === undefined ? NO_GUARD : { minEvents };
}

export interface AlertPairEvaluation {
  window: AlertWindow;
  longBurnRate: number | null;
  shortBurnRate: number | null;
  /** Error ratio both windows must exceed: factor × budget. */
  thresholdRatio: number;
  /** Events (or slices) in the long window, which the low-traffic guard compares with `minEvents`. */
  longEvents: number | null;
  state: PairState;
  /** `state === 'firing'`, kept for the callers that only ask that. */
  firing: boolean;
}

export interface AlertEvaluation {
  pairs: AlertPairEvaluation[];
  page: boolean;
  ticket: boolean;
  /** Some pair is held back by the low-traffic guard. */
  insufficientTraffic: boolean;
}

/** What an alert pair reads of one window: its error ratio, and its events for the low-traffic guard. */
export interface WindowObservation {
  errorRatio: number | null;
  total: number;
}

/** Observations keyed by window length in seconds; a missing window or a null ratio never fires. */
export type WindowObservations = Record<number, WindowObservation | undefined>;

export function evaluateAlerts(
  objectivePercent: number,
  observations: WindowObservations,
  windows: readonly AlertWindow[],
  guard: AlertGuard = NO_GUARD
): AlertEvaluation {
  const budget = errorBudget(objectivePercent);
  const pairs = windows.map((window): AlertPairEvaluation => {
    const thresholdRatio = alertThresholdRatio(window, budget);
    const long = observations[window.longSeconds];
    const longRatio = finiteOrNull(long?.errorRatio);
    const shortRatio = finiteOrNull(observations[window.shortSeconds]?.errorRatio);
    const longEvents = long && isFiniteNumber(long.total) ? long.total : null;
    const state = pairState(longRatio, shortRatio, thresholdRatio, longEvents ?? 0, guard);
    return {
      window,
      longBurnRate: longRatio === null ? null : roundSignificant(longRatio / budget),
      shortBurnRate: shortRatio === null ? null : roundSignificant(shortRatio / budget),
      thresholdRatio,
      longEvents,
      state,
      firing: state === 'firing',
    };
  });
  return {
    pairs,
    page: pairs.some((pair) => pair.firing && pair.window.severity === 'page'),
    ticket: pairs.some((pair) => pair.firing && pair.window.severity === 'ticket'),
    insufficientTraffic: pairs.some((pair) => pair.state === 'insufficient-traffic'),
  };
}

/**
 * A pair's state from its two error ratios and the events of its long window: the firing rule
 * (`pairFires`) behind the low-traffic guard. Every evaluation of a pair (now, over time, firing-since,
 * backtest) goes through here.
 */
export function pairState(
  longRatio: number | null,
  shortRatio: number | null,
  thresholdRatio: number,
  longEvents: number,
  guard: AlertGuard
): PairState {
  if (isHeldBack(longEvents, guard.minEvents)) {
    return 'insufficient-traffic';
  }
  if (longRatio === null || shortRatio === null) {
    return 'no-data';
  }
  return pairFires(longRatio, shortRatio, thresholdRatio) ? 'firing' : 'ok';
}

/**
 * Fewer events than the guard asks, but some: with none there is nothing to hold back (the pair has no
 * data). Counts are rates × seconds, so float noise at the bound counts as reaching it.
 */
function isHeldBack(longEvents: number, minEvents: number | undefined): boolean {
  return minEvents !== undefined && longEvents > 0 && longEvents < minEvents && !nearlyEqual(longEvents, minEvents);
}

/** Both windows strictly above the threshold ratio; a missing ratio (no data, no traffic) never fires. */
export function pairFires(longRatio: number | null, shortRatio: number | null, thresholdRatio: number): boolean {
  // The plain comparisons first: most evaluations are far under the threshold, and the backtest asks at
  // every step.
  return (
    longRatio !== null &&
    shortRatio !== null &&
    longRatio > thresholdRatio &&
    shortRatio > thresholdRatio &&
    isStrictlyAbove(longRatio, thresholdRatio) &&
    isStrictlyAbove(shortRatio, thresholdRatio)
  );
}

export function alertThresholdRatio(window: AlertWindow, budget: number): number {
  return roundSignificant(window.factor * budget);
}

function finiteOrNull(value: number | null | undefined): number | null {
  return isFiniteNumber(value) ? value : null;
}

/** Every window length the alert pairs read, ascending and without repeats. */
export function alertWindowLengths(windows: readonly AlertWindow[]): number[] {
  const lengths = new Set<number>();
  for (const window of windows) {
    lengths.add(window.longSeconds);
    lengths.add(window.shortSeconds);
  }
  return [...lengths].sort((a, b) => a - b);
}
