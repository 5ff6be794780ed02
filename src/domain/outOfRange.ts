/**
 * The one rule for counts that cannot be an error ratio ("clamp and flag"). Every window the engine
 * reads — a bucket sum, an exact window from Prometheus, the period — goes through it:
 * - a negative total is a gap (no data), as a NaN total is;
 * - bad is clamped into [0, total];
 * - what was clamped beyond float noise is recorded by cause, with its raw figures, so the SLO can say
 *   which windows were affected and why (see `outOfRangeNotes`).
 * Clamping per bucket (not per window) is what keeps every window in [0, 1] and short and long windows of
 * the same sign: a gauge mistaken for a counter cannot make one window negative and another above 1.
 */

export type OutOfRangeCause = 'bad-above-total' | 'negative-bad' | 'negative-total';

export const OUT_OF_RANGE_CAUSES: readonly OutOfRangeCause[] = ['bad-above-total', 'negative-bad', 'negative-total'];

/** The raw data of one cause inside a window: how many buckets (or exact windows), their raw bad and total. */
export interface OutOfRangeFigures {
  count: number;
  bad: number;
  total: number;
}

export type OutOfRangeCounts = Partial<Record<OutOfRangeCause, OutOfRangeFigures>>;

/**
 * Extrapolated rates differ in the last bits (a `total − good` of −1e-12): clamped, but not worth a note.
 * The same relative tolerance as the threshold comparisons (`nearlyEqual`).
 */
const RELATIVE_TOLERANCE = 1e-9;

/**
 * Why raw counts cannot be an error ratio, or null when they can. A non-finite bad count is no cause:
 * PromQL's empty or NaN result for the bad part means no bad events, and is read as 0.
 */
export function outOfRangeCause(bad: number, total: number): OutOfRangeCause | null {
  if (total < 0) {
    return 'negative-total';
  }
  const tolerance = RELATIVE_TOLERANCE * total;
  if (bad < -tolerance) {
    return 'negative-bad';
  }
  if (bad > total + tolerance) {
    return 'bad-above-total';
  }
  return null;
}

/** Bad events clamped into [0, total] (total ≥ 0); NaN and ±Infinity count as 0. */
export function clampedBad(bad: number, total: number): number {
  if (!(bad > 0) || bad === Infinity) {
    return 0;
  }
  return bad < total ? bad : total;
}

/**
 * The error ratio of clamped counts, never above 1 even where prefix-sum differences leave float noise;
 * null without events.
 */
export function clampedRatio(bad: number, total: number): number | null {
  const ratio = clampedRatioOrNaN(bad, total);
  return ratio === ratio ? ratio : null;
}

/** The same with NaN for "no events": a plain number, so hot loops over typed arrays never box it. */
export function clampedRatioOrNaN(bad: number, total: number): number {
  if (!(total > 0)) {
    return Number.NaN;
  }
  return bad < total ? (bad > 0 ? bad / total : 0) : 1;
}

/** `clampedRatio` over whole series at once (NaN where a window has no events), for hot loops. */
export function clampedRatios(bad: ArrayLike<number>, total: ArrayLike<number>): Float64Array {
  const ratios = new Float64Array(total.length);
  for (let i = 0; i < ratios.length; i++) {
    ratios[i] = clampedRatioOrNaN(bad[i], total[i]);
  }
  return ratios;
}

/** Adds the figures of one cause to a set of counts (a new object; the inputs are left alone). */
export function withOutOfRange(
  counts: OutOfRangeCounts | null,
  cause: OutOfRangeCause,
  figures: OutOfRangeFigures
): OutOfRangeCounts {
  const previous = counts?.[cause];
  return {
    ...counts,
    [cause]: previous
      ? {
          count: previous.count + figures.count,
          bad: previous.bad + figures.bad,
          total: previous.total + figures.total,
        }
      : figures,
  };
}
