import { errorBudget } from './budget';
import type { EventIndex, WindowCounts } from './buckets';
import { roundSignificant } from './numbers';

export interface WindowEvaluation {
  seconds: number;
  bad: number;
  total: number;
  errorRatio: number | null;
  burnRate: number | null;
  /** Share of the window covered by data (0–1); below 1 when the data starts late or has gaps. */
  coverage: number;
}

export function evaluateWindowCounts(counts: WindowCounts, seconds: number, budget: number): WindowEvaluation {
  const errorRatio = counts.total > 0 ? counts.bad / counts.total : null;
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

export function ratiosByWindow(windows: readonly WindowEvaluation[]): Record<number, number | null> {
  const ratios: Record<number, number | null> = {};
  for (const window of windows) {
    ratios[window.seconds] = window.errorRatio;
  }
  return ratios;
}
