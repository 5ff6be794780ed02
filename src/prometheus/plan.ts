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
import { type BucketRole, sliBucketQueries, sliWindowsQuery } from './sliQueries';

export type PlanView = 'overview' | 'detail';

export interface PlanOptions {
  /** The visible range; the SLO is evaluated as of `to`. */
  from: number;
  to: number;
  view: PlanView;
  /**
   * What to do when the buckets exceed Prometheus's points limit: split the range into several
   * queries (`chunk`, exact), or widen the step (`coarsen`) for callers that can send only one range
   * per query runner, as a Grafana data source request has one time range.
   */
  pointsLimit?: 'chunk' | 'coarsen';
}

export interface PlannedQuery {
  /** Unique within the plan: `<role>` for a range part, `<role>#<chunk>` for later chunks. */
  refId: string;
  role: BucketRole | 'breakdown' | 'windows';
  /** For breakdown queries: which bucket role the split belongs to. */
  breakdownOf?: BucketRole;
  /** For the exact-windows query: the parts whose values are per second. */
  perSecondRoles?: BucketRole[];
  expr: string;
  instant: boolean;
  /** Range queries: first and last evaluation time (multiples of step). Instant: both the time. */
  start: number;
  end: number;
  step: number;
  perSecond: boolean;
}

export interface QueryPlan {
  sloId: string;
  view: PlanView;
  /** Evaluation time: `to` rounded down to the step, the end of the last complete bucket. */
  now: number;
  step: number;
  /** Start of the first bucket. */
  bucketStart: number;
  /** Where the burndown and history charts begin (the visible range, or the period). */
  historyFrom: number;
  queries: PlannedQuery[];
  breakdown: { labels: string[]; from: number } | null;
  /** Set when a coarsened step is longer than the shortest alert window, which is then approximate. */
  approximateShortWindows: boolean;
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
 * step) from which every alert window, the period, the burndown and the burn-rate history are summed
 * client-side; one instant query reads the short alert windows exactly. The detail view adds one
 * instant query per part for the breakdown labels.
 */
export function planQueries(spec: SloSpec, options: PlanOptions): QueryPlan {
  const windowLengths = alertWindowLengths(resolveAlertWindows(spec, alertingPeriodSeconds(spec.period)));
  const baseStep = stepFor(spec);
  const reach = (step: number) => {
    const now = Math.floor(options.to / step) * step;
    const from = Math.min(Math.floor(options.from / step) * step, now);
    const period = periodBounds(spec.period, now);
    let start = Math.min(period.start, now - windowLengths[windowLengths.length - 1]);
    if (options.view === 'detail') {
      start = Math.min(start, from - windowLengths[windowLengths.length - 1]);
      if (!isCalendarPeriod(spec.period)) {
        start = Math.min(start, from - period.seconds);
      }
    }
    return { now, from, period, bucketStart: Math.floor(start / step) * step };
  };
  let step = baseStep;
  if (options.pointsLimit === 'coarsen') {
    const { now, bucketStart } = reach(baseStep);
    const needed = Math.ceil((now - bucketStart) / MAX_POINTS_PER_SERIES / baseStep) * baseStep;
    step = COARSER_STEPS.find((candidate) => candidate >= needed && candidate % baseStep === 0) ?? needed;
  }
  const { now, from, period, bucketStart } = reach(step);
  const historyFrom = options.view === 'detail' ? from : period.start;

  const queries: PlannedQuery[] = [];
  for (const part of sliBucketQueries(spec.sli, step)) {
    chunkedRange(bucketStart + step, now, step).forEach((chunk, index) => {
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

  const exactWindows = windowLengths.filter((seconds) => seconds <= EXACT_WINDOW_LIMIT_SECONDS);
  if (sliKind(spec.sli) !== 'raw' && spec.budgetingMethod !== 'timeslices' && exactWindows.length > 0) {
    const { expr, perSecondRoles } = sliWindowsQuery(spec.sli, exactWindows);
    queries.push({
      refId: 'windows',
      role: 'windows',
      expr,
      instant: true,
      start: now,
      end: now,
      step,
      perSecond: false,
      perSecondRoles,
    });
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
    bucketStart,
    historyFrom,
    queries,
    breakdown: labels.length > 0 ? { labels, from } : null,
    approximateShortWindows: step > windowLengths[0],
  };
}

/** Steps Grafana's interval rounding keeps as they are, so the data arrives at exactly this step. */
const COARSER_STEPS = [300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** The bucket length a spec is read at (before any coarsening): 5 minutes, or what tiles its time slices. */
export function stepFor(spec: SloSpec): number {
  if (spec.budgetingMethod !== 'timeslices' || !spec.timesliceWindow) {
    return DEFAULT_STEP;
  }
  const slice = parseDuration(spec.timesliceWindow);
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
