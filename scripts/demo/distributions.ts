import type { Random } from './random';

// Looking up the global `Math` in hot loops is slow inside Jest's vm sandbox; one lookup here avoids it.
const { cos, exp, floor, log, max, min, round, sqrt, PI } = Math;

/** Below this mean, counts are drawn exactly; above it, from the normal approximation. */
const EXACT_DRAW_MAX_MEAN = 20;

export function standardNormal(random: Random): number {
  const radius = sqrt(-2 * log(1 - random()));
  return radius * cos(2 * PI * random());
}

export function uniformInteger(random: Random, min: number, max: number): number {
  return min + floor(random() * (max - min + 1));
}

export function poisson(random: Random, mean: number): number {
  if (mean <= 0) {
    return 0;
  }
  if (mean < EXACT_DRAW_MAX_MEAN) {
    const limit = exp(-mean);
    let product = random();
    let count = 0;
    while (product > limit) {
      product *= random();
      count++;
    }
    return count;
  }
  return max(0, round(mean + sqrt(mean) * standardNormal(random)));
}

export function binomial(random: Random, trials: number, probability: number): number {
  if (trials <= 0 || probability <= 0) {
    return 0;
  }
  if (probability >= 1) {
    return trials;
  }
  if (probability > 0.5) {
    return trials - binomial(random, trials, 1 - probability);
  }
  const mean = trials * probability;
  if (trials <= 40 || (mean < EXACT_DRAW_MAX_MEAN && probability > 0.1)) {
    let successes = 0;
    for (let trial = 0; trial < trials; trial++) {
      if (random() < probability) {
        successes++;
      }
    }
    return successes;
  }
  if (mean < EXACT_DRAW_MAX_MEAN) {
    return min(trials, poisson(random, mean));
  }
  const deviation = sqrt(mean * (1 - probability));
  return min(trials, max(0, round(mean + deviation * standardNormal(random))));
}

/**
 * Splits `total` events into categories with the given weights (a multinomial draw), writing the counts
 * into `counts`. The counts always add up to `total`.
 */
export function splitCount(random: Random, total: number, weights: readonly number[], counts: number[]): number[] {
  let lastWeighted = -1;
  let remainingWeight = 0;
  for (let index = 0; index < weights.length; index++) {
    counts[index] = 0;
    if (weights[index] > 0) {
      lastWeighted = index;
      remainingWeight += weights[index];
    }
  }
  let remaining = total;
  for (let index = 0; index < lastWeighted && remaining > 0; index++) {
    if (weights[index] > 0) {
      const count = binomial(random, remaining, weights[index] / remainingWeight);
      counts[index] = count;
      remaining -= count;
      remainingWeight -= weights[index];
    }
  }
  if (lastWeighted >= 0) {
    counts[lastWeighted] = remaining;
  }
  return counts;
}
