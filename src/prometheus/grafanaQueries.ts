import type { DataQuery } from '@grafana/schema';
import type { PlannedQuery, QueryPlan } from './plan';
import { promDuration } from './promql';

/** The fields of Grafana's Prometheus query model that a plan sets. */
export interface PrometheusDataQuery extends DataQuery {
  expr: string;
  instant: boolean;
  range: boolean;
  /** Minimum step; with `maxDataPoints` ≥ the bucket count Grafana uses exactly this step. */
  interval: string;
  intervalFactor: 1;
  format: 'time_series';
  editorMode: 'code';
  legendFormat?: string;
}

export function toPrometheusDataQuery(query: PlannedQuery): PrometheusDataQuery {
  return {
    refId: query.refId,
    expr: query.expr,
    instant: query.instant,
    range: !query.instant,
    interval: promDuration(query.step),
    intervalFactor: 1,
    format: 'time_series',
    editorMode: 'code',
  };
}

/**
 * The one time range a Grafana query request for this plan needs, in Unix seconds: from the range
 * queries' first evaluation to the plan's `now`. Grafana's Prometheus data source (promlib) aligns a range
 * query's start and end down to a multiple of its step, so the range queries still end at the last
 * complete bucket, `bucketEnd`; instant queries run at the range's exact end, `now`.
 */
export function planTimeRange(plan: QueryPlan): { from: number; to: number } {
  const range = plan.queries.filter((query) => !query.instant);
  const from = range.length === 0 ? plan.bucketStart + plan.step : Math.min(...range.map((query) => query.start));
  return { from, to: plan.now };
}

/**
 * Enough points for every bucket, so Grafana never widens the step on its own: promlib's interval is
 * the range over `maxDataPoints` (here less than the step, so the query's minimum interval, the step,
 * wins), unless the range over 11,000 points rounds to more (see `grafanaSafeStep`).
 */
export function planMaxDataPoints(plan: QueryPlan): number {
  const { from, to } = planTimeRange(plan);
  return Math.floor((to - from) / plan.step) + 1;
}

/** Points per series promlib never exceeds: it widens the step to range / 11,000, rounded. */
const GRAFANA_SAFE_RESOLUTION = 11000;

/**
 * The smallest step promlib lets a range query of this span (seconds) have: the span over 11,000 points,
 * rounded as Grafana rounds intervals (grafana-plugin-sdk-go `gtime.RoundInterval`). A step below it is
 * silently widened, so a plan must not ask for one.
 */
export function grafanaSafeStep(spanSeconds: number): number {
  return grafanaRoundInterval(spanSeconds / GRAFANA_SAFE_RESOLUTION);
}

/**
 * Grafana's interval rounding, in seconds: each upper limit (inclusive) with the interval it rounds to.
 * Only the part from a tenth of a second up; plans never ask for less.
 */
const ROUNDED_INTERVALS: ReadonlyArray<readonly [number, number]> = [
  [0.15, 0.1],
  [0.35, 0.2],
  [0.75, 0.5],
  [1.5, 1],
  [3.5, 2],
  [7.5, 5],
  [12.5, 10],
  [17.5, 15],
  [25, 20],
  [45, 30],
  [90, 60],
  [210, 120],
  [450, 300],
  [750, 600],
  [1050, 900],
  [1500, 1200],
  [2700, 1800],
  [5400, 3600],
  [9000, 7200],
  [16200, 10800],
  [32400, 21600],
  [86400, 43200],
  [604800, 86400],
  [1814400, 604800],
  [3628800, 2592000],
];

export function grafanaRoundInterval(seconds: number): number {
  return ROUNDED_INTERVALS.find(([limit]) => seconds <= limit)?.[1] ?? 31536000;
}
