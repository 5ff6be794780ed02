import { type EventBucket, EventIndex } from './buckets';

function evenBuckets(count: number, step: number, fill: (i: number) => { bad: number; total: number }): EventBucket[] {
  return Array.from({ length: count }, (_, i) => ({ start: i * step, end: (i + 1) * step, ...fill(i) }));
}

describe('EventIndex', () => {
  const buckets = evenBuckets(10, 60, (i) => ({ bad: i, total: 100 }));
  const events = new EventIndex(buckets);

  it('sums whole buckets in (from, to]', () => {
    expect(events.sum(0, 600)).toEqual({ bad: 45, total: 1000, covered: 600 });
    expect(events.sum(120, 300)).toEqual({ bad: 2 + 3 + 4, total: 300, covered: 180 });
  });

  it('counts a bucket cut by a window edge pro rata', () => {
    expect(events.sum(90, 150)).toEqual({ bad: 0.5 + 1, total: 100, covered: 60 });
  });

  it('returns nothing outside the data and tells coverage apart from traffic', () => {
    expect(events.sum(-600, 0)).toEqual({ bad: 0, total: 0, covered: 0 });
    expect(events.sum(600, 1200)).toEqual({ bad: 0, total: 0, covered: 0 });
    expect(events.sum(300, 1200).covered).toBe(300);
  });

  it('treats gaps as missing data', () => {
    const gappy = new EventIndex([
      { start: 0, end: 60, bad: 1, total: 10 },
      { start: 120, end: 180, bad: 2, total: 10 },
    ]);
    expect(gappy.sum(0, 180)).toEqual({ bad: 3, total: 20, covered: 120 });
    expect(gappy.sum(60, 120)).toEqual({ bad: 0, total: 0, covered: 0 });
  });

  it('skips buckets with NaN, infinite or negative totals and clamps negative bad counts', () => {
    const messy = new EventIndex([
      { start: 0, end: 60, bad: -1e-12, total: 10 },
      { start: 60, end: 120, bad: Number.NaN, total: Number.NaN },
      { start: 120, end: 180, bad: 1, total: Number.POSITIVE_INFINITY },
      { start: 180, end: 240, bad: 1, total: -5 },
      { start: 240, end: 300, bad: Number.NaN, total: 10 },
      { start: 300, end: 360, bad: 2, total: 10 },
    ]);
    const counts = messy.sum(0, 360);
    expect(counts).toEqual({ bad: 2, total: 30, covered: 180 });
    expect(Number.isFinite(counts.bad)).toBe(true);
  });

  it('rejects overlapping or unordered buckets with a reason', () => {
    expect(
      () =>
        new EventIndex([
          { start: 60, end: 120, bad: 0, total: 1 },
          { start: 0, end: 60, bad: 0, total: 1 },
        ])
    ).toThrow(/ordered/);
  });

  it('gives the same sliding sums in one pass as separate lookups', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const noisy = new EventIndex(
      evenBuckets(500, 300, () => ({ bad: Math.floor(random() * 5), total: 100 + Math.floor(random() * 50) }))
    );
    const times = Array.from({ length: 300 }, (_, i) => 3600 + i * 417);
    for (const window of [300, 1800, 3600, 21600]) {
      const sliding = noisy.slidingSums(times, window);
      times.forEach((time, i) => {
        const direct = noisy.sum(time - window, time);
        expect(sliding.bad[i]).toBeCloseTo(direct.bad, 9);
        expect(sliding.total[i]).toBeCloseTo(direct.total, 9);
        expect(sliding.covered[i]).toBeCloseTo(direct.covered, 9);
      });
    }
  });

  it('adds windows exactly: two adjacent windows sum to the window that spans both', () => {
    const a = events.sum(0, 240);
    const b = events.sum(240, 600);
    expect(a.bad + b.bad).toBe(events.sum(0, 600).bad);
  });
});
