import { errorBudget, timeToExhaustion } from './budget';
import { type EventBucket, EventIndex } from './buckets';
import { clampedRatio } from './outOfRange';
import { periodBounds } from './period';
import type { PeriodSpec } from './spec';

export interface BurndownOptions {
  objectivePercent: number;
  period: PeriodSpec;
  now: number;
  /**
   * Burn rate to project with. Defaults to the average burn rate over the period so far, which makes
   * the projection continue the burndown's own slope.
   */
  burnRate?: number | null;
  /** Rolling periods only: first time of the series (defaults to now − period). */
  from?: number;
  /**
   * Rolling periods only. `sliding` (default): at each time the budget left over the window ending
   * then, which needs data from `from − period`. `window`: how the current window's budget was spent
   * from its start until now, which needs the window's data only (cheap enough for an overview).
   */
  rollingView?: 'sliding' | 'window';
}

export interface BurndownPoint {
  time: number;
  remaining: number;
}

export interface BurndownResult {
  /** Remaining budget fraction over time (1 = untouched, 0 = exhausted, negative = overspent). */
  series: BurndownPoint[];
  /** Constant burn rate 1: the whole budget spread evenly over the period. */
  ideal: BurndownPoint[];
  /** From now to exhaustion (or the end of the horizon) at the projected burn rate. */
  projection: BurndownPoint[];
  current: number | null;
  /** When the budget runs out at the projected burn rate; in the past when already exhausted. */
  exhaustionTime: number | null;
  /** The burn rate the projection uses. */
  burnRate: number | null;
  periodStart: number;
  periodEnd: number;
  kind: 'rolling' | 'calendar';
}

/**
 * Calendar periods: budget spent since the period start, normalised by the budget of the whole
 * period as estimated from the traffic so far (events per covered second × period length); the line
 * only falls, and resets at the boundary.
 * Rolling periods: at every time t the budget left over (t − period, t]; it rises again as old bad
 * events leave the window.
 */
export function burndown(buckets: readonly EventBucket[], options: BurndownOptions): BurndownResult {
  return burndownFromIndex(new EventIndex(buckets), options);
}

export function burndownFromIndex(events: EventIndex, options: BurndownOptions): BurndownResult {
  return 'calendar' in options.period ? calendarBurndown(events, options) : rollingBurndown(events, options);
}

function calendarBurndown(events: EventIndex, options: BurndownOptions): BurndownResult {
  const { now } = options;
  const budget = errorBudget(options.objectivePercent);
  const bounds = periodBounds(options.period, now);
  const times = seriesTimes(events, bounds.start, now);
  const soFar = events.sum(bounds.start, now);
  const base = { periodStart: bounds.start, periodEnd: bounds.end, kind: 'calendar' as const };
  const ideal = idealLine(bounds.start, bounds.seconds, [...times, bounds.end]);
  if (soFar.total <= 0 || soFar.covered <= 0) {
    return { ...base, series: [], ideal, projection: [], current: null, exhaustionTime: null, burnRate: null };
  }
  const estimatedPeriodTotal = (soFar.total * bounds.seconds) / soFar.covered;
  const budgetEvents = budget * estimatedPeriodTotal;
  const series = spendSeries(events, bounds.start, times, budgetEvents);
  // Clamped like every ratio: bad never above total, so the budget never reads below 1 − 1/budget.
  const current = 1 - Math.min(soFar.bad, soFar.total) / budgetEvents;
  const averageBurn = (clampedRatio(soFar.bad, soFar.total) ?? 0) / budget;
  const horizon = bounds.end;
  return {
    ...base,
    series,
    ideal,
    ...project(series, current, options.burnRate ?? averageBurn, now, bounds.seconds, horizon),
  };
}

function rollingBurndown(events: EventIndex, options: BurndownOptions): BurndownResult {
  const { now, objectivePercent } = options;
  const budget = errorBudget(objectivePercent);
  const bounds = periodBounds(options.period, now);
  const windowView = options.rollingView === 'window';
  const from = windowView ? bounds.start : Math.min(options.from ?? bounds.start, now);
  const times = seriesTimes(events, from, now);
  const series = windowView
    ? spendSeries(events, bounds.start, times, budget * events.sum(bounds.start, now).total)
    : slidingSeries(events, bounds.seconds, times, budget);
  const base = { periodStart: bounds.start, periodEnd: bounds.end, kind: 'rolling' as const };
  const ideal = idealLine(
    from,
    bounds.seconds,
    [...times, from + bounds.seconds].filter((t) => t <= from + bounds.seconds)
  );
  const current = events.sum(bounds.start, now);
  const currentRatio = clampedRatio(current.bad, current.total);
  if (currentRatio === null) {
    return { ...base, series, ideal, projection: [], current: null, exhaustionTime: null, burnRate: null };
  }
  const periodBurn = currentRatio / budget;
  const currentRemaining = 1 - periodBurn;
  const horizon = now + bounds.seconds;
  return {
    ...base,
    series,
    ideal,
    ...project(series, currentRemaining, options.burnRate ?? periodBurn, now, bounds.seconds, horizon),
  };
}

function slidingSeries(events: EventIndex, windowSeconds: number, times: number[], budget: number): BurndownPoint[] {
  const { bad, total } = events.slidingSums(times, windowSeconds);
  const series: BurndownPoint[] = [];
  for (let i = 0; i < times.length; i++) {
    const ratio = clampedRatio(bad[i], total[i]);
    if (ratio !== null) {
      series.push({ time: times[i], remaining: 1 - ratio / budget });
    }
  }
  return series;
}

/** Budget left at each time after what was spent since `start`, out of `budgetEvents` bad events allowed. */
function spendSeries(events: EventIndex, start: number, times: number[], budgetEvents: number): BurndownPoint[] {
  if (!(budgetEvents > 0)) {
    return [];
  }
  const spent = events.sumsOver(new Float64Array(times.length).fill(start), times).bad;
  return times.map((time, i) => ({ time, remaining: 1 - spent[i] / budgetEvents }));
}

/** The series start, every bucket end inside (start, now), and now. */
function seriesTimes(events: EventIndex, start: number, now: number): number[] {
  const times = [start];
  for (let i = 0; i < events.length; i++) {
    const end = events.ends[i];
    if (end > start && end < now) {
      times.push(end);
    }
  }
  if (now > start) {
    times.push(now);
  }
  return times;
}

function idealLine(start: number, periodSeconds: number, times: number[]): BurndownPoint[] {
  return times.map((time) => ({ time, remaining: 1 - (time - start) / periodSeconds }));
}

interface Projection {
  projection: BurndownPoint[];
  current: number;
  exhaustionTime: number | null;
  burnRate: number | null;
}

function project(
  series: BurndownPoint[],
  current: number,
  burnRateValue: number | null,
  now: number,
  periodSeconds: number,
  horizon: number
): Projection {
  const burnRate = burnRateValue !== null && Number.isFinite(burnRateValue) ? burnRateValue : null;
  if (current <= 0) {
    return { projection: [], current, exhaustionTime: exhaustedSince(series) ?? now, burnRate };
  }
  const secondsLeft = burnRate === null ? null : timeToExhaustion(current, burnRate, periodSeconds);
  if (secondsLeft === null) {
    return {
      projection: [
        { time: now, remaining: current },
        { time: horizon, remaining: current },
      ],
      current,
      exhaustionTime: null,
      burnRate,
    };
  }
  const exhaustionTime = now + secondsLeft;
  const end = Math.min(exhaustionTime, Math.max(horizon, now));
  const remainingAtEnd = current - ((end - now) * current) / secondsLeft;
  return {
    projection: [
      { time: now, remaining: current },
      { time: end, remaining: remainingAtEnd },
    ],
    current,
    exhaustionTime,
    burnRate,
  };
}

/** Start of the exhausted stretch the series ends in: where it last went from above zero to zero or below. */
function exhaustedSince(series: BurndownPoint[]): number | null {
  let i = series.length - 1;
  if (i < 0 || series[i].remaining > 0) {
    return null;
  }
  while (i > 0 && series[i - 1].remaining <= 0) {
    i--;
  }
  if (i === 0) {
    return series[0].time;
  }
  const before = series[i - 1];
  const after = series[i];
  const share = before.remaining / (before.remaining - after.remaining);
  return before.time + share * (after.time - before.time);
}
