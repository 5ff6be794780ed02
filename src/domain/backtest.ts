import { type AlertWindowProblem, alertWindowProblems } from './alertWindowProblems';
import { errorBudget } from './budget';
import { type EventIndex, defaultStepSeconds } from './buckets';
import { type AlertGuard, NO_GUARD, alertThresholdRatio, alertWindowLengths, pairState } from './burnRate';
import { roundSignificant } from './numbers';
import { clampedRatioOrNaN, clampedRatios } from './outOfRange';
import { periodBounds } from './period';
import type { AlertWindow, PeriodSpec, Severity } from './spec';

export interface BacktestInput {
  /** The SLO's buckets (time slices already applied), reaching the longest alert window before `range.from`. */
  events: EventIndex;
  objectivePercent: number;
  /** The period whose budget an episode's bad events are measured against. */
  period: PeriodSpec;
  /** The resolved alert windows (`resolveAlertWindows`). */
  windows: readonly AlertWindow[];
  guard?: AlertGuard;
  range: { from: number; to: number };
  /** Evaluation step; defaults to the buckets' step. */
  stepSeconds?: number;
}

/**
 * A stretch of consecutive evaluations at which the alert fired. It runs from the first evaluation time
 * at which it fired to the first at which it no longer did (each evaluation's state holds until the
 * next, as an alert rule's does), or to the end of the range when it was still firing there (`open`).
 */
export interface BacktestEpisode {
  start: number;
  end: number;
  open: boolean;
  /** Highest burn rate of the long (short) window at the evaluations that fired; for a severity, of the pairs firing. */
  peakLongBurnRate: number;
  peakShortBurnRate: number;
  /** Bad events in (start, end]. */
  badEvents: number;
  /**
   * Share of the period's error budget those bad events spent: bad events ÷ (budget × events of the period
   * ending at `end`) — for a rolling period the window (end − period, end]; for a calendar period the period
   * containing `end`, its events estimated from the traffic so far as the burndown does. Null when that
   * period had no events.
   */
  budgetConsumed: number | null;
  /** Indexes (into the windows given) of the pairs that fired during the episode. */
  pairs: number[];
}

export interface EpisodeSummary {
  episodes: BacktestEpisode[];
  count: number;
  /** Sum of the episodes' lengths. */
  firingSeconds: number;
  /** The longest episode (the first of equals), or null. */
  longest: BacktestEpisode | null;
}

export interface PairBacktest extends EpisodeSummary {
  /** Position of the pair in the windows given. */
  index: number;
  window: AlertWindow;
  thresholdRatio: number;
  /** Time the low-traffic guard held the pair back (`insufficient-traffic`), counted as episodes are. */
  insufficientTrafficSeconds: number;
}

/** A severity's episodes: the union of its pairs' firing, so overlapping pairs count once. */
export interface SeverityBacktest extends EpisodeSummary {
  severity: Severity;
}

export interface BacktestResult {
  from: number;
  to: number;
  stepSeconds: number;
  /** Evaluation times: the multiples of the step in [from, to], and `to` itself. */
  evaluations: number;
  /** Every pair that can fire, in the order given (problem pairs are left out). */
  pairs: PairBacktest[];
  severities: Record<Severity, SeverityBacktest>;
  /** Pairs that were not evaluated, and why. */
  problems: AlertWindowProblem[];
}

interface WindowSeries {
  /** Error ratio at each evaluation time; NaN where the window had no events. */
  ratio: Float64Array;
  total: Float64Array;
}

interface PairRun {
  index: number;
  window: AlertWindow;
  thresholdRatio: number;
  firing: Uint8Array;
  insufficientTrafficSeconds: number;
  long: WindowSeries;
  short: WindowSeries;
}

/**
 * What an SLO's alert pairs would have done over a range: evaluated at every step with the same rule as
 * the live state (`pairState`: `pairFires` behind the low-traffic guard). Linear in the buckets and the
 * evaluation times: one sliding pass per distinct window length, a constant amount of work per pair and
 * time, and one forward pass over the episodes for their bad events and period budgets.
 */
export function backtestAlerts(input: BacktestInput): BacktestResult {
  const { events, objectivePercent, period, windows, range } = input;
  const guard = input.guard ?? NO_GUARD;
  const budget = errorBudget(objectivePercent);
  const stepSeconds = input.stepSeconds ?? defaultStepSeconds(events);
  if (!(stepSeconds > 0) || !Number.isFinite(stepSeconds)) {
    throw new RangeError(`backtest step must be a positive number of seconds, got ${stepSeconds}`);
  }
  const times = evaluationTimes(range.from, range.to, stepSeconds);
  const problems = alertWindowProblems(objectivePercent, windows);
  const skipped = new Set(problems.map((problem) => problem.index));
  const evaluated = windows.flatMap((window, index) => (skipped.has(index) ? [] : [{ window, index }]));
  const lengths = alertWindowLengths(evaluated.map(({ window }) => window));
  const series = windowSeries(events, times, lengths, stepSeconds);
  const runs = evaluated.map(({ window, index }) =>
    pairRun(window, index, alertThresholdRatio(window, budget), series, times, guard)
  );
  const measure = (episodes: BacktestEpisode[]) => measureEpisodes(episodes, events, period, budget);
  const pairs = runs.map((run): PairBacktest => {
    const episodes = measure(episodesOf(times, run.firing, [run], budget));
    return {
      index: run.index,
      window: run.window,
      thresholdRatio: run.thresholdRatio,
      insufficientTrafficSeconds: run.insufficientTrafficSeconds,
      ...summary(episodes),
    };
  });
  const severity = (name: Severity): SeverityBacktest => {
    const members = runs.filter((run) => run.window.severity === name);
    return { severity: name, ...summary(measure(episodesOf(times, unionOf(members, times.length), members, budget))) };
  };
  return {
    from: range.from,
    to: range.to,
    stepSeconds,
    evaluations: times.length,
    pairs,
    severities: { page: severity('page'), ticket: severity('ticket') },
    problems,
  };
}

/** Multiples of the step in [from, to] (as `alignedTimes`), and `to` itself when it is off the grid. */
function evaluationTimes(from: number, to: number, step: number): number[] {
  if (!(to >= from)) {
    return [];
  }
  const times: number[] = [];
  for (let k = Math.ceil(from / step); k * step <= to; k++) {
    times.push(k * step);
  }
  if (times.length === 0 || times[times.length - 1] < to) {
    times.push(to);
  }
  return times;
}

/**
 * Each window length's error ratio and events at every evaluation time. The evaluation times are a regular
 * grid (plus an off-grid end), so the prefix sums at the grid, reaching back by the longest window, are
 * taken in one pass, and a window that is a whole number of steps is one subtraction per time. Other
 * windows (a step that does not divide them) take one sliding pass each.
 */
function windowSeries(
  events: EventIndex,
  times: readonly number[],
  lengths: readonly number[],
  step: number
): Map<number, WindowSeries> {
  const series = new Map<number, WindowSeries>();
  const count = times.length;
  if (count === 0) {
    lengths.forEach((seconds) => series.set(seconds, { ratio: new Float64Array(0), total: new Float64Array(0) }));
    return series;
  }
  const lastOnGrid = times[count - 1] === Math.floor(times[count - 1] / step) * step ? count : count - 1;
  const firstStep = Math.round(times[0] / step);
  const longestSteps = Math.ceil(Math.max(0, ...lengths) / step) | 0;
  const grid = new Float64Array(lastOnGrid + longestSteps);
  for (let g = 0; g < grid.length; g++) {
    grid[g] = (firstStep - longestSteps + g) * step;
  }
  const prefix = events.prefixSums(grid);
  const prefixBad = prefix.bad;
  const prefixTotal = prefix.total;
  // Hoisted: the loop below runs for every length and evaluation time.
  const ratioOf = clampedRatioOrNaN;
  for (const seconds of lengths) {
    // Whole steps as a small integer: typed-array indexes that are doubles take V8's slow path.
    const shift = Number.isInteger(seconds / step) ? Math.round(seconds / step) | 0 : -1;
    if (shift < 0) {
      const sums = events.slidingSums(times, seconds);
      series.set(seconds, { ratio: clampedRatios(sums.bad, sums.total), total: sums.total });
      continue;
    }
    const ratio = new Float64Array(count);
    const total = new Float64Array(count);
    for (let t = 0; t < lastOnGrid; t++) {
      const upper = t + longestSteps;
      const allEvents = prefixTotal[upper] - prefixTotal[upper - shift];
      total[t] = allEvents > 0 ? allEvents : 0;
      ratio[t] = ratioOf(prefixBad[upper] - prefixBad[upper - shift], total[t]);
    }
    for (let t = lastOnGrid; t < count; t++) {
      const sums = events.sum(times[t] - seconds, times[t]);
      total[t] = sums.total;
      ratio[t] = ratioOf(sums.bad, sums.total);
    }
    series.set(seconds, { ratio, total });
  }
  return series;
}

function pairRun(
  window: AlertWindow,
  index: number,
  thresholdRatio: number,
  series: Map<number, WindowSeries>,
  times: readonly number[],
  guard: AlertGuard
): PairRun {
  const long = series.get(window.longSeconds)!;
  const short = series.get(window.shortSeconds)!;
  const count = times.length;
  const firing = new Uint8Array(count);
  const { ratio: longRatio, total: longTotal } = long;
  const shortRatio = short.ratio;
  // Hoisted: the one rule, asked at every evaluation time.
  const stateOf = pairState;
  let insufficientTrafficSeconds = 0;
  for (let t = 0; t < count; t++) {
    const longValue = longRatio[t];
    const shortValue = shortRatio[t];
    const state = stateOf(
      longValue === longValue ? longValue : null,
      shortValue === shortValue ? shortValue : null,
      thresholdRatio,
      longTotal[t],
      guard
    );
    if (state === 'firing') {
      firing[t] = 1;
    } else if (state === 'insufficient-traffic' && t + 1 < count) {
      insufficientTrafficSeconds += times[t + 1] - times[t];
    }
  }
  return { index, window, thresholdRatio, firing, insufficientTrafficSeconds, long, short };
}

/** Firing at each time when any of the pairs fires. */
function unionOf(runs: readonly PairRun[], count: number): Uint8Array {
  const firing = new Uint8Array(count);
  for (const run of runs) {
    const pairFiring = run.firing;
    for (let t = 0; t < count; t++) {
      if (pairFiring[t] === 1) {
        firing[t] = 1;
      }
    }
  }
  return firing;
}

/**
 * Runs of firing evaluations as episodes, with the peak burn rates of the given pairs at the times each
 * of them fired (bad events and budget still to be measured).
 */
function episodesOf(
  times: readonly number[],
  firing: Uint8Array,
  runs: readonly PairRun[],
  budget: number
): BacktestEpisode[] {
  const episodes: BacktestEpisode[] = [];
  const count = times.length;
  let t = 0;
  while (t < count) {
    if (!firing[t]) {
      t++;
      continue;
    }
    const first = t;
    let peakLong = 0;
    let peakShort = 0;
    const pairs = new Set<number>();
    for (; t < count && firing[t]; t++) {
      for (const run of runs) {
        if (run.firing[t]) {
          peakLong = Math.max(peakLong, run.long.ratio[t]);
          peakShort = Math.max(peakShort, run.short.ratio[t]);
          pairs.add(run.index);
        }
      }
    }
    const open = t === count;
    episodes.push({
      start: times[first],
      end: open ? times[count - 1] : times[t],
      open,
      peakLongBurnRate: roundSignificant(peakLong / budget),
      peakShortBurnRate: roundSignificant(peakShort / budget),
      badEvents: 0,
      budgetConsumed: null,
      pairs: [...pairs].sort((a, b) => a - b),
    });
  }
  return episodes;
}

/**
 * Fills in each episode's bad events and the share of its period's budget they spent. Episodes are in
 * time order and do not overlap, so both are sums over ranges whose ends never decrease: one forward
 * pass each (`sumsOver`).
 */
function measureEpisodes(
  episodes: BacktestEpisode[],
  events: EventIndex,
  period: PeriodSpec,
  budget: number
): BacktestEpisode[] {
  if (episodes.length === 0) {
    return episodes;
  }
  const ends = episodes.map((episode) => episode.end);
  const bad = events.sumsOver(
    episodes.map((episode) => episode.start),
    ends
  ).bad;
  const bounds = ends.map((end) => periodEnding(period, end));
  const periodSums = events.sumsOver(
    bounds.map((bound) => bound.start),
    ends
  );
  return episodes.map((episode, i) => {
    const periodEvents =
      bounds[i].kind === 'calendar'
        ? periodSums.covered[i] > 0
          ? (periodSums.total[i] * bounds[i].seconds) / periodSums.covered[i]
          : 0
        : periodSums.total[i];
    const budgetEvents = budget * periodEvents;
    return { ...episode, badEvents: bad[i], budgetConsumed: budgetEvents > 0 ? bad[i] / budgetEvents : null };
  });
}

/** The period an episode ending at `end` belongs to: a calendar period starting exactly then is the next one. */
function periodEnding(period: PeriodSpec, end: number) {
  const bounds = periodBounds(period, end);
  return bounds.kind === 'calendar' && bounds.start >= end ? periodBounds(period, end - 1) : bounds;
}

function summary(episodes: BacktestEpisode[]): EpisodeSummary {
  let firingSeconds = 0;
  let longest: BacktestEpisode | null = null;
  for (const episode of episodes) {
    const seconds = episode.end - episode.start;
    firingSeconds += seconds;
    if (longest === null || seconds > longest.end - longest.start) {
      longest = episode;
    }
  }
  return { episodes, count: episodes.length, firingSeconds, longest };
}
