import { errorBudget } from './budget';
import type { EventIndex } from './buckets';
import { alertThresholdRatio, pairFires } from './burnRate';
import { roundSignificant } from './numbers';
import type { AlertWindow } from './spec';

/** Error ratio of a window ending at each time (ascending); null where the window had no events. */
export function errorRatioSeries(
  events: EventIndex,
  windowSeconds: number,
  times: readonly number[]
): Array<number | null> {
  const { bad, total } = events.slidingSums(times, windowSeconds);
  const ratios: Array<number | null> = new Array(times.length);
  for (let i = 0; i < times.length; i++) {
    ratios[i] = total[i] > 0 ? bad[i] / total[i] : null;
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
  firing: boolean[];
}

export interface AlertTimeline {
  times: number[];
  pairs: PairTimeline[];
  page: boolean[];
  ticket: boolean[];
}

/** Each pair's state at every time: the same rule as `evaluateAlerts`, for a whole range in one pass per window. */
export function alertTimeline(
  events: EventIndex,
  objectivePercent: number,
  windows: readonly AlertWindow[],
  times: readonly number[]
): AlertTimeline {
  const budget = errorBudget(objectivePercent);
  const ratioCache = new Map<number, Array<number | null>>();
  const ratiosFor = (seconds: number) => {
    let ratios = ratioCache.get(seconds);
    if (!ratios) {
      ratios = errorRatioSeries(events, seconds, times);
      ratioCache.set(seconds, ratios);
    }
    return ratios;
  };
  const pairs = windows.map((window): PairTimeline => {
    const threshold = alertThresholdRatio(window, budget);
    const longRatios = ratiosFor(window.longSeconds);
    const shortRatios = ratiosFor(window.shortSeconds);
    return { window, firing: times.map((_, i) => pairFires(longRatios[i], shortRatios[i], threshold)) };
  });
  const anyOf = (severity: AlertWindow['severity']) =>
    times.map((_, i) => pairs.some((pair) => pair.window.severity === severity && pair.firing[i]));
  return { times: [...times], pairs, page: anyOf('page'), ticket: anyOf('ticket') };
}

/** Steps walked back one lookup at a time before switching to one linear pass over all the data. */
const WALK_BACK_STEPS = 288;

/**
 * When the pair's current firing stretch began; null when it is not firing at `now`. Most stretches
 * are short, so it walks back one step at a time (a few prefix-sum lookups each); a stretch longer
 * than a day of steps is finished with one sliding pass over the data, so the cost stays linear.
 */
export function firingSince(
  events: EventIndex,
  objectivePercent: number,
  window: AlertWindow,
  now: number,
  stepSeconds: number
): number | null {
  const threshold = alertThresholdRatio(window, errorBudget(objectivePercent));
  const ratio = (from: number, to: number) => {
    const { bad, total } = events.sum(from, to);
    return total > 0 ? bad / total : null;
  };
  const firesAt = (time: number) =>
    pairFires(ratio(time - window.longSeconds, time), ratio(time - window.shortSeconds, time), threshold);
  if (!firesAt(now)) {
    return null;
  }
  const dataStart = events.firstStart ?? now;
  let since = now;
  for (let steps = 0; steps < WALK_BACK_STEPS; steps++) {
    if (since - stepSeconds < dataStart || !firesAt(since - stepSeconds)) {
      return since;
    }
    since -= stepSeconds;
  }
  return firingSinceByPass(events, window, threshold, since, dataStart, stepSeconds);
}

function firingSinceByPass(
  events: EventIndex,
  window: AlertWindow,
  threshold: number,
  firingAt: number,
  dataStart: number,
  stepSeconds: number
): number {
  const count = Math.floor((firingAt - dataStart) / stepSeconds) + 1;
  const times = Array.from({ length: count }, (_, i) => firingAt - (count - 1 - i) * stepSeconds);
  const long = events.slidingSums(times, window.longSeconds);
  const short = events.slidingSums(times, window.shortSeconds);
  const ratioAt = (sums: { bad: Float64Array; total: Float64Array }, i: number) =>
    sums.total[i] > 0 ? sums.bad[i] / sums.total[i] : null;
  let i = count - 1;
  while (i > 0 && pairFires(ratioAt(long, i - 1), ratioAt(short, i - 1), threshold)) {
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
