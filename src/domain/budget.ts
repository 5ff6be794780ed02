import { isFiniteNumber, roundSignificant } from './numbers';

export class ObjectiveError extends RangeError {
  constructor(objectivePercent: number) {
    super(
      objectivePercent === 100
        ? 'objective 100 leaves no error budget: any bad event would exhaust it (use e.g. 99.99)'
        : `objective ${objectivePercent} is not a percentage strictly between 0 and 100`
    );
    this.name = 'ObjectiveError';
  }
}

/** Error budget as a fraction: `(100 − objective) / 100`, computed so that 99.9 gives exactly 0.001. */
export function errorBudget(objectivePercent: number): number {
  if (!isFiniteNumber(objectivePercent) || objectivePercent <= 0 || objectivePercent >= 100) {
    throw new ObjectiveError(objectivePercent);
  }
  return roundSignificant((100 - objectivePercent) / 100);
}

export function errorRatio(bad: number, total: number): number | null {
  if (!isFiniteNumber(bad) || !isFiniteNumber(total) || total <= 0) {
    return null;
  }
  return Math.max(0, bad) / total;
}

export function burnRate(ratio: number | null, objectivePercent: number): number | null {
  return ratio === null ? null : roundSignificant(ratio / errorBudget(objectivePercent));
}

/** Fraction of the budget left: 1 − (bad/total)/budget. Negative when overspent; null without events. */
export function budgetRemaining(bad: number, total: number, objectivePercent: number): number | null {
  const ratio = errorRatio(bad, total);
  return ratio === null ? null : 1 - ratio / errorBudget(objectivePercent);
}

/** Seconds until the remaining budget is gone at a steady burn rate; null when nothing burns. */
export function timeToExhaustion(
  remainingFraction: number,
  burnRateValue: number,
  periodSeconds: number
): number | null {
  if (!isFiniteNumber(remainingFraction) || !isFiniteNumber(burnRateValue) || burnRateValue <= 0) {
    return null;
  }
  return Math.max(0, (remainingFraction * periodSeconds) / burnRateValue);
}
