import { toTimesliceBuckets } from './timeslices';
import { bucketsBetween } from './testing/buckets';

describe('toTimesliceBuckets', () => {
  const minutes = bucketsBetween(0, 3600, 60, (t) => {
    if (t >= 600 && t < 900) {
      return { bad: 10, total: 100 };
    }
    if (t >= 1800 && t < 2100) {
      return { bad: 0, total: 0 };
    }
    return { bad: 1, total: 100 };
  });

  it('makes one event per slice, bad when the slice misses its target', () => {
    const slices = toTimesliceBuckets(minutes, { sliceSeconds: 300, targetPercent: 95 });
    expect(slices).toHaveLength(11);
    expect(slices.filter((slice) => slice.bad === 1).map((slice) => slice.start)).toEqual([600]);
    expect(slices.every((slice) => slice.total === 1)).toBe(true);
  });

  it('skips slices without events: they are neither good nor bad', () => {
    const slices = toTimesliceBuckets(minutes, { sliceSeconds: 300, targetPercent: 95 });
    expect(slices.find((slice) => slice.start === 1800)).toBeUndefined();
  });

  it('counts a slice exactly at its target as good', () => {
    const atTarget = bucketsBetween(0, 300, 60, () => ({ bad: 5, total: 100 }));
    expect(toTimesliceBuckets(atTarget, { sliceSeconds: 300, targetPercent: 95 })[0].bad).toBe(0);
    expect(toTimesliceBuckets(atTarget, { sliceSeconds: 300, targetPercent: 96 })[0].bad).toBe(1);
  });

  it('aligns slices to a given origin', () => {
    const slices = toTimesliceBuckets(
      bucketsBetween(120, 1200, 60, () => ({ bad: 0, total: 1 })),
      {
        sliceSeconds: 300,
        targetPercent: 99,
        alignTo: 0,
      }
    );
    expect(slices.map((slice) => slice.start)).toEqual([0, 300, 600, 900]);
  });

  it('is empty without data', () => {
    expect(toTimesliceBuckets([], { sliceSeconds: 300, targetPercent: 99 })).toEqual([]);
  });
});
