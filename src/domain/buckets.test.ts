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

  it('gives the events up to each time in one pass, as sums from the start would', () => {
    const times = [-60, 0, 30, 90, 600, 900];
    const prefix = events.prefixSums(times);
    times.forEach((time, i) => {
      expect(prefix.bad[i]).toBeCloseTo(events.sum(-1, time).bad, 12);
      expect(prefix.total[i]).toBeCloseTo(events.sum(-1, time).total, 12);
    });
  });

  it('adds windows exactly: two adjacent windows sum to the window that spans both', () => {
    const a = events.sum(0, 240);
    const b = events.sum(240, 600);
    expect(a.bad + b.bad).toBe(events.sum(0, 600).bad);
  });

  describe('counts that cannot be an error ratio', () => {
    const hostile = new EventIndex([
      { start: 0, end: 60, bad: 30, total: 10 }, // bad above total: clamped to 10
      { start: 60, end: 120, bad: -12, total: 10 }, // negative bad: clamped to 0
      { start: 120, end: 180, bad: 1, total: -5 }, // negative total: a gap, but reported
      { start: 180, end: 240, bad: 2, total: 10 },
      { start: 240, end: 300, bad: -1e-12, total: 10 }, // float noise: clamped, not reported
    ]);

    it('clamps bad into [0, total] in every bucket and treats a negative total as a gap', () => {
      expect(hostile.sum(0, 300)).toEqual({ bad: 10 + 0 + 2 + 0, total: 40, covered: 240 });
      expect(hostile.sum(120, 180)).toEqual({ bad: 0, total: 0, covered: 0 });
    });

    it('says per cause what was clamped in the buckets a window overlaps, with their raw figures', () => {
      expect(hostile.outOfRange(0, 300)).toEqual({
        'bad-above-total': { count: 1, bad: 30, total: 10 },
        'negative-bad': { count: 1, bad: -12, total: 10 },
        'negative-total': { count: 1, bad: 1, total: -5 },
      });
      // (30, 90] overlaps the first two buckets only partly: both count.
      expect(Object.keys(hostile.outOfRange(30, 90)!)).toEqual(['bad-above-total', 'negative-bad']);
      // Edges are exclusive at the start, as in sums: (60, 120] does not touch the bucket (0, 60].
      expect(Object.keys(hostile.outOfRange(60, 120)!)).toEqual(['negative-bad']);
      expect(hostile.outOfRange(180, 300)).toBeNull();
      expect(hostile.outOfRange(300, 900)).toBeNull();
    });

    it('reports nothing on clean data, and a window with no out-of-range bucket after one that had', () => {
      expect(events.outOfRange(0, 600)).toBeNull();
      const late = new EventIndex(evenBuckets(10, 60, (i) => ({ bad: i === 2 ? 50 : 1, total: 10 })));
      expect(late.outOfRange(0, 120)).toBeNull();
      expect(late.outOfRange(0, 180)).toEqual({ 'bad-above-total': { count: 1, bad: 50, total: 10 } });
      expect(late.outOfRange(180, 600)).toBeNull();
    });

    it('reads every bucket once, whatever is out of range: building the index stays linear', () => {
      let reads = 0;
      const buckets = evenBuckets(1000, 60, (i) => ({ bad: i % 3 === 0 ? -i : i * 2, total: i % 7 === 0 ? -1 : i }));
      const counted = new Proxy(buckets, {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) {
            reads++;
          }
          return Reflect.get(target, key, receiver);
        },
      });
      new EventIndex(counted);
      expect(reads).toBe(1000);
    });
  });
});
