import { errorBudget } from './budget';
import { isFiniteNumber, isStrictlyAbove, roundSignificant } from './numbers';
import type { AlertWindow, Severity } from './spec';

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

export interface AlertPairEvaluation {
  window: AlertWindow;
  longBurnRate: number | null;
  shortBurnRate: number | null;
  /** Error ratio both windows must exceed: factor × budget. */
  thresholdRatio: number;
  firing: boolean;
}

export interface AlertEvaluation {
  pairs: AlertPairEvaluation[];
  page: boolean;
  ticket: boolean;
}

/** Error ratios keyed by window length in seconds; a missing or null ratio never fires. */
export type WindowErrorRatios = Record<number, number | null | undefined>;

export function evaluateAlerts(
  objectivePercent: number,
  errorRatios: WindowErrorRatios,
  windows: AlertWindow[]
): AlertEvaluation {
  const budget = errorBudget(objectivePercent);
  const pairs = windows.map((window): AlertPairEvaluation => {
    const thresholdRatio = alertThresholdRatio(window, budget);
    const longRatio = finiteOrNull(errorRatios[window.longSeconds]);
    const shortRatio = finiteOrNull(errorRatios[window.shortSeconds]);
    const firing = pairFires(longRatio, shortRatio, thresholdRatio);
    return {
      window,
      longBurnRate: longRatio === null ? null : roundSignificant(longRatio / budget),
      shortBurnRate: shortRatio === null ? null : roundSignificant(shortRatio / budget),
      thresholdRatio,
      firing,
    };
  });
  return {
    pairs,
    page: pairs.some((pair) => pair.firing && pair.window.severity === 'page'),
    ticket: pairs.some((pair) => pair.firing && pair.window.severity === 'ticket'),
  };
}

/** Both windows strictly above the threshold ratio; a missing ratio (no data, no traffic) never fires. */
export function pairFires(longRatio: number | null, shortRatio: number | null, thresholdRatio: number): boolean {
  return (
    longRatio !== null &&
    shortRatio !== null &&
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
export function alertWindowLengths(windows: AlertWindow[]): number[] {
  const lengths = new Set<number>();
  for (const window of windows) {
    lengths.add(window.longSeconds);
    lengths.add(window.shortSeconds);
  }
  return [...lengths].sort((a, b) => a - b);
}
