import { ObjectiveError, budgetRemaining, burnRate, errorBudget, errorRatio, timeToExhaustion } from './budget';

describe('errorBudget', () => {
  it('is exact where floating point is not (1 − 0.999 ≠ 0.001)', () => {
    expect(1 - 0.999).not.toBe(0.001);
    expect(errorBudget(99.9)).toBe(0.001);
    expect(errorBudget(99.99)).toBe(0.0001);
    expect(errorBudget(99.95)).toBe(0.0005);
    expect(errorBudget(99.5)).toBe(0.005);
    expect(errorBudget(99)).toBe(0.01);
    expect(errorBudget(90)).toBe(0.1);
    expect(errorBudget(0.1)).toBe(0.999);
  });

  it.each([100, 0, -1, 101, Number.NaN, Number.POSITIVE_INFINITY])('rejects objective %p', (objective) => {
    expect(() => errorBudget(objective)).toThrow(ObjectiveError);
  });

  it('says why 100 has no budget', () => {
    expect(() => errorBudget(100)).toThrow(/no error budget/);
  });
});

describe('budgetRemaining', () => {
  it('is 1 − (bad/total)/budget', () => {
    expect(budgetRemaining(0, 1000, 99.9)).toBe(1);
    expect(budgetRemaining(1, 1000, 99.9)).toBeCloseTo(0, 12);
    expect(budgetRemaining(5, 10000, 99.9)).toBeCloseTo(0.5, 12);
    expect(budgetRemaining(25, 10000, 99)).toBeCloseTo(0.75, 12);
  });

  it('goes negative when overspent, without clamping', () => {
    expect(budgetRemaining(3, 1000, 99.9)).toBeCloseTo(-2, 12);
  });

  it('is null without traffic', () => {
    expect(budgetRemaining(0, 0, 99.9)).toBeNull();
  });
});

describe('errorRatio and burnRate', () => {
  it('gives the burn rate as error ratio over budget, clean for display', () => {
    expect(burnRate(0.0144, 99.9)).toBe(14.4);
    expect(burnRate(errorRatio(6, 1000), 99.9)).toBe(6);
    expect(burnRate(null, 99.9)).toBeNull();
  });

  it('has no ratio without traffic', () => {
    expect(errorRatio(0, 0)).toBeNull();
    expect(errorRatio(Number.NaN, 10)).toBeNull();
  });
});

describe('timeToExhaustion', () => {
  const thirtyDays = 30 * 86400;

  it('matches the workbook: a full budget at 14.4× lasts 50 h, at 1× the whole period', () => {
    expect(timeToExhaustion(1, 14.4, thirtyDays)).toBeCloseTo(50 * 3600, 6);
    expect(timeToExhaustion(1, 6, thirtyDays)).toBeCloseTo(120 * 3600, 6);
    expect(timeToExhaustion(1, 3, thirtyDays)).toBeCloseTo(240 * 3600, 6);
    expect(timeToExhaustion(1, 1, thirtyDays)).toBe(thirtyDays);
  });

  it('scales with what remains', () => {
    expect(timeToExhaustion(0.25, 1, thirtyDays)).toBe(thirtyDays / 4);
  });

  it('is null when nothing burns and zero when already exhausted', () => {
    expect(timeToExhaustion(0.5, 0, thirtyDays)).toBeNull();
    expect(timeToExhaustion(0.5, -1, thirtyDays)).toBeNull();
    expect(timeToExhaustion(-0.2, 3, thirtyDays)).toBe(0);
  });
});
