import type { SloSpec } from '../domain';
import { alertGuardExpr, guardEventsExpr } from './alertGuard';

const HOUR = 3600;
const fastPage = { severity: 'page' as const, longSeconds: HOUR, shortSeconds: 300, factor: 14.4, budgetPercent: 2 };

const base: SloSpec = {
  id: 'checkout',
  name: 'Checkout',
  service: 'checkout',
  objective: 99.9,
  period: { rolling: '30d' },
  budgetingMethod: 'occurrences',
  alerting: { windows: 'default', minEvents: 500 },
  sli: {
    events: {
      errorQuery: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
      totalQuery: 'sum(rate(http_requests_total[{{.window}}]))',
    },
  },
};

describe('guardEventsExpr', () => {
  it('counts events: the total query over the window, times its seconds when it is a per-second rate', () => {
    expect(guardEventsExpr(base, HOUR)).toBe('(sum(rate(http_requests_total[1h]))) * 3600');
    const counted = { ...base, sli: { ratio: { goodQuery: 'g', totalQuery: 'sum(increase(requests[{{.window}}]))' } } };
    expect(guardEventsExpr(counted, 86400)).toBe('(sum(increase(requests[1d])))');
  });

  it("counts a histogram's requests in its +Inf bucket", () => {
    const latency = {
      ...base,
      sli: {
        latency: {
          bucketMetric: 'http_request_duration_seconds_bucket',
          threshold: '0.3',
          selector: '{service="checkout"}',
        },
      },
    };
    expect(guardEventsExpr(latency, HOUR)).toBe(
      'sum(rate(http_request_duration_seconds_bucket{service="checkout",le="+Inf"}[1h])) * 3600'
    );
  });

  it('counts the seconds measured of a 0/1 gauge and a raw ratio, 5 minutes per bucket with a value', () => {
    const gauge = { ...base, sli: { boolGauge: { query: 'cluster_ready_state' } } };
    expect(guardEventsExpr(gauge, HOUR)).toBe(
      'count_over_time((avg (avg_over_time(cluster_ready_state[299999ms])))[3599999ms:5m]) * 300'
    );
    const raw = { ...base, sli: { raw: { errorRatioQuery: 'sum(rate(e[{{.window}}])) / sum(rate(t[{{.window}}]))' } } };
    // 0/0 is NaN, no traffic: it compares false and is not counted.
    expect(guardEventsExpr(raw, HOUR)).toBe(
      'count_over_time(((sum(rate(e[5m])) / sum(rate(t[5m]))) >= -Inf)[3599999ms:5m]) * 300'
    );
  });

  it('counts time slices with events', () => {
    const sliced: SloSpec = { ...base, budgetingMethod: 'timeslices', timesliceWindow: '10m', timesliceTarget: 99 };
    expect(guardEventsExpr(sliced, HOUR)).toBe(
      'count_over_time(((sum(rate(http_requests_total[10m]))) > 0)[3599999ms:10m])'
    );
  });
});

describe('alertGuardExpr', () => {
  it('holds the pair back under minEvents in its long window', () => {
    expect(alertGuardExpr(base, fastPage)).toBe('((sum(rate(http_requests_total[1h]))) * 3600) >= 500');
  });

  it('is absent without a guard, or with a guard of 0, which holds nothing back', () => {
    expect(alertGuardExpr({ ...base, alerting: { windows: 'default' } }, fastPage)).toBeNull();
    expect(alertGuardExpr({ ...base, alerting: { minEvents: 0 } }, fastPage)).toBeNull();
  });
});
