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
import { type BucketRole, sliBucketQueries } from './sliQueries';

export type PlanView = 'overview' | 'detail';

export interface PlanOptions {
  /** The visible range; the SLO is evaluated as of `to`. */
  from: number;
  to: number;
  view: PlanView;
}

export interface PlannedQuery {
  /** Unique within the plan: `<role>` for a range part, `<role>#<chunk>` for later chunks. */
  refId: string;
  role: BucketRole | 'breakdown';
  /** For breakdown queries: which bucket role the split belongs to. */
  breakdownOf?: BucketRole;
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
}

/** Prometheus refuses range queries with more points per series than this. */
export const MAX_POINTS_PER_SERIES = 11000;
const DEFAULT_STEP = 300;

/**
 * Plans the Prometheus queries for one SLO so that raw data is read about once: each SLI part is a
 * range query of non-overlapping buckets (`increase`/`rate` over exactly one step, evaluated every
 * step) from which every alert window, the period, the burndown and the burn-rate history are summed
 * client-side. The detail view adds one instant query per part for the breakdown labels.
 */
export function planQueries(spec: SloSpec, options: PlanOptions): QueryPlan {
  const step = stepFor(spec);
  const now = Math.floor(options.to / step) * step;
  const from = Math.min(Math.floor(options.from / step) * step, now);
  const period = periodBounds(spec.period, now);
  const longestWindow = Math.max(...alertWindowLengths(resolveAlertWindows(spec, alertingPeriodSeconds(spec.period))));
  let bucketStart = Math.min(period.start, now - longestWindow);
  if (options.view === 'detail') {
    bucketStart = Math.min(bucketStart, from - longestWindow);
    if (!isCalendarPeriod(spec.period)) {
      bucketStart = Math.min(bucketStart, from - period.seconds);
    }
  }
  bucketStart = Math.floor(bucketStart / step) * step;
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
  };
}

/** Time slices need buckets that tile a slice exactly. */
function stepFor(spec: SloSpec): number {
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
