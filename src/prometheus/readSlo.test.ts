import type { SloSpec } from '../domain';
import breakdownBad from '../../tests/fixtures/prometheus/apiserver-breakdown-bad.json';
import breakdownTotal from '../../tests/fixtures/prometheus/apiserver-breakdown-total.json';
import badPromql from '../../tests/fixtures/prometheus/bad-promql.json';
import checkoutBad from '../../tests/fixtures/prometheus/checkout-bad.json';
import checkoutLatency from '../../tests/fixtures/prometheus/checkout-latency.json';
import checkoutQuiet from '../../tests/fixtures/prometheus/checkout-quiet-ratio.json';
import checkoutTotal from '../../tests/fixtures/prometheus/checkout-total.json';
import clusterReady from '../../tests/fixtures/prometheus/cluster-ready.json';
import { type QueryPlan, planQueries } from './plan';
import { type PromApiResponse, resultFromPromApi } from './promApiAdapter';
import { type SloReading, readSlo } from './readSlo';
import type { QueryResult } from './series';

const fixture = (json: unknown) => json as PromApiResponse;
// The fixtures hold the hour before T (5-minute steps) from the demo Prometheus.
const T = 1793491200 - 3 * 86400 + 6 * 3600;

function spec(sli: SloSpec['sli'], extra: Partial<SloSpec> = {}): SloSpec {
  return {
    id: 'slo',
    name: 'SLO',
    service: 'svc',
    objective: 99.9,
    period: { rolling: '30d' },
    budgetingMethod: 'occurrences',
    sli,
    ...extra,
  };
}

const events = spec({
  events: {
    errorQuery: 'sum(rate(http_requests_total{service="checkout",code=~"5.."}[{{.window}}]))',
    totalQuery: 'sum(rate(http_requests_total{service="checkout"}[{{.window}}]))',
  },
});

describe('readSlo', () => {
  it("adds Prometheus's warnings to the reading's notes, naming the query", () => {
    const plan = planQueries(events, { from: T - 3600, to: T, view: 'overview' });
    const warned = { ...fixture(checkoutBad), infos: ['PromQL info: metric might not be a counter: "x"'] };
    const reading = readSlo(events, plan, [
      resultFromPromApi('bad', warned),
      resultFromPromApi('total', fixture(checkoutTotal)),
    ]);
    expect(reading.kind === 'evaluated' && reading.notes).toContain(
      'Prometheus on query bad: PromQL info: metric might not be a counter: "x"'
    );
  });

  it('turns rate answers into event counts per 5-minute bucket and evaluates them', () => {
    const plan = planQueries(events, { from: T - 3600, to: T, view: 'overview' });
    const reading = readSlo(events, plan, [
      resultFromPromApi('bad', fixture(checkoutBad)),
      resultFromPromApi('total', fixture(checkoutTotal)),
    ]);
    expect(reading.kind).toBe('evaluated');
    if (reading.kind !== 'evaluated') {
      return;
    }
    const { buckets, evaluation } = reading.groups[0];
    expect(buckets).toHaveLength(12);
    expect(buckets[0]).toMatchObject({ start: 1793250000, end: 1793250300 });
    // 0.14 errors per second over 300 s.
    expect(buckets[0].bad).toBeCloseTo(42, 9);
    const oneHour = evaluation.windows.find((window) => window.seconds === 3600)!;
    expect(oneHour.errorRatio).toBeGreaterThan(0.003);
    expect(oneHour.errorRatio).toBeLessThan(0.006);
    expect(evaluation.alerts.page).toBe(false);
  });

  it('reads good and all requests of a histogram from one answer', () => {
    const latency = spec({
      latency: {
        bucketMetric: 'http_request_duration_seconds_bucket',
        threshold: '0.3',
        selector: '{service="checkout"}',
      },
    });
    const plan = planQueries(latency, { from: T - 3600, to: T, view: 'overview' });
    const reading = readSlo(latency, plan, [resultFromPromApi('latency', fixture(checkoutLatency))]);
    if (reading.kind !== 'evaluated') {
      throw new Error(reading.message);
    }
    const [bucket] = reading.groups[0].buckets;
    expect(bucket.total).toBeGreaterThan(bucket.bad);
    expect(bucket.bad).toBeGreaterThan(0);
    expect(reading.notes).toEqual([]);
  });

  it('says so when no histogram bucket matches the threshold', () => {
    const latency = spec({
      latency: { bucketMetric: 'http_request_duration_seconds_bucket', threshold: '0.30', selector: '{}' },
    });
    const plan = planQueries(latency, { from: T - 3600, to: T, view: 'overview' });
    const onlyInf = fixture(checkoutLatency);
    const data = onlyInf.data!;
    const filtered = {
      ...onlyInf,
      data: {
        ...data,
        result: (data.result as Array<{ metric: Record<string, string> }>).filter(
          (series) => series.metric.le === '+Inf'
        ),
      },
    };
    const reading = readSlo(latency, plan, [resultFromPromApi('latency', filtered)]);
    expect(reading.kind === 'evaluated' && reading.notes).toEqual([
      'the histogram has no bucket with the threshold as its le bound; every request counts as slow',
    ]);
  });

  it('reads a 0/1 gauge as seconds not ready', () => {
    const gauge = spec({ boolGauge: { query: 'cluster_ready_state' } });
    const plan = planQueries(gauge, { from: T - 3600, to: T, view: 'overview' });
    const reading = readSlo(gauge, plan, [resultFromPromApi('availability', fixture(clusterReady))]);
    if (reading.kind !== 'evaluated') {
      throw new Error(reading.message);
    }
    expect(reading.groups[0].buckets.every((bucket) => bucket.total === 300 && bucket.bad >= 0)).toBe(true);
  });

  it('treats a raw ratio of NaN (0/0, nothing served) as an interval without traffic', () => {
    const raw = spec({ raw: { errorRatioQuery: 'sum(rate(e[{{.window}}])) / sum(rate(t[{{.window}}]))' } });
    const plan = planQueries(raw, { from: T - 3600, to: T, view: 'overview' });
    const reading = readSlo(raw, plan, [resultFromPromApi('errorRatio', fixture(checkoutQuiet))]);
    if (reading.kind !== 'evaluated') {
      throw new Error(reading.message);
    }
    const buckets = reading.groups[0].buckets;
    expect(buckets.filter((bucket) => bucket.total === 0)).toHaveLength(12);
    expect(buckets.every((bucket) => Number.isFinite(bucket.bad))).toBe(true);
  });

  it('makes a Prometheus error the SLO state instead of a number', () => {
    const plan = planQueries(events, { from: T - 3600, to: T, view: 'overview' });
    const reading = readSlo(events, plan, [
      resultFromPromApi('bad', fixture(badPromql)),
      resultFromPromApi('total', fixture(checkoutTotal)),
    ]);
    expect(reading).toMatchObject({
      kind: 'error',
      message: 'bad_data: invalid parameter "query": 1:34: parse error: unclosed left parenthesis',
    });
  });

  it('is no-data, not an error, when Prometheus has nothing', () => {
    const plan = planQueries(events, { from: T - 3600, to: T, view: 'overview' });
    const reading = readSlo(events, plan, [
      { refId: 'bad', series: [] },
      { refId: 'total', series: [] },
    ]);
    expect(reading.kind === 'evaluated' && reading.groups[0].evaluation.status).toBe('no-data');
  });

  it('splits bad events by every breakdown label from one joint answer', () => {
    const apiserver = spec(
      {
        events: {
          errorQuery: 'sum(rate(apiserver_request_total{code=~"5.."}[{{.window}}]))',
          totalQuery: 'sum(rate(apiserver_request_total[{{.window}}]))',
        },
      },
      { objective: 99, breakdownLabels: ['group', 'verb'] }
    );
    const at = 1793491200 - 2 * 86400 + 12 * 3600;
    const plan = planQueries(apiserver, { from: at - 3600, to: at, view: 'detail' });
    const reading = readSlo(apiserver, plan, [
      { refId: 'bad', series: [] },
      { refId: 'total', series: [] },
      resultFromPromApi('breakdown:bad', fixture(breakdownBad)),
      resultFromPromApi('breakdown:total', fixture(breakdownTotal)),
    ]);
    if (reading.kind !== 'evaluated') {
      throw new Error(reading.message);
    }
    const byGroup = reading.breakdown!.labels.find((breakdown) => breakdown.label === 'group')!;
    expect(byGroup.entries[0].value).toBe('projectcalico.org');
    expect(byGroup.entries[0].share).toBeGreaterThan(0.99);
    expect(byGroup.entries[0].errorRatio).toBeGreaterThan(0.9);
    // 49.46 errors per second over the hour.
    expect(byGroup.entries[0].bad).toBeCloseTo(49.464166666666664 * 3600, 6);
    const byVerb = reading.breakdown!.labels.find((breakdown) => breakdown.label === 'verb')!;
    expect(byVerb.entries[0].value).toBe('LIST');
  });
});

describe('readSlo as of an instant between two bucket boundaries', () => {
  const onGrid = 1793491200 - 2 * 86400;
  const at = onGrid + 137;
  const partial = at - onGrid;
  /** Per-second rates: 10 requests, 0.1 % bad, until the last complete bucket; then half of them fail. */
  const TOTAL_RATE = 10;
  const BAD_RATE = 0.01;
  const OUTAGE_BAD_RATE = 5;

  const rangeOf = (plan: QueryPlan, role: string, rate: number): QueryResult => {
    const query = plan.queries.find((candidate) => candidate.refId === role)!;
    const times: number[] = [];
    for (let time = query.start; time <= query.end; time += query.step) {
      times.push(time);
    }
    return { refId: role, series: [{ labels: {}, times, values: times.map(() => rate) }] };
  };
  /** What Prometheus answers for windows ending at `at`: the outage fills the last `partial` seconds. */
  const exactAt = (plan: QueryPlan, role: 'windows' | 'tail'): QueryResult => {
    const query = plan.queries.find((candidate) => candidate.role === role)!;
    return {
      refId: query.refId,
      series: query.windows!.flatMap((seconds) => [
        {
          labels: { sloburn_window: String(seconds), sloburn_part: 'bad' },
          times: [at],
          values: [(BAD_RATE * (seconds - partial) + OUTAGE_BAD_RATE * partial) / seconds],
        },
        { labels: { sloburn_window: String(seconds), sloburn_part: 'total' }, times: [at], values: [TOTAL_RATE] },
      ]),
    };
  };
  const evaluated = (reading: SloReading) => {
    if (reading.kind !== 'evaluated') {
      throw new Error(reading.message);
    }
    return reading;
  };

  it('adds the partial bucket that makes the buckets say what Prometheus says for the windows ending now', () => {
    const plan = planQueries(events, { from: at - 3600, to: at, view: 'overview' });
    expect(plan).toMatchObject({ now: at, bucketEnd: onGrid });
    const reading = evaluated(
      readSlo(events, plan, [
        rangeOf(plan, 'bad', BAD_RATE),
        rangeOf(plan, 'total', TOTAL_RATE),
        exactAt(plan, 'windows'),
      ])
    );
    const { buckets, events: index, evaluation } = reading.groups[0];
    const last = buckets[buckets.length - 1];
    expect(last).toMatchObject({ start: onGrid, end: at });
    expect(last.bad).toBeCloseTo(OUTAGE_BAD_RATE * partial, 9);
    expect(last.total).toBeCloseTo(TOTAL_RATE * partial, 9);
    const fiveMinutes = index.sum(at - 300, at);
    expect(fiveMinutes.bad).toBeCloseTo(BAD_RATE * (300 - partial) + OUTAGE_BAD_RATE * partial, 9);
    expect(fiveMinutes.total).toBeCloseTo(TOTAL_RATE * 300, 9);
    // A window read from the buckets alone (1 day) holds the outage too.
    const day = evaluation.windows.find((window) => window.seconds === 86400)!;
    expect(day.errorRatio).toBeCloseTo(
      (BAD_RATE * (86400 - partial) + OUTAGE_BAD_RATE * partial) / (TOTAL_RATE * 86400),
      12
    );
    expect(day.coverage).toBe(1);
    // The fast page pair fires, and started within the partial bucket.
    expect(evaluation.now).toBe(at);
    expect(evaluation.alerts.pairs[0]).toMatchObject({
      firing: true,
      window: { longSeconds: 3600, shortSeconds: 300 },
    });
    expect(evaluation.alerts.since[0]).toBeGreaterThanOrEqual(onGrid);
    expect(evaluation.alerts.since[0]).toBeLessThanOrEqual(at);
    // The burndown ends at the instant asked, with the budget the page shows.
    const series = evaluation.burndown.series;
    expect(series[series.length - 1]).toEqual({ time: at, remaining: evaluation.budgetRemaining });
    expect(reading.notes).toEqual([]);
  });

  it("takes the partial bucket from Prometheus's count since 6 hours before the last boundary, less the buckets", () => {
    const plan = planQueries(events, { from: at - 3600, to: at, view: 'overview' });
    expect(plan.partialBucket).toEqual({ refId: 'windows', seconds: 21600 + partial });
    const exact = exactAt(plan, 'windows');
    // Prometheus counts 100 more bad events over (bucketEnd − 6h, now] than the buckets and the outage hold.
    const reference = exact.series.find(
      (series) => series.labels.sloburn_window === String(21600 + partial) && series.labels.sloburn_part === 'bad'
    )!;
    reference.values = [reference.values[0] + 100 / (21600 + partial)];
    const reading = evaluated(
      readSlo(events, plan, [rangeOf(plan, 'bad', BAD_RATE), rangeOf(plan, 'total', TOTAL_RATE), exact])
    );
    const { buckets, events: index, evaluation } = reading.groups[0];
    expect(buckets[buckets.length - 1].bad).toBeCloseTo(OUTAGE_BAD_RATE * partial + 100, 9);
    expect(index.sum(onGrid - 21600, at).bad).toBeCloseTo(BAD_RATE * 21600 + OUTAGE_BAD_RATE * partial + 100, 9);
    // The 5-minute window is read exactly all the same.
    expect(evaluation.windows[0].bad).toBeCloseTo(BAD_RATE * (300 - partial) + OUTAGE_BAD_RATE * partial, 9);
  });

  it('evaluates a time on the grid without a partial bucket', () => {
    const plan = planQueries(events, { from: onGrid - 3600, to: onGrid, view: 'overview' });
    const reading = evaluated(
      readSlo(events, plan, [rangeOf(plan, 'bad', BAD_RATE), rangeOf(plan, 'total', TOTAL_RATE)])
    );
    const { buckets } = reading.groups[0];
    expect(buckets[buckets.length - 1]).toMatchObject({ start: onGrid - 300, end: onGrid });
  });

  it('reads the partial bucket of a raw ratio from its tail query, from the last complete bucket to now', () => {
    const raw = spec({ raw: { errorRatioQuery: 'sum(rate(e[{{.window}}])) / sum(rate(t[{{.window}}]))' } });
    const plan = planQueries(raw, { from: at - 3600, to: at, view: 'overview' });
    const tail: QueryResult = {
      refId: 'tail',
      series: [{ labels: { sloburn_window: '300', sloburn_part: 'errorRatio' }, times: [at], values: [0.5] }],
    };
    const reading = evaluated(readSlo(raw, plan, [rangeOf(plan, 'errorRatio', 0.001), tail]));
    const { buckets, events: index } = reading.groups[0];
    expect(buckets[buckets.length - 1]).toMatchObject({ start: onGrid, end: at, total: partial });
    // The seconds since the boundary at Prometheus's latest ratio: a mean of ratios cannot be made to
    // add up like counts, and a derived bucket must not look like more bad than total events.
    expect(buckets[buckets.length - 1].bad).toBeCloseTo(0.5 * partial, 12);
    expect(reading.notes).toEqual([]);
    const window = index.sum(onGrid, at);
    expect(window.bad / window.total).toBeCloseTo(0.5, 12);
  });

  it('says so, and leaves the partial bucket out, when the query at the instant asked fails', () => {
    const plan = planQueries(events, { from: at - 3600, to: at, view: 'overview' });
    const reading = evaluated(
      readSlo(events, plan, [
        rangeOf(plan, 'bad', BAD_RATE),
        rangeOf(plan, 'total', TOTAL_RATE),
        { refId: 'windows', series: [], error: 'timeout: query timed out' },
      ])
    );
    const { buckets } = reading.groups[0];
    expect(buckets[buckets.length - 1].end).toBe(onGrid);
    expect(reading.notes).toEqual([
      'the 2m17s since the last complete bucket could not be read (timeout: query timed out); the windows ending now leave them out',
    ]);
  });

  it('says that time slices are estimated when the buckets are longer than the slices', () => {
    const slices = (period: string) =>
      spec(events.sli, {
        period: { rolling: period },
        budgetingMethod: 'timeslices',
        timesliceTarget: 95,
        timesliceWindow: '1m',
      });
    const monthly = slices('30d');
    const coarse = planQueries(monthly, { from: onGrid - 3600, to: onGrid, view: 'overview', pointsLimit: 'coarsen' });
    expect(coarse.step).toBe(300);
    expect(evaluated(readSlo(monthly, coarse, [])).notes).toEqual([
      "time slices estimated from 5-minute buckets: 1-minute slices over this range need more than 11,000 points per series, Prometheus's limit; a shorter time range reads them exactly",
    ]);
    const weekly = slices('7d');
    const exact = planQueries(weekly, { from: onGrid - 3600, to: onGrid, view: 'overview', pointsLimit: 'coarsen' });
    expect(exact.step).toBe(60);
    expect(evaluated(readSlo(weekly, exact, [])).notes).toEqual([]);
    // The command line reads every 1-minute slice (in several range queries).
    expect(planQueries(monthly, { from: onGrid - 3600, to: onGrid, view: 'overview' }).step).toBe(60);
  });
});

describe('readSlo on data that cannot be an error ratio', () => {
  it('says which windows had more bad than total events, and shows no ratio above 1', () => {
    const plan = planQueries(events, { from: T - 3600, to: T, view: 'overview' });
    const total = resultFromPromApi('total', fixture(checkoutTotal));
    const tripled: QueryResult = {
      ...total,
      refId: 'bad',
      series: total.series.map((one) => ({ ...one, values: one.values.map((value) => value * 3) })),
    };
    const reading = readSlo(events, plan, [tripled, total]);
    expect(reading.kind).toBe('evaluated');
    if (reading.kind !== 'evaluated') {
      return;
    }
    expect(reading.notes.join('\n')).toMatch(/bad events exceed total events in .*5m.*\(ratio 3(\.0)?\)/);
    for (const window of reading.groups[0].evaluation.windows) {
      expect(window.errorRatio === null || window.errorRatio <= 1).toBe(true);
    }
  });
});
