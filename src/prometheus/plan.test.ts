import type { SloSpec } from '../domain';
import { MAX_POINTS_PER_SERIES, chunkedRange, planQueries } from './plan';

const DAY = 86400;
const to = 1793491200 + 123;

const events: SloSpec = {
  id: 'checkout-availability',
  name: 'Checkout availability',
  service: 'checkout',
  objective: 99.9,
  period: { rolling: '30d' },
  budgetingMethod: 'occurrences',
  breakdownLabels: ['route', 'code'],
  sli: {
    events: {
      errorQuery: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
      totalQuery: 'sum(rate(http_requests_total[{{.window}}]))',
    },
  },
};

describe('planQueries', () => {
  it('reads the overview with one range query per SLI part, over the period, at a 5-minute step', () => {
    const plan = planQueries(events, { from: to - DAY, to, view: 'overview' });
    const range = plan.queries.filter((query) => !query.instant);
    expect(plan.now).toBe(1793491200);
    expect(plan.step).toBe(300);
    expect(plan.bucketStart).toBe(plan.now - 30 * DAY);
    expect(range).toEqual([
      {
        refId: 'bad',
        role: 'bad',
        expr: 'sum(rate(http_requests_total{code=~"5.."}[5m]))',
        instant: false,
        start: plan.now - 30 * DAY + 300,
        end: plan.now,
        step: 300,
        perSecond: true,
      },
      {
        refId: 'total',
        role: 'total',
        expr: 'sum(rate(http_requests_total[5m]))',
        instant: false,
        start: plan.now - 30 * DAY + 300,
        end: plan.now,
        step: 300,
        perSecond: true,
      },
    ]);
    expect((plan.queries[0].end - plan.queries[0].start) / 300 + 1).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES);
  });

  it('reads the short alert windows exactly in one more instant query, parts and windows told apart by labels', () => {
    const plan = planQueries(events, { from: to - DAY, to, view: 'overview' });
    const windows = plan.queries.filter((query) => query.role === 'windows');
    expect(windows).toHaveLength(1);
    expect(windows[0]).toMatchObject({
      refId: 'windows',
      instant: true,
      end: plan.now,
      perSecondRoles: ['bad', 'total'],
    });
    const terms = windows[0].expr.split('\nor\n');
    expect(terms).toHaveLength(10);
    expect(terms[0]).toBe(
      'label_replace(label_replace((sum(rate(http_requests_total{code=~"5.."}[5m]))), "sloburn_window", "300", "", ""), "sloburn_part", "bad", "", "")'
    );
    expect(terms.map((term) => /\[(\w+)\]/.exec(term)![1])).toEqual([
      '5m',
      '5m',
      '30m',
      '30m',
      '1h',
      '1h',
      '2h',
      '2h',
      '6h',
      '6h',
    ]);
    expect(plan.queries.length).toBeLessThanOrEqual(4);
  });

  it('reads no exact windows for raw ratios or time slices, whose windows come from the buckets by definition', () => {
    const raw: SloSpec = {
      ...events,
      sli: { raw: { errorRatioQuery: 'sum(rate(e[{{.window}}])) / sum(rate(t[{{.window}}]))' } },
    };
    expect(planQueries(raw, { from: to - DAY, to, view: 'overview' }).queries.map((query) => query.role)).toEqual([
      'errorRatio',
    ]);
    const sliced: SloSpec = { ...events, budgetingMethod: 'timeslices', timesliceTarget: 95, timesliceWindow: '5m' };
    expect(planQueries(sliced, { from: to - DAY, to, view: 'overview' }).queries.map((query) => query.role)).toEqual([
      'bad',
      'total',
    ]);
  });

  it('reaches back for the visible range and splits bad events by every breakdown label in one query', () => {
    const plan = planQueries(events, { from: to - DAY, to, view: 'detail' });
    const fromAligned = Math.floor((to - DAY) / 300) * 300;
    expect(plan.bucketStart).toBe(fromAligned - 30 * DAY);
    expect(plan.historyFrom).toBe(fromAligned);
    const breakdown = plan.queries.filter((query) => query.role === 'breakdown');
    expect(breakdown.map((query) => [query.refId, query.expr, query.instant])).toEqual([
      ['breakdown:bad', 'sum by (route, code) (rate(http_requests_total{code=~"5.."}[1d]))', true],
      ['breakdown:total', 'sum by (route, code) (rate(http_requests_total[1d]))', true],
    ]);
    expect(plan.breakdown).toEqual({ labels: ['route', 'code'], from: fromAligned });
  });

  it('covers a calendar month from its start and the longest alert window before now', () => {
    const monthly = { ...events, period: { calendar: 'month' as const } };
    const early = planQueries(monthly, { from: 0, to: Date.parse('2026-11-02T00:00:00Z') / 1000, view: 'overview' });
    expect(early.bucketStart).toBe(early.now - 3 * DAY);
    const late = planQueries(monthly, { from: 0, to: Date.parse('2026-11-20T00:00:00Z') / 1000, view: 'overview' });
    expect(late.bucketStart).toBe(Date.parse('2026-11-01T00:00:00Z') / 1000);
  });

  it('splits long ranges into chunks under the points limit instead of coarsening the buckets', () => {
    const quarter = planQueries(
      { ...events, period: { calendar: 'quarter' } },
      { from: 0, to: Date.parse('2026-12-31T00:00:00Z') / 1000, view: 'overview' }
    );
    const bad = quarter.queries.filter((query) => query.role === 'bad');
    expect(bad.length).toBe(3);
    expect(bad.map((query) => query.refId)).toEqual(['bad', 'bad#1', 'bad#2']);
    for (let i = 1; i < bad.length; i++) {
      expect(bad[i].start).toBe(bad[i - 1].end + 300);
    }
  });

  it('reads a histogram once for both the threshold and +Inf buckets', () => {
    const latency: SloSpec = {
      ...events,
      sli: {
        latency: {
          bucketMetric: 'http_request_duration_seconds_bucket',
          threshold: '0.3',
          selector: '{service="checkout"}',
        },
      },
    };
    const plan = planQueries(latency, { from: to - DAY, to, view: 'overview' });
    expect(plan.queries.filter((query) => !query.instant).map((query) => query.expr)).toEqual([
      'sum by (le) (rate(http_request_duration_seconds_bucket{service="checkout",le=~"0\\\\.3|\\\\+Inf"}[5m]))',
    ]);
  });

  it('averages a 0/1 gauge over buckets that never share a sample', () => {
    const gauge: SloSpec = {
      ...events,
      breakdownLabels: ['member_cluster'],
      sli: { boolGauge: { query: 'cluster_ready_state' } },
    };
    const plan = planQueries(gauge, { from: to - DAY, to, view: 'detail' });
    expect(plan.queries.filter((query) => query.role !== 'windows').map((query) => query.expr)).toEqual([
      'avg (avg_over_time(cluster_ready_state[299999ms]))',
      'avg by (member_cluster) (avg_over_time(cluster_ready_state[86399999ms]))',
    ]);
  });

  it('uses the slice length as the step for short time slices', () => {
    const sliced: SloSpec = { ...events, budgetingMethod: 'timeslices', timesliceTarget: 95, timesliceWindow: '1m' };
    const plan = planQueries(sliced, { from: to - DAY, to, view: 'overview' });
    expect(plan.step).toBe(60);
    expect(plan.queries[0].expr).toContain('[1m]');
  });
});

describe('chunkedRange', () => {
  it('keeps every chunk within the limit and misses no evaluation', () => {
    const chunks = chunkedRange(300, 300 * 25000, 300);
    expect(chunks).toHaveLength(3);
    const points = chunks.reduce((sum, chunk) => sum + (chunk.end - chunk.start) / 300 + 1, 0);
    expect(points).toBe(25000);
  });
});
