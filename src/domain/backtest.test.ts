import { backtestAlerts } from './backtest';
import { EventIndex } from './buckets';
import { defaultAlertWindows } from './burnRate';
import type { AlertWindow, PeriodSpec } from './spec';
import { bucketsBetween } from './testing/buckets';
import { alertTimeline, alignedTimes, firingSince } from './timeline';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;
const windows = defaultAlertWindows(30 * DAY);
const [fastPage, slowPage] = windows;
const rolling: PeriodSpec = { rolling: '30d' };

// 1,000 events per 5 minutes for 40 days; 5% errors for 3 hours from day 35 (a page), none otherwise.
const incidentStart = 35 * DAY;
const incidentEnd = incidentStart + 3 * HOUR;
const events = new EventIndex(
  bucketsBetween(0, 40 * DAY, 300, (t) => ({ bad: t >= incidentStart && t < incidentEnd ? 50 : 0, total: 1000 }))
);

function backtest(overrides: {
  windows?: readonly AlertWindow[];
  from?: number;
  to?: number;
  objective?: number;
  minEvents?: number;
  period?: PeriodSpec;
  index?: EventIndex;
}) {
  return backtestAlerts({
    events: overrides.index ?? events,
    objectivePercent: overrides.objective ?? 99.9,
    period: overrides.period ?? rolling,
    windows: overrides.windows ?? windows,
    guard: overrides.minEvents === undefined ? undefined : { minEvents: overrides.minEvents },
    range: { from: overrides.from ?? 34 * DAY, to: overrides.to ?? 36 * DAY },
  });
}

describe('backtestAlerts', () => {
  it('finds the episode of each pair: from the first evaluation that fires to the first that does not', () => {
    const result = backtest({});
    const fast = result.pairs[0];
    // 5% errors: the 1h ratio passes 1.44% after 4 buckets (200 of 12,000); the 5m window drops 5 minutes
    // after the errors stop.
    expect(fast.episodes).toEqual([
      expect.objectContaining({ start: incidentStart + 20 * MINUTE, end: incidentEnd + 5 * MINUTE, open: false }),
    ]);
    expect(fast).toMatchObject({ count: 1, firingSeconds: 3 * HOUR - 15 * MINUTE });
    expect(fast.longest).toBe(fast.episodes[0]);
    expect(fast.episodes[0]).toMatchObject({ peakLongBurnRate: 50, peakShortBurnRate: 50, pairs: [0] });
    // 900 bad events also spend more than 0.3% of a day's 288,000 events: the ticket pairs fire too.
    expect(result.pairs.map((pair) => pair.count)).toEqual([1, 1, 1, 1]);
    expect(result.evaluations).toBe(2 * 288 + 1);
  });

  it('gives each episode the share of the period budget its bad events spent', () => {
    const episode = backtest({}).pairs[0].episodes[0];
    // (start, end] holds 32 incident buckets of 50 bad events; the 30 days ending then hold 8,640 × 1,000
    // events, whose 0.1% budget is 8,640 bad events.
    expect(episode.badEvents).toBeCloseTo(32 * 50, 9);
    expect(episode.budgetConsumed).toBeCloseTo(1600 / 8640, 12);
  });

  it('measures a calendar period against its estimated budget, as the burndown does', () => {
    const monthly = backtest({ period: { calendar: 'month' } });
    // Day 35 is 1970-02-05: February so far holds 4 days and 3 hours of traffic at 1,000 per 5 minutes,
    // extrapolated to its 28 days.
    const episode = monthly.pairs[0].episodes[0];
    expect(episode.budgetConsumed).toBeCloseTo(1600 / (0.001 * 28 * 288 * 1000), 9);
  });

  it('counts overlapping pairs of one severity once, naming the pairs', () => {
    const result = backtest({});
    const slow = result.pairs[1];
    // 6h/30m: 5% against 0.6% passes after 9 buckets of 72 (450 of 72,000 is 0.625%); the 30m window clears
    // 30 minutes after the errors stop.
    expect(slow.episodes[0]).toMatchObject({ start: incidentStart + 45 * MINUTE, end: incidentEnd + 30 * MINUTE });
    const page = result.severities.page;
    expect(page.count).toBe(1);
    expect(page.episodes[0]).toMatchObject({
      start: incidentStart + 20 * MINUTE,
      end: incidentEnd + 30 * MINUTE,
      open: false,
      pairs: [0, 1],
      peakLongBurnRate: 50,
    });
    expect(page.firingSeconds).toBe(3 * HOUR + 10 * MINUTE);
    expect(result.severities.ticket.count).toBe(1);
    expect(result.severities.ticket.episodes[0].pairs).toEqual([2, 3]);
  });

  it('keeps an episode open when the range ends while it fires, and ends it at the range end', () => {
    const to = incidentStart + HOUR + 137;
    const result = backtest({ to });
    const episode = result.pairs[0].episodes[0];
    expect(episode).toMatchObject({ start: incidentStart + 20 * MINUTE, end: to, open: true });
    // The range end is an evaluation time of its own, off the grid, and firing-since agrees with the episode.
    expect(firingSince(events, 99.9, fastPage, to, 300)).toBe(episode.start);
  });

  it('fires all the time on 100% errors: one episode spanning the range, still open', () => {
    const failing = new EventIndex(bucketsBetween(0, 3 * DAY, 300, () => ({ bad: 10, total: 10 })));
    const result = backtest({ index: failing, windows: [fastPage], from: DAY, to: 2 * DAY });
    expect(result.pairs[0].episodes).toEqual([
      {
        start: DAY,
        end: 2 * DAY,
        open: true,
        peakLongBurnRate: 1000,
        peakShortBurnRate: 1000,
        badEvents: 2880,
        // The period ending at 2 days holds 2 days of data: 5,760 events, a budget of 5.76 bad events.
        budgetConsumed: 2880 / 5.76,
        pairs: [0],
      },
    ]);
    expect(result.pairs[0].firingSeconds).toBe(DAY);
    expect(result.severities.ticket).toMatchObject({ count: 0, firingSeconds: 0, longest: null, episodes: [] });
  });

  it.each([
    [300, 36 * DAY],
    [300, 36 * DAY - 137],
    [60, incidentEnd + 2 * HOUR + 17],
    [420, 36 * DAY],
  ])('evaluates with the same rule as the alert timeline, at every step (step %p, to %p)', (stepSeconds, to) => {
    const from = 34 * DAY + 11;
    const result = backtestAlerts({
      events,
      objectivePercent: 99.9,
      period: rolling,
      windows,
      guard: { minEvents: 5000 },
      range: { from, to },
      stepSeconds,
    });
    const times = alignedTimes(from, to, stepSeconds);
    if (times[times.length - 1] < to) {
      times.push(to);
    }
    expect(result.evaluations).toBe(times.length);
    const timeline = alertTimeline(events, 99.9, windows, times, { minEvents: 5000 });
    result.pairs.forEach((pair, p) => {
      const fromEpisodes = times.map((time) =>
        pair.episodes.some(
          (episode) => (time >= episode.start && time < episode.end) || (episode.open && time === episode.end)
        )
      );
      expect(fromEpisodes).toEqual(timeline.pairs[p].firing);
    });
  });

  it('lets the low-traffic guard hold a pair back: no episode, and the time held back', () => {
    // 10 events per 5 minutes, half bad: the 1h window holds 120 events, the 6h window 720.
    const quiet = new EventIndex(bucketsBetween(0, 3 * DAY, 300, () => ({ bad: 5, total: 10 })));
    const range = { index: quiet, from: DAY, to: 2 * DAY };
    const unguarded = backtest(range);
    expect(unguarded.pairs[0].count).toBe(1);
    const guarded = backtest({ ...range, minEvents: 500 });
    expect(guarded.pairs[0]).toMatchObject({ count: 0, firingSeconds: 0, insufficientTrafficSeconds: DAY });
    expect(guarded.pairs[1]).toMatchObject({ count: 1, insufficientTrafficSeconds: 0 });
    expect(guarded.severities.page.episodes[0].pairs).toEqual([1]);
  });

  it('reports pairs that can never fire, or whose short window is not shorter, and does not evaluate them', () => {
    const odd: AlertWindow = { ...slowPage, shortSeconds: 6 * HOUR };
    const result = backtest({ objective: 90, windows: [fastPage, slowPage, odd] });
    expect(result.problems).toEqual([
      {
        index: 0,
        window: fastPage,
        kind: 'never-fires',
        pair: 'page 1h/5m',
        message: 'threshold 144% can never be reached at objective 90',
      },
      {
        index: 2,
        window: odd,
        kind: 'short-not-shorter',
        pair: 'page 6h/6h',
        message: 'short window 6h is not shorter than the long window 6h',
      },
    ]);
    expect(result.pairs.map((pair) => pair.index)).toEqual([1]);
  });

  it('returns no evaluations for an empty or reversed range', () => {
    const result = backtest({ from: 36 * DAY, to: 35 * DAY });
    expect(result.evaluations).toBe(0);
    expect(result.pairs.every((pair) => pair.count === 0)).toBe(true);
  });
});
