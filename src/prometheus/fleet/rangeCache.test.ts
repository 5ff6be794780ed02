import type { PlannedQuery } from '../plan';
import {
  MAX_HISTORY_SECONDS,
  RangeCache,
  cachedSeriesBetween,
  rangeCacheKey,
  toCachedRange,
  unionRange,
} from './rangeCache';
import { compareLabels, mergeSeries } from './mergeSeries';

const query: PlannedQuery = {
  refId: 'total',
  role: 'total',
  expr: 'sum(rate(http_requests_total[5m]))',
  instant: false,
  start: 300,
  end: 3000,
  step: 300,
  perSecond: true,
};

describe('RangeCache', () => {
  it('keeps NaN answers apart from missing points', () => {
    const entry = toCachedRange([{ labels: {}, times: [300, 900], values: [Number.NaN, 2] }], 300, 300, 1200);
    expect(cachedSeriesBetween(entry, 300, 1200)).toEqual([{ labels: {}, times: [300, 900], values: [Number.NaN, 2] }]);
    expect(cachedSeriesBetween(entry, 600, 900)).toEqual([{ labels: {}, times: [900], values: [2] }]);
  });

  it('forgets the least recently used entries beyond its bound', () => {
    const cache = new RangeCache(10);
    const entry = (points: number) =>
      toCachedRange([{ labels: {}, times: [0], values: [1] }], 60, 0, (points - 1) * 60);
    cache.set('a', entry(4));
    cache.set('b', entry(4));
    cache.get('a');
    cache.set('c', entry(4));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.stats()).toEqual({ entries: 2, values: 8 });
    cache.set('huge', entry(11));
    expect(cache.get('huge')).toBeUndefined();
  });

  it('keys by data source, role, refId, step, per-second and the PromQL itself', () => {
    const key = rangeCacheKey('prom-a', query);
    expect(rangeCacheKey('prom-b', query)).not.toBe(key);
    expect(rangeCacheKey('prom-a', { ...query, expr: query.expr.replace('5m', '10m') })).not.toBe(key);
    expect(rangeCacheKey('prom-a', { ...query, step: 600 })).not.toBe(key);
    expect(rangeCacheKey('prom-a', { ...query, refId: 'total#1' })).not.toBe(key);
    expect(rangeCacheKey('prom-a', { ...query, perSecond: false })).not.toBe(key);
    expect(rangeCacheKey('prom-a', { ...query, role: 'bad', refId: 'bad' })).not.toBe(key);
    expect(rangeCacheKey('prom-a', { ...query, start: 0, end: 600 })).toBe(key);
  });
});

describe('unionRange', () => {
  const run = (from: number, to: number, value: number, route = '/a') =>
    toCachedRange(
      [{ labels: { route }, times: range(from, to), values: range(from, to).map(() => value) }],
      300,
      from,
      to
    );
  const range = (from: number, to: number) => Array.from({ length: (to - from) / 300 + 1 }, (_, i) => from + i * 300);

  it('joins overlapping runs, the fresh values winning', () => {
    const joined = unionRange(run(0, 3000, 1), run(1500, 4500, 2));
    expect([joined.from, joined.to]).toEqual([0, 4500]);
    expect(cachedSeriesBetween(joined, 0, 4500)[0].values).toEqual([
      ...range(0, 1200).map(() => 1),
      ...range(1500, 4500).map(() => 2),
    ]);
  });

  it('keeps the fresh run alone when the two do not touch, and drops history beyond its limit', () => {
    expect(unionRange(run(0, 600, 1), run(1200, 1800, 2)).from).toBe(1200);
    const long = unionRange(run(0, 600, 1), run(900, MAX_HISTORY_SECONDS + 3000, 2));
    expect(long.from).toBe(3000);
  });

  it('keeps label sets only the older run has, in label order', () => {
    const older = toCachedRange(
      [
        { labels: { route: '/a' }, times: [0], values: [1] },
        { labels: { route: '/b' }, times: [0], values: [1] },
      ],
      300,
      0,
      300
    );
    const joined = unionRange(older, run(300, 600, 2, '/c'));
    expect(joined.series.map((one) => one.labels.route)).toEqual(['/a', '/b', '/c']);
  });
});

describe('mergeSeries', () => {
  const series = (route: string, times: number[]) => ({ labels: { route }, times, values: times.map(() => 1) });

  it("joins runs of one label set and keeps the newest answer's order", () => {
    const merged = mergeSeries(
      [
        [series('/b', [1]), series('/a', [1])],
        [series('/b', [2]), series('/a', [2])],
      ],
      [series('/b', [2]), series('/a', [2])]
    );
    expect(merged.map((one) => [one.labels.route, one.times])).toEqual([
      ['/b', [1, 2]],
      ['/a', [1, 2]],
    ]);
  });

  it('sorts as Prometheus does when an older label set is missing from the newest answer', () => {
    const merged = mergeSeries(
      [
        [series('/c', [1]), series('/b', [1])],
        [series('/a', [2]), series('/c', [2])],
      ],
      [series('/a', [2]), series('/c', [2])]
    );
    expect(merged.map((one) => one.labels.route)).toEqual(['/a', '/b', '/c']);
  });

  it('compares label sets as labels.Compare', () => {
    expect(compareLabels({ a: '1' }, { a: '1', b: '1' })).toBeLessThan(0);
    expect(compareLabels({ a: '2' }, { a: '1', b: '1' })).toBeGreaterThan(0);
    expect(compareLabels({ b: '1' }, { a: '9', c: '1' })).toBeGreaterThan(0);
    expect(compareLabels({ a: 'x' }, { a: 'x' })).toBe(0);
  });
});
