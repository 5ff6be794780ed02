import {
  OUT_OF_RANGE_CAUSES,
  type OutOfRangeCause,
  type OutOfRangeCounts,
  clampedBad,
  outOfRangeCause,
} from './outOfRange';

/** Events counted in the interval (start, end]: the engine's one input form. */
export interface EventBucket {
  start: number;
  end: number;
  bad: number;
  total: number;
}

export interface EventCounts {
  bad: number;
  total: number;
}

export interface WindowCounts extends EventCounts {
  /** Seconds of the window that buckets cover. */
  covered: number;
}

/** Window sums for many windows at once, as parallel arrays (no object per point on hot paths). */
export interface WindowCountSeries {
  bad: Float64Array;
  total: Float64Array;
  covered: Float64Array;
}

/**
 * Prefix sums over time-ordered buckets, so any window sum is two lookups, whatever the number of
 * windows. Counts that cannot be an error ratio follow the rule of `outOfRange.ts`: a bucket with a
 * NaN or infinite total is skipped, one with a negative total is kept as a gap (no events, no covered
 * seconds) so that it can be reported, and bad is clamped into [0, total]. What was clamped is kept in
 * prefix arrays too, so a window can ask in two lookups whether anything in it was out of range.
 */
export class EventIndex {
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  readonly length: number;
  /** cumulativeBad[i] = bad events in buckets 0..i-1; likewise total and covered seconds. */
  private readonly cumulativeBad: Float64Array;
  private readonly cumulativeTotal: Float64Array;
  private readonly cumulativeCovered: Float64Array;
  /**
   * Prefix figures of the out-of-range buckets, OUT_OF_RANGE_STRIDE numbers per row (count, raw bad, raw
   * total for each cause); allocated on the first such bucket, so clean data pays nothing.
   */
  private cumulativeOutOfRange: Float64Array | null = null;

  constructor(buckets: readonly EventBucket[]) {
    const capacity = buckets.length;
    this.starts = new Float64Array(capacity);
    this.ends = new Float64Array(capacity);
    this.cumulativeBad = new Float64Array(capacity + 1);
    this.cumulativeTotal = new Float64Array(capacity + 1);
    this.cumulativeCovered = new Float64Array(capacity + 1);
    // Locals, not fields, in the loop: it runs once per bucket of every SLO.
    const { starts, ends, cumulativeBad, cumulativeTotal, cumulativeCovered } = this;
    let count = 0;
    for (let i = 0; i < capacity; i++) {
      const bucket = buckets[i];
      if (!hasUsableBounds(bucket)) {
        continue;
      }
      const { start, end } = bucket;
      if (count > 0 && start < ends[count - 1]) {
        throw new RangeError(
          `event buckets must be ordered and must not overlap: bucket ${i} starts at ${start}, before the previous one ends at ${ends[count - 1]}`
        );
      }
      const rawTotal = bucket.total;
      const rawBad = Number.isFinite(bucket.bad) ? bucket.bad : 0;
      // In range (the usual case) the rule changes nothing; outside it, clamp and record.
      const inRange = rawBad >= 0 && rawBad <= rawTotal;
      const total = rawTotal < 0 ? 0 : rawTotal;
      const bad = inRange ? rawBad : rawTotal < 0 ? 0 : clampedBad(rawBad, total);
      starts[count] = start;
      ends[count] = end;
      cumulativeBad[count + 1] = cumulativeBad[count] + bad;
      cumulativeTotal[count + 1] = cumulativeTotal[count] + total;
      cumulativeCovered[count + 1] = cumulativeCovered[count] + (rawTotal < 0 ? 0 : end - start);
      const cause = inRange ? null : outOfRangeCause(rawBad, rawTotal);
      if (cause !== null || this.cumulativeOutOfRange !== null) {
        this.recordOutOfRange(count, cause, rawBad, rawTotal, capacity);
      }
      count++;
    }
    this.length = count;
  }

  /** Carries the out-of-range prefix row forward, adding this bucket's figures under its cause. */
  private recordOutOfRange(
    index: number,
    cause: OutOfRangeCause | null,
    bad: number,
    total: number,
    capacity: number
  ): void {
    const rows = (this.cumulativeOutOfRange ??= new Float64Array((capacity + 1) * OUT_OF_RANGE_STRIDE));
    const from = index * OUT_OF_RANGE_STRIDE;
    const to = from + OUT_OF_RANGE_STRIDE;
    for (let k = 0; k < OUT_OF_RANGE_STRIDE; k++) {
      rows[to + k] = rows[from + k];
    }
    if (cause !== null) {
      const at = to + OUT_OF_RANGE_CAUSES.indexOf(cause) * 3;
      rows[at] += 1;
      rows[at + 1] += bad;
      rows[at + 2] += total;
    }
  }

  /**
   * What was out of range (see `outOfRange.ts`) in the buckets that overlap (from, to], by cause with the
   * raw figures of those buckets; null when nothing was. Two binary searches.
   */
  outOfRange(from: number, to: number): OutOfRangeCounts | null {
    const rows = this.cumulativeOutOfRange;
    if (rows === null || !(to > from)) {
      return null;
    }
    const first = this.firstEndingAfter(from);
    const last = this.lastStartingBefore(to);
    if (first > last) {
      return null;
    }
    const upper = (last + 1) * OUT_OF_RANGE_STRIDE;
    const lower = first * OUT_OF_RANGE_STRIDE;
    const counts: OutOfRangeCounts = {};
    let found = false;
    for (let k = 0; k < OUT_OF_RANGE_CAUSES.length; k++) {
      const at = 3 * k;
      const count = rows[upper + at] - rows[lower + at];
      if (count > 0) {
        found = true;
        counts[OUT_OF_RANGE_CAUSES[k]] = {
          count,
          bad: rows[upper + at + 1] - rows[lower + at + 1],
          total: rows[upper + at + 2] - rows[lower + at + 2],
        };
      }
    }
    return found ? counts : null;
  }

  get firstStart(): number | null {
    return this.length > 0 ? this.starts[0] : null;
  }

  get lastEnd(): number | null {
    return this.length > 0 ? this.ends[this.length - 1] : null;
  }

  /** Events in (from, to], with the seconds covered by data; a bucket cut by an edge counts pro rata. */
  sum(from: number, to: number): WindowCounts {
    if (!(to > from)) {
      return { bad: 0, total: 0, covered: 0 };
    }
    const lower = this.bucketIndexAt(from);
    const upper = this.bucketIndexAt(to);
    return {
      bad: this.difference(this.cumulativeBad, lower, from, upper, to),
      total: this.difference(this.cumulativeTotal, lower, from, upper, to),
      covered: this.difference(this.cumulativeCovered, lower, from, upper, to),
    };
  }

  /** Window sums of length `windowSeconds` ending at each of `times` (ascending), in one pass. */
  slidingSums(times: ArrayLike<number>, windowSeconds: number): WindowCountSeries {
    const froms = new Float64Array(times.length);
    for (let i = 0; i < times.length; i++) {
      froms[i] = times[i] - windowSeconds;
    }
    return this.sumsOver(froms, times);
  }

  /**
   * Sums over (froms[i], tos[i]] where both lists never decrease: two cursors start where the first
   * range is (binary search) and walk forward, so the cost is linear in the ranges and the buckets
   * they span.
   */
  sumsOver(froms: ArrayLike<number>, tos: ArrayLike<number>): WindowCountSeries {
    const count = tos.length;
    const bad = new Float64Array(count);
    const total = new Float64Array(count);
    const covered = new Float64Array(count);
    // The hot loop of every chart, timeline and backtest: arrays in locals, and each edge's share of its
    // bucket computed once for the three sums.
    const { starts, ends, length, cumulativeBad, cumulativeTotal, cumulativeCovered } = this;
    let lower = count > 0 ? this.bucketIndexAt(froms[0]) : -1;
    let upper = count > 0 ? this.bucketIndexAt(tos[0]) : -1;
    for (let i = 0; i < count; i++) {
      const from = froms[i];
      const to = tos[i];
      while (upper + 1 < length && starts[upper + 1] <= to) {
        upper++;
      }
      while (lower + 1 < length && starts[lower + 1] <= from) {
        lower++;
      }
      if (!(to > from) || upper < 0) {
        continue;
      }
      const upperShare = to >= ends[upper] ? 1 : (to - starts[upper]) / (ends[upper] - starts[upper]);
      let badValue = cumulativeBad[upper] + (cumulativeBad[upper + 1] - cumulativeBad[upper]) * upperShare;
      let totalValue = cumulativeTotal[upper] + (cumulativeTotal[upper + 1] - cumulativeTotal[upper]) * upperShare;
      let coveredValue =
        cumulativeCovered[upper] + (cumulativeCovered[upper + 1] - cumulativeCovered[upper]) * upperShare;
      if (lower >= 0) {
        const lowerShare = from >= ends[lower] ? 1 : (from - starts[lower]) / (ends[lower] - starts[lower]);
        badValue -= cumulativeBad[lower] + (cumulativeBad[lower + 1] - cumulativeBad[lower]) * lowerShare;
        totalValue -= cumulativeTotal[lower] + (cumulativeTotal[lower + 1] - cumulativeTotal[lower]) * lowerShare;
        coveredValue -=
          cumulativeCovered[lower] + (cumulativeCovered[lower + 1] - cumulativeCovered[lower]) * lowerShare;
      }
      bad[i] = badValue > 0 ? badValue : 0;
      total[i] = totalValue > 0 ? totalValue : 0;
      covered[i] = coveredValue > 0 ? coveredValue : 0;
    }
    return { bad, total, covered };
  }

  /**
   * Bad and total events in (−∞, t] for each of `times` (ascending), in one forward pass: any window
   * between two of these times is then one subtraction (the backtest's regular grid).
   */
  prefixSums(times: ArrayLike<number>): { bad: Float64Array; total: Float64Array } {
    const count = times.length;
    const bad = new Float64Array(count);
    const total = new Float64Array(count);
    const { starts, ends, length, cumulativeBad, cumulativeTotal } = this;
    let index = count > 0 ? this.bucketIndexAt(times[0]) : -1;
    for (let i = 0; i < count; i++) {
      const time = times[i];
      while (index + 1 < length && starts[index + 1] <= time) {
        index++;
      }
      if (index < 0) {
        continue;
      }
      const share = time >= ends[index] ? 1 : (time - starts[index]) / (ends[index] - starts[index]);
      bad[i] = cumulativeBad[index] + (cumulativeBad[index + 1] - cumulativeBad[index]) * share;
      total[i] = cumulativeTotal[index] + (cumulativeTotal[index + 1] - cumulativeTotal[index]) * share;
    }
    return { bad, total };
  }

  /** Smallest bucket index whose end is after t (the length when none is). */
  private firstEndingAfter(t: number): number {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.ends[middle] > t) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low;
  }

  /** Largest bucket index whose start is before t, or −1. */
  private lastStartingBefore(t: number): number {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.starts[middle] < t) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low - 1;
  }

  /** Largest bucket index whose start is ≤ t, or −1; binary search. */
  bucketIndexAt(t: number): number {
    let low = 0;
    let high = this.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (this.starts[middle] <= t) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  }

  private difference(cumulative: Float64Array, lower: number, from: number, upper: number, to: number): number {
    const value = this.cumulativeAt(cumulative, upper, to) - this.cumulativeAt(cumulative, lower, from);
    return value > 0 ? value : 0;
  }

  /** Prefix sum at time t, where `index` is the last bucket starting at or before t. */
  private cumulativeAt(cumulative: Float64Array, index: number, time: number): number {
    if (index < 0) {
      return 0;
    }
    const end = this.ends[index];
    if (time >= end) {
      return cumulative[index + 1];
    }
    const start = this.starts[index];
    return cumulative[index] + ((cumulative[index + 1] - cumulative[index]) * (time - start)) / (end - start);
  }
}

/** Three numbers (count, raw bad, raw total) per out-of-range cause. */
const OUT_OF_RANGE_STRIDE = 3 * OUT_OF_RANGE_CAUSES.length;

/**
 * Runs once per bucket: plain Number.isFinite, no helper call on the hot path. A NaN or infinite total
 * says nothing at all (skipped); a negative one is kept, as a gap, so that it can be reported.
 */
function hasUsableBounds(bucket: EventBucket): boolean {
  return (
    Number.isFinite(bucket.start) &&
    Number.isFinite(bucket.end) &&
    bucket.end > bucket.start &&
    Number.isFinite(bucket.total)
  );
}

/** The step evaluations walk by when the caller gives none: the first bucket's length, or 5 minutes. */
export function defaultStepSeconds(events: EventIndex): number {
  return events.length > 0 ? events.ends[0] - events.starts[0] : 300;
}
