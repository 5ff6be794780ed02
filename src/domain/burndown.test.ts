import { burndown } from './burndown';
import { bucketsBetween } from './testing/buckets';

const utc = (iso: string) => Date.parse(iso) / 1000;
const DAY = 86400;
const STEP = 300;

describe('burndown over a calendar month', () => {
  const monthStart = utc('2026-06-01T00:00:00Z');
  const now = monthStart + 15 * DAY;
  // 0.05% errors against a 99.9% objective: burn rate 0.5 all month, including before it began.
  const steady = bucketsBetween(monthStart - 5 * DAY, now, STEP, () => ({ bad: 0.5, total: 1000 }));

  it('spends budget in proportion to elapsed time at a steady burn rate', () => {
    const result = burndown(steady, { objectivePercent: 99.9, period: { calendar: 'month' }, now });
    // Half the month at half the allowed rate: a quarter of the month's budget spent.
    expect(result.current).toBeCloseTo(0.75, 9);
    expect(result.series[0]).toEqual({ time: monthStart, remaining: 1 });
    expect(result.series[result.series.length - 1]).toEqual({ time: now, remaining: result.current });
    expect(result.periodStart).toBe(monthStart);
    expect(result.periodEnd).toBe(utc('2026-07-01T00:00:00Z'));
  });

  it('ignores what happened before the month began (the budget resets at the boundary)', () => {
    const withOldIncident = steady.map((bucket) => (bucket.start < monthStart ? { ...bucket, bad: 500 } : bucket));
    const result = burndown(withOldIncident, { objectivePercent: 99.9, period: { calendar: 'month' }, now });
    expect(result.current).toBeCloseTo(0.75, 9);
  });

  it('only falls: every point is normalised by the whole month budget estimate', () => {
    const result = burndown(steady, { objectivePercent: 99.9, period: { calendar: 'month' }, now });
    for (let i = 1; i < result.series.length; i++) {
      expect(result.series[i].remaining).toBeLessThanOrEqual(result.series[i - 1].remaining);
    }
  });

  it('draws the ideal line from 1 at the start to 0 at the end of the month', () => {
    const result = burndown(steady, { objectivePercent: 99.9, period: { calendar: 'month' }, now });
    expect(result.ideal[0]).toEqual({ time: monthStart, remaining: 1 });
    expect(result.ideal[result.ideal.length - 1]).toEqual({ time: result.periodEnd, remaining: 0 });
  });

  it('projects exhaustion where the slope reaches zero', () => {
    // Burn rate 0.5 → the budget would last two months: 45 days after now.
    const result = burndown(steady, { objectivePercent: 99.9, period: { calendar: 'month' }, now });
    expect(result.burnRate).toBeCloseTo(0.5, 9);
    expect(result.exhaustionTime! - now).toBeCloseTo(45 * DAY, 3);
  });

  it('uses a given burn rate for the projection', () => {
    const result = burndown(steady, { objectivePercent: 99.9, period: { calendar: 'month' }, now, burnRate: 7.5 });
    expect(result.exhaustionTime! - now).toBeCloseTo((0.75 * 30 * DAY) / 7.5, 3);
  });

  it('crosses the ideal line when the burn rate rises above 1', () => {
    const incident = bucketsBetween(monthStart, now, STEP, (t) => ({
      bad: t >= monthStart + 10 * DAY ? 3 : 0.1,
      total: 1000,
    }));
    const result = burndown(incident, { objectivePercent: 99.9, period: { calendar: 'month' }, now });
    const above = (i: number) => result.series[i].remaining > 1 - (result.series[i].time - monthStart) / (30 * DAY);
    expect(above(1)).toBe(true);
    expect(above(result.series.length - 1)).toBe(false);
  });

  it('reports exhaustion in the past when already overspent', () => {
    const heavy = bucketsBetween(monthStart, now, STEP, (t) => ({
      bad: t >= monthStart + 5 * DAY ? 10 : 0,
      total: 1000,
    }));
    const result = burndown(heavy, { objectivePercent: 99.9, period: { calendar: 'month' }, now });
    expect(result.current).toBeLessThan(0);
    expect(result.exhaustionTime).toBeGreaterThan(monthStart + 5 * DAY);
    expect(result.exhaustionTime).toBeLessThan(now);
  });

  it('normalises a DST month by its 743 hours', () => {
    const start = utc('2026-02-28T23:00:00Z');
    const end = utc('2026-03-31T22:00:00Z');
    const march = bucketsBetween(start, end, 3600, () => ({ bad: 1, total: 1000 }));
    const result = burndown(march, {
      objectivePercent: 99.9,
      period: { calendar: 'month', timezone: 'Europe/Berlin' },
      now: end - 1,
    });
    expect(result.periodEnd - result.periodStart).toBe(743 * 3600);
    // One second before the end at burn rate 1: one second's share of 743 hours is left (744 h would leave 1/744).
    expect(result.current).toBeCloseTo(1 / (743 * 3600), 9);
  });

  it('has no value without traffic', () => {
    const quiet = bucketsBetween(monthStart, now, STEP, () => ({ bad: 0, total: 0 }));
    const result = burndown(quiet, { objectivePercent: 99.9, period: { calendar: 'month' }, now });
    expect(result).toMatchObject({ current: null, exhaustionTime: null, series: [] });
  });
});

describe('burndown over a rolling window', () => {
  const now = utc('2026-06-30T00:00:00Z');
  const incidentStart = now - 40 * DAY;
  const incident = (t: number) => t >= incidentStart && t < incidentStart + 2 * 3600;
  const buckets = bucketsBetween(now - 60 * DAY, now, STEP, (t) => ({ bad: incident(t) ? 100 : 0.1, total: 1000 }));

  it('earns budget back as old bad events leave the window', () => {
    const result = burndown(buckets, { objectivePercent: 99.9, period: { rolling: '30d' }, now, from: now - 20 * DAY });
    const at = (t: number) => result.series.find((point) => point.time >= t)!.remaining;
    const beforeLeaving = at(incidentStart + 30 * DAY - 6 * 3600);
    const afterLeaving = at(incidentStart + 30 * DAY + 6 * 3600);
    // 24 incident buckets at 100 bad, the other 8616 at 0.1, against 8640 budget events in the window.
    expect(beforeLeaving).toBeCloseTo(1 - (24 * 100 + 8616 * 0.1) / 8640, 6);
    expect(afterLeaving).toBeCloseTo(0.9, 6);
  });

  it('gives the budget left over the window ending now', () => {
    const result = burndown(buckets, { objectivePercent: 99.9, period: { rolling: '30d' }, now });
    expect(result.current).toBeCloseTo(0.9, 9);
    expect(result.series[0].time).toBe(now - 30 * DAY);
    expect(result.series[result.series.length - 1]).toEqual({ time: now, remaining: result.current });
    expect(result.kind).toBe('rolling');
  });

  it('projects at the window burn rate by default', () => {
    const result = burndown(buckets, { objectivePercent: 99.9, period: { rolling: '30d' }, now });
    expect(result.burnRate).toBeCloseTo(0.1, 9);
    expect(result.exhaustionTime! - now).toBeCloseTo((0.9 * 30 * DAY) / 0.1, 0);
  });
});

describe('burndown of the current rolling window (overview view)', () => {
  const now = utc('2026-06-30T00:00:00Z');
  const incidentStart = now - 10 * DAY;
  const buckets = bucketsBetween(now - 30 * DAY, now, STEP, (t) => ({
    bad: t >= incidentStart && t < incidentStart + 3600 ? 100 : 0.1,
    total: 1000,
  }));

  it('shows where in the window the budget went, ending at the same value as the sliding view', () => {
    const window = burndown(buckets, {
      objectivePercent: 99.9,
      period: { rolling: '30d' },
      now,
      rollingView: 'window',
    });
    const sliding = burndown(buckets, { objectivePercent: 99.9, period: { rolling: '30d' }, now });
    expect(window.series[0]).toEqual({ time: now - 30 * DAY, remaining: 1 });
    expect(window.current).toBeCloseTo(sliding.current!, 12);
    expect(window.series[window.series.length - 1].remaining).toBeCloseTo(sliding.current!, 12);
    const justBefore = window.series.find((point) => point.time >= incidentStart)!.remaining;
    const justAfter = window.series.find((point) => point.time >= incidentStart + 3600)!.remaining;
    // The 12 incident buckets of 100 bad events each, out of 8640 allowed in the window.
    expect(justBefore - justAfter).toBeCloseTo((12 * 100) / 8640, 9);
  });
});
