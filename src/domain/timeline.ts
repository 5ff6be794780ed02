import { errorBudget } from './budget';
import type { EventIndex, WindowCountSeries } from './buckets';
import { type AlertGuard, NO_GUARD, type PairState, alertThresholdRatio, pairState } from './burnRate';
import { roundSignificant } from './numbers';
import { clampedRatio } from './outOfRange';
import type { AlertWindow } from './spec';

/** Error ratio of a window ending at each time (ascending); null where the window had no events. */
export function errorRatioSeries(
  events: EventIndex,
  windowSeconds: number,
  times: readonly number[]
): Array<number | null> {
  return ratiosOf(events.slidingSums(times, windowSeconds));
}

function ratiosOf({ bad, total }: WindowCountSeries): Array<number | null> {
  const ratios: Array<number | null> = new Array(total.length);
  for (let i = 0; i < total.length; i++) {
    ratios[i] = clampedRatio(bad[i], total[i]);
  }
  return ratios;
}

export function burnRateSeries(
  events: EventIndex,
  windowSeconds: number,
  times: readonly number[],
  objectivePercent: number
): Array<number | null> {
  const budget = errorBudget(objectivePercent);
  return errorRatioSeries(events, windowSeconds, times).map((ratio) =>
    ratio === null ? null : roundSignificant(ratio / budget)
  );
}

export interface PairTimeline {
  window: AlertWindow;
  states: PairState[];
  /** `states[i] === 'firing'`. */
  firing: boolean[];
}

export interface AlertTimeline {
  times: number[];
  pairs: PairTimeline[];
  page: boolean[];
  ticket: boolean[];
}

/**
 * Each pair's state at every time: the same rule as `evaluateAlerts` (guard included), for a whole range
 * in one sliding pass per distinct window length.
 */
export function alertTimeline(
  events: EventIndex,
  objectivePercent: number,
  windows: readonly AlertWindow[],
  times: readonly number[],
  guard: AlertGuard = NO_GUARD
): AlertTimeline {
  const budget = errorBudget(objectivePercent);
  const cache = new Map<number, { ratios: Array<number | null>; total: Float64Array }>();
  const windowFor = (seconds: number) => {
    let series = cache.get(seconds);
    if (!series) {
      const sums = events.slidingSums(times, seconds);
      series = { ratios: ratiosOf(sums), total: sums.total };
      cache.set(seconds, series);
    }
    return series;
  };
  const pairs = windows.map((window): PairTimeline => {
    const threshold = alertThresholdRatio(window, budget);
    const long = windowFor(window.longSeconds);
    const short = windowFor(window.shortSeconds);
    const states = times.map((_, i) => pairState(long.ratios[i], short.ratios[i], threshold, long.total[i], guard));
    return { window, states, firing: states.map((state) => state === 'firing') };
  });
  const anyOf = (severity: AlertWindow['severity']) =>
    times.map((_, i) => pairs.some((pair) => pair.window.severity === severity && pair.firing[i]));
  return { times: [...times], pairs, page: anyOf('page'), ticket: anyOf('ticket') };
}

/** Steps walked back one lookup at a time before switching to one linear pass over all the data. */
const WALK_BACK_STEPS = 288;

/**
 * When the pair's current firing stretch began; null when it is not firing at `now`. The walk back
 * checks `now`, then the multiples of `stepSeconds` before it (the times `alignedTimes`, the charts and
 * the backtest evaluate at), so an off-grid `now` gives the same start as the alert history. Most
 * stretches are short, so it walks back one step at a time (a few prefix-sum lookups each); a stretch
 * longer than a day of steps is finished with one sliding pass over the data, so the cost stays linear.
 */
export function firingSince(
  events: EventIndex,
  objectivePercent: number,
  window: AlertWindow,
  now: number,
  stepSeconds: number,
  guard: AlertGuard = NO_GUARD
): number | null {
  const threshold = alertThresholdRatio(window, errorBudget(objectivePercent));
  const firesAt = (time: number) => {
    const long = events.sum(time - window.longSeconds, time);
    const short = events.sum(time - window.shortSeconds, time);
    const state = pairState(
      clampedRatio(long.bad, long.total),
      clampedRatio(short.bad, short.total),
      threshold,
      long.total,
      guard
    );
    return state === 'firing';
  };
  if (!firesAt(now)) {
    return null;
  }
  const dataStart = events.firstStart ?? now;
  let since = now;
  let previous = lastGridTimeBefore(now, stepSeconds);
  for (let steps = 0; steps < WALK_BACK_STEPS; steps++) {
    if (previous < dataStart || !firesAt(previous)) {
      return since;
    }
    since = previous;
    previous -= stepSeconds;
  }
  return firingSinceByPass(events, window, threshold, guard, since, dataStart, stepSeconds);
}

/** The largest multiple of `step` strictly before `time`. */
function lastGridTimeBefore(time: number, step: number): number {
  return Math.ceil(time / step) * step - step;
}

function firingSinceByPass(
  events: EventIndex,
  window: AlertWindow,
  threshold: number,
  guard: AlertGuard,
  firingAt: number,
  dataStart: number,
  stepSeconds: number
): number {
  const count = Math.floor((firingAt - dataStart) / stepSeconds) + 1;
  const times = Array.from({ length: count }, (_, i) => firingAt - (count - 1 - i) * stepSeconds);
  const long = events.slidingSums(times, window.longSeconds);
  const short = events.slidingSums(times, window.shortSeconds);
  const firesAt = (i: number) =>
    pairState(
      clampedRatio(long.bad[i], long.total[i]),
      clampedRatio(short.bad[i], short.total[i]),
      threshold,
      long.total[i],
      guard
    ) === 'firing';
  let i = count - 1;
  while (i > 0 && firesAt(i - 1)) {
    i--;
  }
  return times[i];
}

/** Times from `from` to `to` on multiples of `step` (Unix-aligned, as Grafana aligns range queries). */
export function alignedTimes(from: number, to: number, step: number): number[] {
  const times: number[] = [];
  for (let time = Math.ceil(from / step) * step; time <= to; time += step) {
    times.push(time);
  }
  return times;
}
