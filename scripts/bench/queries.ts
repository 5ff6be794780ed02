/**
 * The queries the benchmark sends besides SLO Burn's own plans: the raw-samples reference of each SLI,
 * and the naive baseline (an instant query per alert window and a rolling-burndown range query).
 */
import {
  type SloSpec,
  alertWindowLengths,
  alertingPeriodSeconds,
  errorBudget,
  formatDuration,
  isCalendarPeriod,
  periodBounds,
  resolveAlertWindows,
} from '../../src/domain';
import { MAX_POINTS_PER_SERIES, chunkedRange } from '../../src/prometheus/plan';
import { promDuration } from '../../src/prometheus/promql';
import { sliErrorRatioExpr } from '../../src/prometheus/sliQueries';

/** One HTTP request to Prometheus, described so that it can be sent and printed. */
export type BenchQuery =
  | { kind: 'instant'; label: string; expr: string; time: number }
  | { kind: 'range'; label: string; expr: string; start: number; end: number; step: number }
  /** `/api/v1/label/<name>/values?match[]=…`: what Grafana sends for `label_values(metric, name)`. */
  | { kind: 'labelValues'; label: string; name: string; match: string; start: number; end: number };

export const RAW_SAMPLES_DEFINITION =
  "raw samples of an SLO = Prometheus's totalQueryableSamples (stats=all) for ONE instant query, at the " +
  "evaluation time, of the SLI's error ratio over its period: sliErrorRatioExpr(sli, W), W = the rolling " +
  'period (30d, 28d, …) or, for a calendar period, the part elapsed so far (at least 1m). That is every sample ' +
  'of the series the SLI reads within the period, read once (a series that both the error and the total ' +
  'query select counts twice, as it does in every plan). Ratio = samples a plan scans / raw samples.';

/** The window the raw reference reads: the rolling period, or the elapsed part of a calendar period. */
export function rawWindowSeconds(spec: SloSpec, now: number): number {
  if (!isCalendarPeriod(spec.period)) {
    return periodBounds(spec.period, now).seconds;
  }
  return Math.max(60, now - periodBounds(spec.period, now).start);
}

/** The raw-samples reference query of an SLO at `now` (see RAW_SAMPLES_DEFINITION). */
export function rawSamplesQuery(spec: SloSpec, now: number): BenchQuery & { kind: 'instant' } {
  const window = promDuration(rawWindowSeconds(spec, now));
  return { kind: 'instant', label: `raw ${window}`, expr: sliErrorRatioExpr(spec.sli, window), time: now };
}

/** The alert windows (shortest first) and the period window, as PromQL durations. */
export function naiveWindows(spec: SloSpec, now: number): string[] {
  const lengths = alertWindowLengths(resolveAlertWindows(spec, alertingPeriodSeconds(spec.period)));
  return [...lengths.map(formatDuration), promDuration(rawWindowSeconds(spec, now))];
}

export const NAIVE_BURNDOWN_DAYS = 30;
export const NAIVE_BURNDOWN_STEP = 300;

/**
 * The naive way to show an SLO: one instant query of the error ratio per alert window and for the
 * period, plus a rolling 30-day burndown, `1 − ratio(30d) / budget` at every 5 minutes of the last
 * 30 days, as range queries within Prometheus's 11,000-point limit. Every point of that burndown reads
 * up to 30 days of raw samples again. With `stride` n the burndown keeps only every nth of those points
 * (same range, step n × 5 min): a systematic sample to extrapolate the full cost from.
 */
export function naiveQueries(
  spec: SloSpec,
  now: number,
  stride = 1
): { windows: BenchQuery[]; burndown: BenchQuery[]; fullPoints: number } {
  const windows = naiveWindows(spec, now).map((window): BenchQuery => ({
    kind: 'instant',
    label: `ratio ${window}`,
    expr: sliErrorRatioExpr(spec.sli, window),
    time: now,
  }));
  const expr = naiveBurndownExpr(spec);
  const last = Math.floor(now / NAIVE_BURNDOWN_STEP) * NAIVE_BURNDOWN_STEP;
  const first = last - NAIVE_BURNDOWN_DAYS * 86400;
  const step = NAIVE_BURNDOWN_STEP * stride;
  const burndown = chunkedRange(first, last, step).map((chunk, index): BenchQuery => ({
    kind: 'range',
    label: `burndown #${index}${stride > 1 ? ` (every ${stride}th point)` : ''}`,
    expr,
    start: chunk.start,
    end: chunk.end,
    step,
  }));
  return { windows, burndown, fullPoints: (last - first) / NAIVE_BURNDOWN_STEP + 1 };
}

export function naiveBurndownExpr(spec: SloSpec): string {
  return `1 - (${sliErrorRatioExpr(spec.sli, `${NAIVE_BURNDOWN_DAYS}d`)}) / ${errorBudget(spec.objective)}`;
}

/** Evaluation points of a range query. */
export function rangePoints(query: BenchQuery): number {
  return query.kind === 'range' ? Math.floor((query.end - query.start) / query.step) + 1 : 1;
}

export { MAX_POINTS_PER_SERIES };
