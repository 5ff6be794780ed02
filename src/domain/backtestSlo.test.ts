import { backtestSlo, lastPeriodRange } from './backtestSlo';
import { EventIndex } from './buckets';
import { evaluateSlo } from './evaluate';
import type { SloSpec } from './spec';
import { bucketsBetween } from './testing/buckets';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;

const base: SloSpec = {
  id: 'checkout-availability',
  name: 'Checkout availability',
  service: 'checkout',
  objective: 99.9,
  period: { rolling: '7d' },
  budgetingMethod: 'occurrences',
  sli: { events: { errorQuery: 'e[{{.window}}]', totalQuery: 't[{{.window}}]' } },
};

// 12 days of 5-minute buckets: 600 events each, 0.05% bad; day 10 has a 2-hour incident at 4% and a quiet
// night (5 events per bucket, 2 of them bad), day 11 a 40-minute burst at 100%.
const incident = { start: 10 * DAY + 6 * HOUR, end: 10 * DAY + 8 * HOUR };
const quiet = { start: 10 * DAY + 20 * HOUR, end: 10 * DAY + 23 * HOUR };
const burst = { start: 11 * DAY + 3 * HOUR, end: 11 * DAY + 3 * HOUR + 40 * MINUTE };
const inside = (window: { start: number; end: number }, t: number) => t >= window.start && t < window.end;
const buckets = bucketsBetween(0, 12 * DAY, 300, (t) => {
  if (inside(quiet, t)) {
    return { bad: 2, total: 5 };
  }
  const total = 600;
  const ratio = inside(burst, t) ? 1 : inside(incident, t) ? 0.04 : 0.0005;
  return { bad: total * ratio, total };
});
const range = { from: 9 * DAY, to: 12 * DAY - 10 * MINUTE };

/** Whether the backtest says the pair fires at `time`: inside one of its episodes (an open one ends firing). */
function firesAt(episodes: Array<{ start: number; end: number; open: boolean }>, time: number): boolean {
  return episodes.some(
    (episode) => (time >= episode.start && time < episode.end) || (episode.open && time === episode.end)
  );
}

describe('backtestSlo', () => {
  it.each<[string, Partial<SloSpec>]>([
    ['event budgeting, default windows', {}],
    ['a low-traffic guard', { alerting: { windows: 'default', minEvents: 2000 } }],
    [
      'time slices of 10 minutes at a 99% target, guarded in slices, with windows of its own',
      {
        budgetingMethod: 'timeslices',
        timesliceWindow: '10m',
        timesliceTarget: 99,
        objective: 95,
        alerting: {
          minEvents: 20,
          windows: [
            { severity: 'page', longSeconds: 2 * HOUR, shortSeconds: 20 * MINUTE, budgetPercent: 10 },
            { severity: 'ticket', longSeconds: 12 * HOUR, shortSeconds: HOUR, factor: 2 },
          ],
        },
      },
    ],
  ])('says at every step what evaluateSlo would have said then: %s', (_, overrides) => {
    const spec: SloSpec = { ...base, ...overrides };
    const result = backtestSlo(spec, buckets, range, 300);
    const events = new EventIndex(buckets);
    const episodesSeen = result.pairs.reduce((sum, pair) => sum + pair.count, 0);
    expect(episodesSeen).toBeGreaterThan(0);
    for (let time = range.from; time <= range.to; time += 300) {
      const live = evaluateSlo(spec, { buckets, events }, { now: time, stepSeconds: 300 });
      expect(result.pairs.map((pair) => firesAt(pair.episodes, time))).toEqual(
        live.alerts.pairs.map((pair) => pair.firing)
      );
    }
  });

  it('counts the guard in slices with time-slice budgeting', () => {
    // Every 10-minute slice bad: a 1-hour window holds 6 slices, whatever the events in them.
    const failing = bucketsBetween(0, 3 * DAY, 300, () => ({ bad: 10, total: 10 }));
    const sliced = (minEvents: number): SloSpec => ({
      ...base,
      budgetingMethod: 'timeslices',
      timesliceWindow: '10m',
      alerting: {
        minEvents,
        windows: [{ severity: 'page', longSeconds: HOUR, shortSeconds: 10 * MINUTE, factor: 14.4 }],
      },
    });
    const at = { from: 2 * DAY, to: 3 * DAY };
    expect(backtestSlo(sliced(6), failing, at).pairs[0]).toMatchObject({ count: 1, insufficientTrafficSeconds: 0 });
    expect(backtestSlo(sliced(7), failing, at).pairs[0]).toMatchObject({ count: 0, insufficientTrafficSeconds: DAY });
    // The step defaults to the slice, as evaluateSlo's does.
    expect(backtestSlo(sliced(6), failing, at).stepSeconds).toBe(600);
  });

  it('measures budget consumed against its own period, and takes an index as well as buckets', () => {
    const spec: SloSpec = { ...base, period: { rolling: '3d' } };
    const fromBuckets = backtestSlo(spec, buckets, range);
    expect(backtestSlo(spec, new EventIndex(buckets), range)).toEqual(fromBuckets);
    const episode = fromBuckets.severities.page.episodes[0];
    const events = new EventIndex(buckets);
    const periodEvents = events.sum(episode.end - 3 * DAY, episode.end).total;
    expect(episode.budgetConsumed).toBeCloseTo(events.sum(episode.start, episode.end).bad / (0.001 * periodEvents), 9);
  });
});

describe('lastPeriodRange', () => {
  it('is the period back from the time: its nominal length when rolling, the true length of the calendar one', () => {
    expect(lastPeriodRange({ rolling: '30d' }, 100 * DAY)).toEqual({ from: 70 * DAY, to: 100 * DAY });
    // 2026-02-15: February has 28 days.
    const february = Date.UTC(2026, 1, 15) / 1000;
    expect(lastPeriodRange({ calendar: 'month' }, february)).toEqual({ from: february - 28 * DAY, to: february });
  });
});
