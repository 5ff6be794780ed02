import { errorBudget } from './budget';
import { alertThresholdRatio } from './burnRate';
import { roundSignificant } from './numbers';
import type { AlertWindow } from './spec';

export interface CalculatorRow {
  window: AlertWindow;
  factor: number;
  /** Error ratio both windows must exceed: factor × budget. */
  thresholdRatio: number;
  /** Share of the period's budget spent by the time the long window fires at exactly `factor`. */
  budgetConsumedFraction: number;
  /** Time to spend the whole budget at this burn rate: period / factor. */
  exhaustionSeconds: number;
  /** With 100% errors, when both windows pass the threshold; null when the threshold is 100% or more. */
  detectionSeconds: number | null;
  /** After a 100% error rate stops, when the short window falls back under the threshold. */
  resetSeconds: number | null;
  /** False when even 100% errors cannot reach the threshold (e.g. 14.4× of a 90% objective). */
  canFire: boolean;
}

/**
 * The Google SRE workbook's numbers for each window pair, assuming steady traffic: a window holding
 * t seconds of total failure out of W has an error ratio t / W.
 */
export function calculatorRows(
  objectivePercent: number,
  periodSeconds: number,
  windows: AlertWindow[]
): CalculatorRow[] {
  const budget = errorBudget(objectivePercent);
  return windows.map((window) => {
    const thresholdRatio = alertThresholdRatio(window, budget);
    const canFire = thresholdRatio < 1;
    return {
      window,
      factor: window.factor,
      thresholdRatio,
      budgetConsumedFraction: roundSignificant((window.factor * window.longSeconds) / periodSeconds),
      exhaustionSeconds: roundSignificant(periodSeconds / window.factor),
      detectionSeconds: canFire
        ? roundSignificant(Math.max(window.longSeconds, window.shortSeconds) * thresholdRatio)
        : null,
      resetSeconds: canFire ? roundSignificant(window.shortSeconds * (1 - thresholdRatio)) : null,
      canFire,
    };
  });
}

/** The highest burn rate an SLO can reach (100% errors): 1 / budget. */
export function maximumBurnRate(objectivePercent: number): number {
  return roundSignificant(1 / errorBudget(objectivePercent));
}
