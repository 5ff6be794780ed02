/** @jest-environment node */
import { createRandom, createStream, deriveSeed } from './random';

function draws(random: () => number, count: number): number[] {
  return Array.from({ length: count }, () => random());
}

describe('createRandom', () => {
  it('repeats the same sequence for the same seed', () => {
    expect(draws(createRandom(42), 1000)).toEqual(draws(createRandom(42), 1000));
  });

  it('gives another sequence for another seed', () => {
    expect(draws(createRandom(42), 10)).not.toEqual(draws(createRandom(43), 10));
  });

  it('draws uniformly from [0, 1)', () => {
    const values = draws(createRandom(7), 100_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean).toBeCloseTo(0.5, 2);
    const lowerTenth = values.filter((value) => value < 0.1).length / values.length;
    expect(lowerTenth).toBeCloseTo(0.1, 2);
  });

  it('is mulberry32, whose sequence for seed 1 starts 0.627074, 0.002736, 0.527447', () => {
    expect(draws(createRandom(1), 3).map((value) => value.toFixed(6))).toEqual(['0.627074', '0.002736', '0.527447']);
  });
});

describe('deriveSeed', () => {
  it('gives each stream of a seed its own seed, the same every time', () => {
    expect(deriveSeed(1, 'apiserver')).toBe(deriveSeed(1, 'apiserver'));
    expect(deriveSeed(1, 'apiserver')).not.toBe(deriveSeed(1, 'checkout'));
    expect(deriveSeed(1, 'apiserver')).not.toBe(deriveSeed(2, 'apiserver'));
  });

  it('makes streams that do not follow each other', () => {
    expect(draws(createStream(1, 'a'), 5)).not.toEqual(draws(createStream(1, 'b'), 5));
  });
});
