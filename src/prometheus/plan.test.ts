import type { SloSpec } from '../domain';
import { grafanaSafeStep } from './grafanaQueries';
import { MAX_POINTS_PER_SERIES, type PlanOptions, chunkedRange, planQueries } from './plan';

const DAY = 86400;
/** A multiple of 5 minutes, and two minutes and three seconds after it: the instant asked. */
const ON_GRID = 1793491200;
const to = ON_GRID + 123;

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
    expect(plan.now).toBe(to);
    expect(plan.bucketEnd).toBe(ON_GRID);
    expect(plan.step).toBe(300);
    expect(plan.bucketStart).toBe(plan.bucketEnd - 30 * DAY);
    expect(range).toEqual([
      {
        refId: 'bad',
        role: 'bad',
        expr: 'sum(rate(http_requests_total{code=~"5.."}[5m]))',
        instant: false,
        start: plan.bucketEnd - 30 * DAY + 300,
        end: plan.bucketEnd,
        step: 300,
        perSecond: true,
      },
      {
        refId: 'total',
        role: 'total',
        expr: 'sum(rate(http_requests_total[5m]))',
        instant: false,
        start: plan.bucketEnd - 30 * DAY + 300,
        end: plan.bucketEnd,
        step: 300,
        perSecond: true,
      },
    ]);
    expect((plan.queries[0].end - plan.queries[0].start) / 300 + 1).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES);
  });

  it('reads the short alert windows exactly in one more instant query, parts and windows told apart by labels', () => {
    const plan = planQueries(events, { from: to - DAY, to: ON_GRID, view: 'overview' });
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
    expect(
      planQueries(raw, { from: to - DAY, to: ON_GRID, view: 'overview' }).queries.map((query) => query.role)
    ).toEqual(['errorRatio']);
    const sliced: SloSpec = { ...events, budgetingMethod: 'timeslices', timesliceTarget: 95, timesliceWindow: '5m' };
    expect(
      planQueries(sliced, { from: to - DAY, to: ON_GRID, view: 'overview' }).queries.map((query) => query.role)
    ).toEqual(['bad', 'total']);
  });

  it('reaches back for the visible range and splits bad events by every breakdown label in one query', () => {
    const plan = planQueries(events, { from: to - DAY, to, view: 'detail' });
    const fromAligned = Math.floor((to - DAY) / 300) * 300;
    expect(plan.bucketStart).toBe(fromAligned - 30 * DAY);
    expect(plan.historyFrom).toBe(fromAligned);
    const breakdown = plan.queries.filter((query) => query.role === 'breakdown');
    // From the first bucket of the visible range to the instant asked.
    expect(breakdown.map((query) => [query.refId, query.expr, query.instant, query.end])).toEqual([
      ['breakdown:bad', 'sum by (route, code) (rate(http_requests_total{code=~"5.."}[1d2m3s]))', true, to],
      ['breakdown:total', 'sum by (route, code) (rate(http_requests_total[1d2m3s]))', true, to],
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

  it('reads what a backtest over the history needs: that far back and the longest alert window before it', () => {
    const overview = planQueries(events, { from: to - DAY, to, view: 'overview' });
    const history = planQueries(events, { from: to - DAY, to, view: 'overview', historySeconds: 30 * DAY });
    // The overview reads the period; the backtest's first evaluation needs the 3-day window before it.
    expect(overview.bucketStart).toBe(ON_GRID - 30 * DAY);
    expect(history.bucketStart).toBe(Math.floor((to - 33 * DAY) / 300) * 300);
    expect(history.step).toBe(300);
    // Everything else is as the view plans it.
    expect(history.queries.map((query) => query.refId)).toEqual(overview.queries.map((query) => query.refId));
    expect(history.historyFrom).toBe(overview.historyFrom);
    // A history shorter than what the view reads anyway changes nothing.
    expect(planQueries(events, { from: to - DAY, to, view: 'overview', historySeconds: DAY }).bucketStart).toBe(
      overview.bucketStart
    );
    // On the Grafana path, 33 days of 5-minute buckets still fit one request.
    expect(
      planQueries(events, { from: to, to, view: 'overview', pointsLimit: 'coarsen', historySeconds: 30 * DAY }).step
    ).toBe(300);
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
      'avg by (member_cluster) (avg_over_time(cluster_ready_state[86522999ms]))',
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

describe('planQueries as of an instant between two bucket boundaries', () => {
  const raw: SloSpec = {
    ...events,
    breakdownLabels: undefined,
    sli: { raw: { errorRatioQuery: 'sum(rate(e[{{.window}}])) / sum(rate(t[{{.window}}]))' } },
  };
  const sliced: SloSpec = { ...events, budgetingMethod: 'timeslices', timesliceTarget: 95, timesliceWindow: '5m' };
  const options = (at: number, extra: Partial<PlanOptions> = {}): PlanOptions => ({
    from: at - DAY,
    to: at,
    view: 'overview',
    ...extra,
  });

  it.each([
    ['events', events],
    ['raw', raw],
    ['time slices', sliced],
  ])('%s: a time on the grid plans exactly as before, with no extra query', (_kind, spec) => {
    const plan = planQueries(spec, options(ON_GRID));
    expect(plan.now).toBe(ON_GRID);
    expect(plan.bucketEnd).toBe(ON_GRID);
    expect(plan.queries.some((query) => query.role === 'tail')).toBe(false);
    const offGrid = planQueries(spec, options(to));
    // The same range queries, the same grid: only the instant queries move to the instant asked.
    expect(offGrid.queries.filter((query) => !query.instant)).toEqual(plan.queries.filter((query) => !query.instant));
    expect(offGrid.bucketStart).toBe(plan.bucketStart);
  });

  it('ends the range queries at the last multiple of the step and runs the instant queries at the instant asked', () => {
    for (const at of [ON_GRID + 1, ON_GRID + 37, ON_GRID + 133, ON_GRID + 299]) {
      const plan = planQueries(events, options(at, { view: 'detail' }));
      expect(plan).toMatchObject({ now: at, bucketEnd: ON_GRID });
      for (const query of plan.queries) {
        if (query.instant) {
          expect([query.start, query.end]).toEqual([at, at]);
        } else {
          expect(query.start % plan.step).toBe(0);
          expect(query.end).toBe(ON_GRID);
        }
      }
    }
  });

  it('reads the seconds of an instant asked to the millisecond as whole seconds', () => {
    expect(planQueries(events, options(to + 0.789)).now).toBe(to);
  });

  it('reads the partial bucket with the exact windows: 6 hours before the last boundary to the instant asked', () => {
    const plan = planQueries(events, options(to));
    expect(plan.queries.map((query) => query.role)).toEqual(['bad', 'total', 'windows']);
    expect(plan.queries[2].windows).toEqual([300, 1800, 3600, 7200, 21600, 21600 + 123]);
    expect(plan.queries[2].expr).toContain('[6h2m3s]');
    expect(plan.partialBucket).toEqual({ refId: 'windows', seconds: 21600 + 123 });
    expect(planQueries(events, options(ON_GRID)).partialBucket).toBeNull();
  });

  it('reads the latest ratio of a raw SLI, and one bucket length plus the partial seconds for time slices', () => {
    const rawPlan = planQueries(raw, options(to));
    const rawTail = rawPlan.queries.find((query) => query.role === 'tail');
    // A raw ratio: its latest value, over one step ending at the instant asked.
    expect(rawTail).toMatchObject({ refId: 'tail', instant: true, start: to, end: to, windows: [300] });
    expect(rawPlan.partialBucket).toEqual({ refId: 'tail', seconds: 300 });
    expect(rawTail?.expr).toBe(
      'label_replace(label_replace((sum(rate(e[5m])) / sum(rate(t[5m]))), "sloburn_window", "300", "", ""), "sloburn_part", "errorRatio", "", "")'
    );
    // Counts: from the start of the last complete bucket to the instant asked, less that bucket.
    const slicedTail = planQueries(sliced, options(to)).queries.find((query) => query.role === 'tail');
    expect(slicedTail).toMatchObject({ windows: [423], perSecondRoles: ['bad', 'total'] });
    expect(slicedTail?.expr.split('\nor\n')).toHaveLength(2);
  });

  it('reads a tail when the plan is coarsened beyond every exact window', () => {
    // Ten years need more than 11,000 points a series at any step up to 6 hours, the longest exact window.
    const plan = planQueries(events, { from: to - 3650 * DAY, to, view: 'detail', pointsLimit: 'coarsen' });
    expect(plan.step).toBeGreaterThan(6 * 3600);
    expect(plan.queries.find((query) => query.role === 'tail')?.windows).toEqual([plan.step + to - plan.bucketEnd]);
  });
});

describe('planQueries on the Grafana path (coarsen)', () => {
  const slices = (window: string, period: string): SloSpec => ({
    ...events,
    period: { rolling: period },
    budgetingMethod: 'timeslices',
    timesliceTarget: 95,
    timesliceWindow: window,
  });
  const coarsened = (spec: SloSpec, from = to - DAY) =>
    planQueries(spec, { from, to, view: 'overview', pointsLimit: 'coarsen' });

  it('keeps the step of time slices shorter than 5 minutes whenever it fits the points limit', () => {
    expect(coarsened(slices('1m', '7d')).step).toBe(60);
    expect(coarsened(slices('2m', '7d')).step).toBe(120);
    expect(coarsened(slices('4m', '20d')).step).toBe(240);
  });

  it('coarsens when the slices do not fit, preferring a step that still tiles them', () => {
    // 30 days of 1-minute slices are 43,200 points: 5-minute buckets fit, and estimate the slices.
    expect(coarsened(slices('1m', '30d')).step).toBe(300);
    // 90 days of 10-minute slices: 5- and 10-minute buckets do not fit, and no step that fits tiles
    // 10 minutes: the first that fits.
    expect(coarsened(slices('10m', '90d')).step).toBe(900);
    // 1-hour slices over 90 days: 15-minute buckets fit and tile them.
    expect(coarsened(slices('1h', '90d')).step).toBe(900);
    expect(coarsened(slices('2h', '120d')).step).toBe(1200);
  });

  it('never asks for a step Grafana would widen: the range over 11,000 points, rounded, must not exceed it', () => {
    // 28 days of 4-minute buckets are 10,080 points, under the limit, but 28 days / 11,000 is 220 s,
    // which Grafana rounds to 5 minutes.
    expect(grafanaSafeStep(28 * DAY)).toBe(300);
    const plan = coarsened(slices('4m', '28d'));
    expect(plan.step).not.toBe(240);
    expect(grafanaSafeStep(plan.bucketEnd - plan.bucketStart)).toBeLessThanOrEqual(plan.step);
  });

  it('keeps 5 minutes for an overview of a 30-day SLO, and coarsens a 90-day one to 15 minutes', () => {
    expect(coarsened(events).step).toBe(300);
    expect(coarsened({ ...events, period: { rolling: '90d' } }).step).toBe(900);
  });
});
