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
 * The one time range a Grafana query request for this plan needs: the range queries' first and last
 * evaluation (Grafana aligns both down to the step, and so does the plan), in Unix seconds.
 * Instant queries run at its end, which is the plan's `now`.
 */
export function planTimeRange(plan: QueryPlan): { from: number; to: number } {
  const range = plan.queries.filter((query) => !query.instant);
  if (range.length === 0) {
    return { from: plan.bucketStart + plan.step, to: plan.now };
  }
  return { from: Math.min(...range.map((query) => query.start)), to: Math.max(...range.map((query) => query.end)) };
}

/** Enough points for every bucket, so Grafana never widens the step on its own. */
export function planMaxDataPoints(plan: QueryPlan): number {
  const { from, to } = planTimeRange(plan);
  return Math.floor((to - from) / plan.step) + 1;
}
