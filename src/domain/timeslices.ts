import { type EventBucket, EventIndex } from './buckets';
import { isStrictlyAbove } from './numbers';

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
  const events = new EventIndex(buckets);
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
    if (total[i] > 0) {
      const isBad = isStrictlyAbove(bad[i] / total[i], allowedBadRatio);
      slices.push({ start: sliceEnds[i] - sliceSeconds, end: sliceEnds[i], bad: isBad ? 1 : 0, total: 1 });
    }
  }
  return slices;
}
