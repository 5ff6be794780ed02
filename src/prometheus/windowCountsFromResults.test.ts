import type { SloSpec } from '../domain';
import availabilityWindows from '../../tests/fixtures/prometheus/windows-checkout-availability.json';
import latencyWindows from '../../tests/fixtures/prometheus/windows-checkout-latency.json';
import readyWindows from '../../tests/fixtures/prometheus/windows-karmada-cluster-ready.json';
import { planQueries } from './plan';
import { type PromApiResponse, resultFromPromApi } from './promApiAdapter';
import { windowCountsFromResults } from './windowCountsFromResults';

// Real answers of the demo Prometheus to the exact-windows query, 5 minutes after the checkout restart.
const AT = 1793005500;

function spec(sli: SloSpec['sli'], objective = 99.9): SloSpec {
  return {
    id: 's',
    name: 'S',
    service: 'checkout',
    objective,
    period: { rolling: '30d' },
    budgetingMethod: 'occurrences',
    sli,
  };
}

function countsFor(slo: SloSpec, response: unknown) {
  const plan = planQueries(slo, { from: AT - 3600, to: AT, view: 'overview' });
  return windowCountsFromResults(plan, [resultFromPromApi('windows', response as PromApiResponse)], []).get('')!;
}

describe('windowCountsFromResults', () => {
  it('reads bad and total events of every short window, rates times the window', () => {
    const counts = countsFor(
      spec({
        events: {
          errorQuery: 'sum(rate(http_requests_total{service="checkout",code=~"5.."}[{{.window}}]))',
          totalQuery: 'sum(rate(http_requests_total{service="checkout"}[{{.window}}]))',
        },
      }),
      availabilityWindows
    );
    expect(Object.keys(counts).map(Number)).toEqual([300, 1800, 3600, 7200, 21600]);
    for (const { bad, total } of Object.values(counts)) {
      expect(total).toBeGreaterThan(0);
      expect(bad).toBeGreaterThanOrEqual(0);
      expect(bad).toBeLessThan(total * 0.01);
    }
    // A rate over 6 hours times 6 hours: whole requests, give or take Prometheus's extrapolation.
    expect(counts[21600].total).toBeGreaterThan(counts[3600].total * 4);
  });

  it('reads the threshold and +Inf buckets of a histogram per window', () => {
    const counts = countsFor(
      spec(
        {
          latency: {
            bucketMetric: 'http_request_duration_seconds_bucket',
            threshold: '0.3',
            selector: '{service="checkout"}',
          },
        },
        99
      ),
      latencyWindows
    );
    expect(Object.keys(counts)).toHaveLength(5);
    expect(counts[3600].bad).toBeGreaterThan(0);
    expect(counts[3600].bad / counts[3600].total).toBeLessThan(0.01);
  });

  it('reads a gauge as seconds not ready', () => {
    const counts = countsFor(spec({ boolGauge: { query: 'cluster_ready_state' } }, 99), readyWindows);
    expect(counts[300].total).toBe(300);
    expect(counts[21600].total).toBe(21600);
  });

  it('has nothing to say without the query or when it failed', () => {
    const plan = planQueries(spec({ boolGauge: { query: 'x' } }), { from: AT - 3600, to: AT, view: 'overview' });
    expect(windowCountsFromResults(plan, [{ refId: 'windows', series: [], error: 'timeout' }], []).size).toBe(0);
  });
});

describe('windowCountsFromResults where Prometheus has nothing for a window', () => {
  const events = spec({
    events: {
      errorQuery: 'sum(rate(http_requests_total{service="checkout",code=~"5.."}[{{.window}}]))',
      totalQuery: 'sum(rate(http_requests_total{service="checkout"}[{{.window}}]))',
    },
  });
  const plan = planQueries(events, { from: AT - 3600, to: AT, view: 'overview' });
  const tagged = (seconds: number, part: string, value: number) => ({
    labels: { sloburn_window: String(seconds), sloburn_part: part },
    times: [AT],
    values: [value],
  });

  it('reads a window missing from an answer that has others as no events', () => {
    const counts = windowCountsFromResults(
      plan,
      [{ refId: 'windows', series: [1800, 3600, 7200, 21600].map((seconds) => tagged(seconds, 'total', 10)) }],
      []
    ).get('')!;
    expect(counts[300]).toEqual({ bad: 0, total: 0 });
    expect(counts[1800]).toEqual({ bad: 0, total: 18000 });
  });

  it('says nothing when the answer is empty, so that the buckets stand', () => {
    expect(windowCountsFromResults(plan, [{ refId: 'windows', series: [] }], []).size).toBe(0);
  });
});
