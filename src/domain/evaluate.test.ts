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
