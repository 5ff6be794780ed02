import type { SloSpec } from '../domain';
import breakdownBad from '../../tests/fixtures/prometheus/apiserver-breakdown-bad.json';
import breakdownTotal from '../../tests/fixtures/prometheus/apiserver-breakdown-total.json';
import badPromql from '../../tests/fixtures/prometheus/bad-promql.json';
import checkoutBad from '../../tests/fixtures/prometheus/checkout-bad.json';
import checkoutLatency from '../../tests/fixtures/prometheus/checkout-latency.json';
import checkoutQuiet from '../../tests/fixtures/prometheus/checkout-quiet-ratio.json';
import checkoutTotal from '../../tests/fixtures/prometheus/checkout-total.json';
import clusterReady from '../../tests/fixtures/prometheus/cluster-ready.json';
import { planQueries } from './plan';
import { type PromApiResponse, resultFromPromApi } from './promApiAdapter';
import { readSlo } from './readSlo';

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
