import { errorBudget } from './budget';
import type { EventIndex, WindowCounts } from './buckets';
import type { WindowObservations } from './burnRate';
import { roundSignificant } from './numbers';
import { clampedRatio } from './outOfRange';

export interface WindowEvaluation {
  seconds: number;
  bad: number;
  total: number;
  errorRatio: number | null;
  burnRate: number | null;
  /** Share of the window covered by data (0–1); below 1 when the data starts late or has gaps. */
  coverage: number;
}

/** Counts already clamped by the out-of-range rule (an `EventIndex` sum, or a clamped exact window). */
export function evaluateWindowCounts(counts: WindowCounts, seconds: number, budget: number): WindowEvaluation {
  const errorRatio = clampedRatio(counts.bad, counts.total);
  return {
    seconds,
    bad: counts.bad,
    total: counts.total,
    errorRatio,
    burnRate: errorRatio === null ? null : roundSignificant(errorRatio / budget),
    coverage: Math.min(1, counts.covered / seconds),
  };
}

/** Every window ending at `now`, each two prefix-sum lookups. */
export function evaluateWindows(
  events: EventIndex,
  windowSeconds: readonly number[],
  now: number,
  objectivePercent: number
): WindowEvaluation[] {
  const budget = errorBudget(objectivePercent);
  return windowSeconds.map((seconds) => evaluateWindowCounts(events.sum(now - seconds, now), seconds, budget));
}

/** The windows as the alert pairs read them: error ratio and events, keyed by length. */
export function observationsByWindow(windows: readonly WindowEvaluation[]): WindowObservations {
  const observations: WindowObservations = {};
  for (const window of windows) {
    observations[window.seconds] = window;
  }
  return observations;
}
