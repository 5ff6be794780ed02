import type { SloSpec } from '../../src/domain';
import { sliErrorRatioExpr } from '../../src/prometheus/sliQueries';
import { naiveBurndownExpr, naiveQueries, rangePoints, rawSamplesQuery, rawWindowSeconds } from './queries';
import { CHECKOUT_AVAILABILITY } from '../../src/domain/testing/checkoutAvailability';

const NOW = 1793491200; // 2026-11-01T00:00:00Z

const events: SloSpec = CHECKOUT_AVAILABILITY;

const latencyMonthly: SloSpec = {
  ...events,
  id: 'checkout-latency',
  objective: 99,
  period: { calendar: 'month', timezone: 'Europe/Berlin' },
  sli: {
    latency: {
      bucketMetric: 'http_request_duration_seconds_bucket',
      threshold: '0.3',
      selector: '{service="checkout"}',
    },
  },
};

describe('rawSamplesQuery', () => {
  it('reads the SLI once over a rolling period', () => {
    expect(rawSamplesQuery(events, NOW)).toEqual({
      kind: 'instant',
      label: 'raw 30d',
      expr: '(sum(rate(http_requests_total{code=~"5.."}[30d]))) / (sum(rate(http_requests_total[30d])))',
      time: NOW,
    });
  });

  it('reads the elapsed part of a calendar period, both histogram selectors', () => {
    // Berlin's November begins at 2026-10-31T23:00Z, an hour before NOW.
    expect(rawWindowSeconds(latencyMonthly, NOW)).toBe(3600);
    expect(rawSamplesQuery(latencyMonthly, NOW).expr).toBe(sliErrorRatioExpr(latencyMonthly.sli, '1h'));
    expect(rawSamplesQuery(latencyMonthly, NOW - 86400 * 2).expr).toContain('[29d2h]'); // October began at 2026-09-30T22:00Z (summer time)
  });

  it('uses the gauge over the period for a boolGauge SLI', () => {
    const gauge: SloSpec = { ...events, sli: { boolGauge: { query: 'cluster_ready_state' } } };
    expect(rawSamplesQuery(gauge, NOW).expr).toBe('1 - avg(avg_over_time(cluster_ready_state[30d]))');
  });
});

describe('naiveQueries', () => {
  it('asks for every alert window and the period as instant queries', () => {
    const { windows } = naiveQueries(events, NOW);
    expect(windows.map((query) => query.label)).toEqual([
      'ratio 5m',
      'ratio 30m',
      'ratio 1h',
      'ratio 2h',
      'ratio 6h',
      'ratio 1d',
      'ratio 3d',
      'ratio 30d',
    ]);
    expect(windows.every((query) => query.kind === 'instant' && query.time === NOW)).toBe(true);
  });

  it('draws a rolling 30-day burndown every 5 minutes in one range query under the points limit', () => {
    const { burndown, fullPoints } = naiveQueries(events, NOW);
    expect(fullPoints).toBe(8641);
    expect(burndown).toEqual([
      {
        kind: 'range',
        label: 'burndown #0',
        expr: `1 - (${sliErrorRatioExpr(events.sli, '30d')}) / 0.001`,
        start: NOW - 30 * 86400,
        end: NOW,
        step: 300,
      },
    ]);
    expect(rangePoints(burndown[0])).toBe(8641);
  });

  it('keeps every nth burndown point for a sample, on the same grid', () => {
    const { burndown, fullPoints } = naiveQueries(events, NOW, 30);
    expect(fullPoints).toBe(8641);
    expect(burndown).toHaveLength(1);
    expect(burndown[0]).toMatchObject({ start: NOW - 30 * 86400, step: 9000 });
    expect(rangePoints(burndown[0])).toBe(289);
  });

  it('divides by the error budget without float noise', () => {
    expect(naiveBurndownExpr({ ...events, objective: 99.95 })).toMatch(/\/ 0\.0005$/);
  });
});
