/** @jest-environment node */
import { binomial, poisson, splitCount, uniformInteger } from './distributions';
import { createRandom } from './random';

function statistics(values: number[]): { mean: number; variance: number } {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
  return { mean, variance };
}

describe('poisson', () => {
  it.each([0.3, 5, 19, 25, 2000])('has mean and variance %p', (mean) => {
    const random = createRandom(3);
    const values = Array.from({ length: 20_000 }, () => poisson(random, mean));
    expect(values.every((value) => Number.isInteger(value) && value >= 0)).toBe(true);
    const observed = statistics(values);
    expect(observed.mean / mean).toBeCloseTo(1, 1);
    expect(observed.variance / mean).toBeCloseTo(1, 1);
  });

  it('is zero for a mean of zero', () => {
    expect(poisson(createRandom(1), 0)).toBe(0);
  });
});

describe('binomial', () => {
  it.each([
    [10, 0.3],
    [150, 0.12],
    [1000, 0.0005],
    [5000, 0.5],
    [5000, 0.999],
  ])('draws from %p trials with probability %p', (trials, probability) => {
    const random = createRandom(5);
    const values = Array.from({ length: 20_000 }, () => binomial(random, trials, probability));
    expect(values.every((value) => Number.isInteger(value) && value >= 0 && value <= trials)).toBe(true);
    expect(statistics(values).mean / (trials * probability)).toBeCloseTo(1, 1);
  });

  it('is certain at probability 0 and 1', () => {
    const random = createRandom(1);
    expect(binomial(random, 100, 0)).toBe(0);
    expect(binomial(random, 100, 1)).toBe(100);
  });
});

describe('splitCount', () => {
  it('splits every event into exactly one category, in proportion to the weights', () => {
    const random = createRandom(9);
    const totals = [0, 0, 0, 0];
    const counts: number[] = [];
    for (let draw = 0; draw < 2000; draw++) {
      splitCount(random, 1000, [0.7, 0.2, 0, 0.1], counts);
      expect(counts.reduce((sum, count) => sum + count, 0)).toBe(1000);
      counts.forEach((count, category) => (totals[category] += count));
    }
    expect(totals[2]).toBe(0);
    expect(totals[0] / 2_000_000).toBeCloseTo(0.7, 2);
    expect(totals[3] / 2_000_000).toBeCloseTo(0.1, 2);
  });

  it('gives the remainder to the last category with weight', () => {
    expect(splitCount(createRandom(1), 50, [0, 1, 0], [])).toEqual([0, 50, 0]);
  });
});

describe('uniformInteger', () => {
  it('covers both ends of the range', () => {
    const random = createRandom(2);
    const values = new Set(Array.from({ length: 1000 }, () => uniformInteger(random, 1, 3)));
    expect([...values].sort()).toEqual([1, 2, 3]);
  });
});
