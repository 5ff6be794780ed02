import { evaluateSlo } from './evaluate';
import type { SloSpec } from './spec';
import { bucketsBetween } from './testing/buckets';

const HOUR = 3600;
const DAY = 86400;
const now = 40 * DAY;

const spec: SloSpec = {
  id: 'checkout-availability',
  name: 'Checkout availability',
  service: 'checkout',
  objective: 99.9,
  period: { rolling: '30d' },
  budgetingMethod: 'occurrences',
  sli: { events: { errorQuery: 'e[{{.window}}]', totalQuery: 't[{{.window}}]' } },
};

function evaluateWith(ratio: (t: number) => number, options: { total?: (t: number) => number } = {}) {
  const buckets = bucketsBetween(0, now, 300, (t) => {
    const total = options.total ? options.total(t) : 1000;
    return { bad: total * ratio(t), total };
  });
  return evaluateSlo(spec, { buckets }, { now });
}

describe('evaluateSlo', () => {
  it('is ok on a quiet baseline, with every window and the period', () => {
    const result = evaluateWith(() => 0.0002);
    expect(result.status).toBe('ok');
    expect(result.windows.map((window) => window.seconds)).toEqual([300, 1800, 3600, 7200, 21600, 86400, 259200]);
    expect(result.windows.every((window) => Math.abs(window.burnRate! - 0.2) < 1e-9)).toBe(true);
    expect(result.budgetRemaining).toBeCloseTo(0.8, 9);
    expect(result.sli).toBeCloseTo(0.9998, 12);
    expect(result.period).toMatchObject({ start: now - 30 * DAY, end: now, seconds: 30 * DAY });
    expect(result.alerts.page).toBe(false);
  });

  it('pages during a fast burn and says since when', () => {
    const incidentStart = now - 2 * HOUR;
    const result = evaluateWith((t) => (t >= incidentStart ? 0.05 : 0.0002));
    expect(result.status).toBe('page');
    expect(result.alerts.pairs[0].firing).toBe(true);
    // 5% errors: the 1h ratio passes 1.44% after 0.0144/0.05 h = 17.3 min → the 20-minute step.
    expect(result.alerts.since[0]).toBe(incidentStart + 1200);
    expect(result.currentBurnRate).toBeCloseTo(50, 6);
    // 30 days × remaining / 50.
    expect(result.timeToExhaustion).toBeCloseTo((result.budgetRemaining! * 30 * DAY) / 50, 3);
  });

  it('raises a ticket but no page on a slow burn', () => {
    const result = evaluateWith((t) => (t >= now - 30 * HOUR ? 0.004 : 0.0002));
    expect(result.alerts.page).toBe(false);
    expect(result.alerts.ticket).toBe(true);
    expect(result.status).toBe('ticket');
  });

  it('is exhausted when the period overspent its budget', () => {
    const result = evaluateWith((t) => (t >= now - 10 * DAY && t < now - 5 * DAY ? 0.01 : 0));
    expect(result.budgetRemaining).toBeLessThan(0);
    expect(result.status).toBe('exhausted');
    expect(result.timeToExhaustion).toBe(0);
  });

  it('says no traffic (not 100% good) when nothing was served, without NaN', () => {
    const result = evaluateWith(() => 0, { total: () => 0 });
    expect(result.status).toBe('no-traffic');
    expect(result.budgetRemaining).toBeNull();
    expect(result.sli).toBeNull();
    expect(result.windows.every((window) => window.errorRatio === null && window.burnRate === null)).toBe(true);
  });

  it('keeps alerts quiet in a zero-traffic hour and NaN-free', () => {
    const result = evaluateWith(() => 0.0002, { total: (t) => (t >= now - HOUR ? 0 : 1000) });
    expect(result.windows[0].errorRatio).toBeNull();
    expect(result.alerts.page).toBe(false);
    expect(Number.isFinite(result.budgetRemaining!)).toBe(true);
  });

  it('says no data when nothing covers the period', () => {
    const result = evaluateSlo(spec, { buckets: [] }, { now });
    expect(result.status).toBe('no-data');
    expect(result.windows[0].coverage).toBe(0);
  });

  it('evaluates time slices: each 5-minute slice is one event', () => {
    const timesliced: SloSpec = { ...spec, budgetingMethod: 'timeslices', timesliceTarget: 99, timesliceWindow: '5m' };
    // One bad 5-minute slice a day out of 288: 1/288 of slices against a 0.1% budget.
    const buckets = bucketsBetween(0, now, 60, (t) => ({ bad: t % DAY < 300 ? 50 : 0, total: 100 }));
    const result = evaluateSlo(timesliced, { buckets }, { now });
    expect(result.periodWindow.total).toBe(30 * 288);
    expect(result.periodWindow.bad).toBe(30);
    expect(result.sli).toBeCloseTo(1 - 1 / 288, 12);
  });

  it('alerts on a calendar month with the nominal 30-day factors, as static rules must, but budgets its true length', () => {
    const february = { ...spec, period: { calendar: 'month' as const } };
    const result = evaluateSlo(february, { buckets: [] }, { now: Date.parse('2026-02-15T00:00:00Z') / 1000 });
    expect(result.alertWindows.map((window) => window.factor)).toEqual([14.4, 6, 3, 1]);
    expect(result.period.seconds).toBe(28 * DAY);
  });
});

describe('evaluateSlo with exact window counts', () => {
  it('uses them instead of the bucket sums for those windows, and for the projection', () => {
    const buckets = bucketsBetween(0, now, 300, () => ({ bad: 0.2, total: 1000 }));
    const result = evaluateSlo(
      spec,
      { buckets, windowCounts: { 300: { bad: 60, total: 1000 }, 3600: { bad: 30, total: 12000 } } },
      { now }
    );
    const byLength = (seconds: number) => result.windows.find((window) => window.seconds === seconds)!;
    expect(byLength(300)).toMatchObject({ bad: 60, total: 1000, errorRatio: 0.06, coverage: 1 });
    expect(byLength(3600).errorRatio).toBeCloseTo(0.0025, 12);
    expect(byLength(1800).errorRatio).toBeCloseTo(0.0002, 12);
    expect(result.currentBurnRate).toBeCloseTo(2.5, 9);
  });

  it('says a pair that only the exact windows fire started at now', () => {
    const buckets = bucketsBetween(0, now, 300, () => ({ bad: 0.2, total: 1000 }));
    const result = evaluateSlo(
      spec,
      { buckets, windowCounts: { 300: { bad: 50, total: 1000 }, 3600: { bad: 600, total: 12000 } } },
      { now }
    );
    expect(result.alerts.pairs[0].firing).toBe(true);
    expect(result.alerts.since[0]).toBe(now);
  });
});

describe('evaluateSlo with the low-traffic guard', () => {
  // 10 events per 5 minutes, half of them bad: 120 in the 1h window, 720 in 6h, 2,880 in 1d.
  const quiet = bucketsBetween(0, now, 300, () => ({ bad: 5, total: 10 }));
  const guarded = (minEvents: number): SloSpec => ({ ...spec, alerting: { windows: 'default', minEvents } });

  it('pages without a guard', () => {
    expect(evaluateSlo(spec, { buckets: quiet }, { now }).status).toBe('page');
  });

  it('holds back every pair whose long window has too few events, and says insufficient traffic', () => {
    const result = evaluateSlo(guarded(1e6), { buckets: quiet }, { now });
    expect(result.alerts.pairs.map((pair) => pair.state)).toEqual(Array(4).fill('insufficient-traffic'));
    expect(result.alerts).toMatchObject({ page: false, ticket: false, since: [null, null, null, null] });
    // The budget is spent all the same: exhausted outranks insufficient traffic.
    expect(result.status).toBe('exhausted');
    const healthy = bucketsBetween(0, now, 300, () => ({ bad: 0, total: 10 }));
    expect(evaluateSlo(guarded(1e6), { buckets: healthy }, { now }).status).toBe('insufficient-traffic');
  });

  it('still pages from a pair whose long window has enough events, while shorter ones are held back', () => {
    const result = evaluateSlo(guarded(500), { buckets: quiet }, { now });
    expect(result.alerts.pairs.map((pair) => pair.state)).toEqual([
      'insufficient-traffic',
      'firing',
      'firing',
      'firing',
    ]);
    expect(result.alerts.pairs[0].longEvents).toBeCloseTo(120, 9);
    expect(result.status).toBe('page');
    // Firing since: the 6h pair has fired since its long window first held 500 events, 50 buckets in.
    expect(result.alerts.since[1]).toBe(50 * 300);
  });

  it('counts slices, not events, with time-slice budgeting', () => {
    const sliced: SloSpec = {
      ...spec,
      budgetingMethod: 'timeslices',
      timesliceTarget: 99,
      timesliceWindow: '5m',
      alerting: { minEvents: 13 },
    };
    // The 1h window holds 12 slices (fewer than 13), the 6h window 72.
    const result = evaluateSlo(sliced, { buckets: quiet }, { now });
    expect(result.alerts.pairs[0]).toMatchObject({ state: 'insufficient-traffic', longEvents: 12 });
    expect(result.alerts.pairs[1].state).toBe('firing');
  });
});

describe('evaluateSlo at an instant off the 5-minute grid', () => {
  const grid = 40 * DAY;
  const offGrid = grid + 137;
  // Buckets on the grid, then one short bucket from the last grid time to the instant asked.
  const incidentStart = grid - 2 * HOUR;
  const ratioAt = (t: number) => (t >= incidentStart ? 0.05 : 0.0002);
  const buckets = [
    ...bucketsBetween(0, grid, 300, (t) => ({ bad: 1000 * ratioAt(t), total: 1000 })),
    { start: grid, end: offGrid, bad: 30, total: 300 },
  ];
  const result = evaluateSlo(spec, { buckets }, { now: offGrid, stepSeconds: 300 });

  it('ends every window at the instant: the short bucket whole, the bucket cut at the start pro rata', () => {
    // (offGrid − 5m, offGrid]: 163 s of the last full bucket (50 bad of 1,000) and the short bucket.
    const fiveMinutes = result.windows[0];
    expect(fiveMinutes.total).toBeCloseTo((1000 * 163) / 300 + 300, 6);
    expect(fiveMinutes.bad).toBeCloseTo((50 * 163) / 300 + 30, 6);
    expect(fiveMinutes.coverage).toBe(1);
    expect(result.period.end).toBe(offGrid);
  });

  it('walks firing-since back on the grid, as the charts and the backtest evaluate', () => {
    expect(result.alerts.pairs[0].firing).toBe(true);
    expect(result.alerts.since[0]).toBe(incidentStart + 1200);
  });

  it('draws the burndown to the instant, ending at the budget remaining', () => {
    const last = result.burndown.series[result.burndown.series.length - 1];
    expect(last).toEqual({ time: offGrid, remaining: result.budgetRemaining });
    expect(result.burndown.series.filter((point) => point.time > grid).map((point) => point.time)).toEqual([offGrid]);
  });

  it('counts a last partial time slice for the part observed', () => {
    const sliced: SloSpec = { ...spec, budgetingMethod: 'timeslices', timesliceTarget: 99, timesliceWindow: '5m' };
    const minutes = [
      ...bucketsBetween(0, grid, 60, () => ({ bad: 0, total: 10 })),
      { start: grid, end: grid + 60, bad: 5, total: 10 },
      { start: grid + 60, end: offGrid, bad: 0, total: 10 },
    ];
    const sliceResult = evaluateSlo(sliced, { buckets: minutes }, { now: offGrid });
    // The period holds 30 days of slices exactly: the first and last ones in part. The last slice is bad
    // on what it has seen so far (5 of 20 events), and counts for 137 of its 300 seconds.
    expect(sliceResult.periodWindow.total).toBeCloseTo(30 * 288, 9);
    expect(sliceResult.periodWindow.bad).toBeCloseTo(137 / 300, 9);
    expect(sliceResult.windows[0].total).toBeCloseTo(1, 9);
  });

  it('starts a calendar period at its wall-clock start whatever the instant', () => {
    const instant = Date.parse('2026-02-15T10:17:23.500Z') / 1000;
    const february = { ...spec, period: { calendar: 'month' as const } };
    const steady = bucketsBetween(instant - 20 * DAY - (instant % 300), instant - (instant % 300), 300, () => ({
      bad: 1,
      total: 1000,
    }));
    steady.push({ start: steady[steady.length - 1].end, end: instant, bad: 0, total: 100 });
    const monthResult = evaluateSlo(february, { buckets: steady }, { now: instant });
    const monthStart = Date.parse('2026-02-01T00:00:00Z') / 1000;
    expect(monthResult.period).toMatchObject({ start: monthStart, seconds: 28 * DAY });
    expect(monthResult.periodWindow.coverage).toBeCloseTo(1, 12);
    expect(monthResult.burndown.series[0].time).toBe(monthStart);
    expect(monthResult.burndown.series[monthResult.burndown.series.length - 1].time).toBe(instant);
  });
});
