import { errorBudget } from './budget';
import { alertThresholdRatio } from './burnRate';
import { formatDuration } from './duration';
import { nearlyEqual, roundSignificant } from './numbers';
import type { AlertWindow } from './spec';

export type AlertWindowProblemKind = 'never-fires' | 'short-not-shorter';

/** An alert pair that cannot do its job: reported (validator, backtest), never silently evaluated. */
export interface AlertWindowProblem {
  /** Position of the pair in the windows given. */
  index: number;
  window: AlertWindow;
  kind: AlertWindowProblemKind;
  /** `page 1h/5m`: how a message names the pair where no path does. */
  pair: string;
  /** The reason, without the pair: `threshold 144% can never be reached at objective 90`. */
  message: string;
}

/**
 * The pairs that can never fire — the error ratio cannot exceed 100%, so a threshold ratio (factor ×
 * budget) of 100% or more is never passed (14.4× at objective 90) — and those whose short window is not
 * shorter than the long one (the short window exists to reset the alert soon after errors stop).
 * The one place these are decided: the validator warns with them, the backtest skips them.
 */
export function alertWindowProblems(objectivePercent: number, windows: readonly AlertWindow[]): AlertWindowProblem[] {
  const budget = errorBudget(objectivePercent);
  const problems: AlertWindowProblem[] = [];
  windows.forEach((window, index) => {
    const base = { index, window, pair: pairLabel(window) };
    if (!isShortWindowShorter(window.longSeconds, window.shortSeconds)) {
      problems.push({
        ...base,
        kind: 'short-not-shorter',
        message: `short window ${formatDuration(window.shortSeconds)} is not shorter than the long window ${formatDuration(window.longSeconds)}`,
      });
    }
    const threshold = alertThresholdRatio(window, budget);
    if (threshold >= 1 || nearlyEqual(threshold, 1)) {
      problems.push({
        ...base,
        kind: 'never-fires',
        message: `threshold ${roundSignificant(threshold * 100)}% can never be reached at objective ${objectivePercent}`,
      });
    }
  });
  return problems;
}

export function isShortWindowShorter(longSeconds: number, shortSeconds: number): boolean {
  return shortSeconds < longSeconds;
}

export function pairLabel(window: AlertWindow): string {
  return `${window.severity} ${formatDuration(window.longSeconds)}/${formatDuration(window.shortSeconds)}`;
}
