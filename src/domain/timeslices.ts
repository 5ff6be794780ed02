import { type EventBucket, EventIndex } from './buckets';
import { isStrictlyAbove } from './numbers';
import { clampedRatio } from './outOfRange';

export interface TimesliceOptions {
  sliceSeconds: number;
  /** Percent of good events a slice needs to be good. */
  targetPercent: number;
  /** Slices are aligned to multiples of `sliceSeconds` from this time (defaults to the first bucket). */
  alignTo?: number;
}

/**
 * Time-slice budgeting (OpenSLO `Timeslices`): each slice becomes one event — bad when its good
 * ratio is below the target — so the rest of the engine (windows, burn rates, burndown) works on
 * slices unchanged. A slice without events, or without data, is skipped: it counts neither as good
 * nor as bad, because nobody was served and nothing was measured. A slice meeting the target exactly
 * is good.
 */
export function toTimesliceBuckets(buckets: readonly EventBucket[], options: TimesliceOptions): EventBucket[] {
  return timesliceBucketsFromIndex(new EventIndex(buckets), options);
}

/**
 * The same from an index already built (its out-of-range rule applied). The last slice may extend past
 * the data (an evaluation at an off-grid `now`): it is judged on the data it has so far, and a window
 * ending at `now` counts the observed part of it pro rata, as it counts any bucket it cuts, so a window
 * always holds window ÷ slice slices at most.
 */
export function timesliceBucketsFromIndex(events: EventIndex, options: TimesliceOptions): EventBucket[] {
  const first = events.firstStart;
  const last = events.lastEnd;
  if (first === null || last === null) {
    return [];
  }
  const { sliceSeconds, targetPercent } = options;
  const origin = options.alignTo ?? first;
  const allowedBadRatio = (100 - targetPercent) / 100;
  const firstSliceStart = origin + Math.floor((first - origin) / sliceSeconds) * sliceSeconds;
  const sliceEnds: number[] = [];
  for (let end = firstSliceStart + sliceSeconds; end - sliceSeconds < last; end += sliceSeconds) {
    sliceEnds.push(end);
  }
  const slices: EventBucket[] = [];
  const { bad, total } = events.slidingSums(sliceEnds, sliceSeconds);
  for (let i = 0; i < sliceEnds.length; i++) {
    const ratio = clampedRatio(bad[i], total[i]);
    if (ratio !== null) {
      const isBad = isStrictlyAbove(ratio, allowedBadRatio);
      slices.push({ start: sliceEnds[i] - sliceSeconds, end: sliceEnds[i], bad: isBad ? 1 : 0, total: 1 });
    }
  }
  return slices;
}
