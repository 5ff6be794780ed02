import type { EventBucket } from '../buckets';

/** Test data: evenly spaced buckets from `start` with counts from `fill(bucketStart)`. */
export function bucketsBetween(
  start: number,
  end: number,
  step: number,
  fill: (bucketStart: number) => { bad: number; total: number }
): EventBucket[] {
  const buckets: EventBucket[] = [];
  for (let time = start; time < end; time += step) {
    buckets.push({ start: time, end: time + step, ...fill(time) });
  }
  return buckets;
}
