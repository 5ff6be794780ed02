import {
  type SloSpec,
  alertWindowLengths,
  alertingPeriodSeconds,
  isCalendarPeriod,
  parseDuration,
  periodBounds,
  resolveAlertWindows,
  sliKind,
} from '../domain';
import { grafanaSafeStep } from './grafanaQueries';
import { type BucketRole, sliBucketQueries, sliWindowsQuery } from './sliQueries';

export type PlanView = 'overview' | 'detail';

export interface PlanOptions {
  /** The visible range; the SLO is evaluated as of `to` (to the second), whether or not it is on the step grid. */
  from: number;
  to: number;
  view: PlanView;
  /**
   * What to do when the buckets exceed Prometheus's points limit: split the range into several
   * queries (`chunk`, exact), or widen the step (`coarsen`) for callers that can send only one range
   * per query runner, as a Grafana data source request has one time range.
   */
  pointsLimit?: 'chunk' | 'coarsen';
  /**
   * Look-back for a backtest of the alert pairs over the `historySeconds` before `to` (`backtestSlo`): the
   * buckets then also reach that far back and the longest alert window before it, so that the first
   * evaluation's windows are whole. A backtest over the last period needs the period plus the longest
   * window, where the overview reads the period only. Unset: nothing more than the view needs.
   */
  historySeconds?: number;
}

export interface PlannedQuery {
  /** Unique within the plan: `<role>` for a range part, `<role>#<chunk>` for later chunks. */
  refId: string;
  /**
   * `windows`: the exact counts of the short alert windows ending now (and of the partial bucket's window).
   * `tail`: for SLIs without exact windows, the counts of the partial bucket's window, one step and the
   * seconds since the last bucket boundary.
   */
  role: BucketRole | 'breakdown' | 'windows' | 'tail';
  /** For breakdown queries: which bucket role the split belongs to. */
  breakdownOf?: BucketRole;
  /** For the exact-windows and tail queries: the parts whose values are per second. */
  perSecondRoles?: BucketRole[];
  /** For the exact-windows and tail queries: the window lengths (seconds) it reads, ending at `now`. */
  windows?: number[];
  expr: string;
  instant: boolean;
  /** Range queries: first and last evaluation time (multiples of step). Instant: both the time (the plan's `now`). */
  start: number;
  end: number;
  step: number;
  perSecond: boolean;
}

export interface QueryPlan {
  sloId: string;
  view: PlanView;
  /** Evaluation time: the instant asked (`to`, in whole seconds), which need not be a multiple of the step. */
  now: number;
  step: number;
  /**
   * The last multiple of the step at or before `now`: the end of the last complete bucket, where the range
   * queries end. When it is before `now`, the reader adds one partial bucket (bucketEnd, now].
   */
  bucketEnd: number;
  /** Start of the first bucket. */
  bucketStart: number;
  /** Where the burndown and history charts begin (the visible range, or the period). */
  historyFrom: number;
  queries: PlannedQuery[];
  breakdown: { labels: string[]; from: number } | null;
  /** Set when a coarsened step is longer than the shortest alert window, which is then approximate. */
  approximateShortWindows: boolean;
  /**
   * Between two bucket boundaries: the instant query and the window it reads (seconds ending at `now`,
   * starting on a bucket boundary) whose counts, less the complete buckets inside the window, are the
   * partial bucket (bucketEnd, now]. Null when `now` is a boundary.
   */
  partialBucket: { refId: string; seconds: number } | null;
}

/**
 * Alert windows up to this length are read exactly with one extra instant query: a scrape gap or a
 * counter reset inside a 5-minute bucket skews that bucket, which a short window feels and a day does
 * not. Their data is a few percent of the period's.
 */
const EXACT_WINDOW_LIMIT_SECONDS = 6 * 3600;

/** Prometheus refuses range queries with more points per series than this. */
export const MAX_POINTS_PER_SERIES = 11000;
const DEFAULT_STEP = 300;

/**
 * Plans the Prometheus queries for one SLO so that raw data is read about once: each SLI part is a
 * range query of non-overlapping buckets (`increase`/`rate` over exactly one step, evaluated every
 * step, on multiples of the step) from which every alert window, the period, the burndown and the
 * burn-rate history are summed client-side; one instant query at `now` reads the short alert windows
 * exactly. When `now` is not a multiple of the step, the reader adds the partial bucket (bucketEnd, now]
 * from one more window of that query, (bucketEnd − 6h, now], or for SLIs without exact windows from a
 * `tail` query of (bucketEnd − step, now] (see `partialBucketReach`). The detail view adds one instant
 * query per part for the breakdown labels.
 */
export function planQueries(spec: SloSpec, options: PlanOptions): QueryPlan {
  const windowLengths = alertWindowLengths(resolveAlertWindows(spec, alertingPeriodSeconds(spec.period)));
  const longestWindow = windowLengths[windowLengths.length - 1];
  const now = Math.floor(options.to);
  const baseStep = stepFor(spec);
  const reach = (step: number) => {
    const bucketEnd = Math.floor(now / step) * step;
    const from = Math.min(Math.floor(options.from / step) * step, bucketEnd);
    const period = periodBounds(spec.period, now);
    let start = Math.min(period.start, now - longestWindow);
    if (options.view === 'detail') {
      start = Math.min(start, from - longestWindow);
      if (!isCalendarPeriod(spec.period)) {
        start = Math.min(start, from - period.seconds);
      }
    }
    if (options.historySeconds !== undefined && options.historySeconds > 0) {
      start = Math.min(start, now - options.historySeconds - longestWindow);
    }
    return { bucketEnd, from, period, bucketStart: Math.floor(start / step) * step };
  };
  const step = options.pointsLimit === 'coarsen' ? coarsenedStep(spec, baseStep, reach) : baseStep;
  const { bucketEnd, from, period, bucketStart } = reach(step);
  const historyFrom = options.view === 'detail' ? from : period.start;

  const queries: PlannedQuery[] = [];
  for (const part of sliBucketQueries(spec.sli, step)) {
    chunkedRange(bucketStart + step, bucketEnd, step).forEach((chunk, index) => {
      queries.push({
        refId: index === 0 ? part.role : `${part.role}#${index}`,
        role: part.role,
        expr: part.expr,
        instant: false,
        start: chunk.start,
        end: chunk.end,
        step,
        perSecond: part.perSecond,
      });
    });
  }

  const instantAtNow = (refId: string, role: 'windows' | 'tail', seconds: readonly number[]): PlannedQuery => {
    const { expr, perSecondRoles } = sliWindowsQuery(spec.sli, seconds);
    return {
      refId,
      role,
      expr,
      instant: true,
      start: now,
      end: now,
      step,
      perSecond: false,
      perSecondRoles,
      windows: [...seconds],
    };
  };
  const exactWindows = hasExactWindows(spec) ? windowLengths.filter((s) => s <= EXACT_WINDOW_LIMIT_SECONDS) : [];
  const partialReach = partialBucketReach(exactWindows, step);
  // A raw ratio's partial bucket takes the latest ratio over one step ending now (see partialBucket.ts);
  // counts take the window from a boundary to now, less the whole buckets in it.
  const tailSeconds = sliKind(spec.sli) === 'raw' ? step : step + now - bucketEnd;
  const partialBucket =
    now > bucketEnd
      ? partialReach === null
        ? { refId: 'tail', seconds: tailSeconds }
        : { refId: 'windows', seconds: partialReach + now - bucketEnd }
      : null;
  if (exactWindows.length > 0) {
    const read = partialBucket?.refId === 'windows' ? [...exactWindows, partialBucket.seconds] : exactWindows;
    queries.push(instantAtNow('windows', 'windows', [...new Set(read)]));
  }
  if (partialBucket?.refId === 'tail') {
    queries.push(instantAtNow('tail', 'tail', [partialBucket.seconds]));
  }

  const labels = options.view === 'detail' && sliKind(spec.sli) !== 'raw' ? (spec.breakdownLabels ?? []) : [];
  if (labels.length > 0 && now > from) {
    for (const part of sliBucketQueries(spec.sli, now - from, labels)) {
      queries.push({
        refId: `breakdown:${part.role}`,
        role: 'breakdown',
        breakdownOf: part.role,
        expr: part.expr,
        instant: true,
        start: now,
        end: now,
        step,
        perSecond: part.perSecond,
      });
    }
  }
  return {
    sloId: spec.id,
    view: options.view,
    now,
    step,
    bucketEnd,
    bucketStart,
    historyFrom,
    queries,
    breakdown: labels.length > 0 ? { labels, from } : null,
    approximateShortWindows: step > windowLengths[0],
    partialBucket,
  };
}

/**
 * Raw ratios and time slices have no exact windows: their windows are, by definition, sums of buckets
 * (the mean of the bucket ratios; the slices the buckets make up).
 */
function hasExactWindows(spec: SloSpec): boolean {
  return sliKind(spec.sli) !== 'raw' && spec.budgetingMethod !== 'timeslices';
}

/**
 * How far before the last bucket boundary the window that gives the partial bucket starts: the longest
 * exact window that is a whole number of steps, or null when the plan has none and reads a `tail` of one
 * step instead. The window then reads (bucketEnd − reach, now]: it starts on a boundary, so the complete
 * buckets inside it are whole and the partial bucket is its count less theirs, with no share of a bucket
 * to estimate. The longest, not the shortest: every window Prometheus computes stops at its last sample and
 * extrapolates the seconds after it at its own average rate, so a partial bucket at the 6-hour average
 * keeps the windows summed from buckets (1d, 3d, the period) within those seconds over 6 hours of
 * Prometheus's own values, where the 5-minute rate would carry an incident's current rate into them (2 %
 * off on a day's ratio, 30 minutes into an outage, 37 s after a boundary). The exact windows are read as
 * they are either way.
 */
export function partialBucketReach(exactWindows: readonly number[], step: number): number | null {
  const whole = exactWindows.filter((seconds) => seconds >= step && seconds % step === 0);
  return whole.length > 0 ? Math.max(...whole) : null;
}

/**
 * The step of a plan that must fit one Grafana request: the spec's own step whenever its buckets fit
 * Prometheus's points limit and Grafana keeps it as asked (see `grafanaSafeStep`), else the first coarser
 * step that does, preferring one that still tiles the time slices (slices are then still exact).
 */
function coarsenedStep(
  spec: SloSpec,
  baseStep: number,
  reach: (step: number) => { bucketEnd: number; bucketStart: number }
): number {
  const fits = (step: number) => {
    const { bucketEnd, bucketStart } = reach(step);
    // The request's range, from the first bucket's end to `now`, is shorter than the buckets' span.
    const span = bucketEnd - bucketStart;
    return span / step <= MAX_POINTS_PER_SERIES && grafanaSafeStep(span) <= step;
  };
  if (fits(baseStep)) {
    return baseStep;
  }
  const candidates = COARSER_STEPS.filter((candidate) => candidate > baseStep && fits(candidate));
  const slice = sliceSeconds(spec);
  const tiling = candidates.find((candidate) => slice !== null && slice % candidate === 0);
  if (tiling !== undefined || candidates.length > 0) {
    return tiling ?? candidates[0];
  }
  const { bucketEnd, bucketStart } = reach(baseStep);
  return Math.ceil((bucketEnd - bucketStart) / MAX_POINTS_PER_SERIES / baseStep) * baseStep;
}

/** Steps Grafana's interval rounding keeps as they are, so the data arrives at exactly this step. */
const COARSER_STEPS = [300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** The length of the spec's time slices, or null when it counts events. */
export function sliceSeconds(spec: SloSpec): number | null {
  return spec.budgetingMethod === 'timeslices' && spec.timesliceWindow ? parseDuration(spec.timesliceWindow) : null;
}

/** The bucket length a spec is read at (before any coarsening): 5 minutes, or what tiles its time slices. */
export function stepFor(spec: SloSpec): number {
  const slice = sliceSeconds(spec);
  if (slice === null) {
    return DEFAULT_STEP;
  }
  if (slice <= DEFAULT_STEP) {
    return slice;
  }
  return [DEFAULT_STEP, 60].find((step) => slice % step === 0) ?? slice;
}

/** Splits evaluation times first..last (every step) into runs of at most MAX_POINTS_PER_SERIES. */
export function chunkedRange(first: number, last: number, step: number): Array<{ start: number; end: number }> {
  const chunks: Array<{ start: number; end: number }> = [];
  for (let start = first; start <= last; start += MAX_POINTS_PER_SERIES * step) {
    chunks.push({ start, end: Math.min(last, start + (MAX_POINTS_PER_SERIES - 1) * step) });
  }
  return chunks;
}
