import { type AlertWindow, type SliSpec, type SloSpec, alertGuardOf, parseDuration, sliKind } from '../domain';
import { extendSelector, promDuration, withWindow, yieldsPerSecondRate } from './promql';
import { sliBucketQueries } from './sliQueries';

/** The length of the buckets raw ratios and 0/1 gauges are read in (`stepFor`): each counts its seconds. */
const BUCKET_SECONDS = 300;

/**
 * The events an alert pair's low-traffic guard counts over the `seconds` before the evaluation time, as
 * one PromQL expression that agrees with the engine's count (the sum of the SLO's buckets over the window):
 *
 * - `events`, `ratio`: the total query over the window, times its seconds when it yields a per-second rate
 *   (`rate`), as is when it yields counts (`increase`); the engine reads its buckets the same way;
 * - `latency`: the `le="+Inf"` bucket's rate over the window, times its seconds;
 * - `boolGauge` and `raw`, which count seconds measured: 300 seconds for every 5-minute bucket in the window
 *   with a value (`count_over_time` of the bucket query over a subquery at the bucket step, one
 *   millisecond short of the window so that Prometheus 2 and 3 read the same evaluations);
 * - time slices: the number of slices with events in the window, the same way at the slice step.
 */
export function guardEventsExpr(spec: SloSpec, seconds: number): string {
  if (spec.budgetingMethod === 'timeslices') {
    const slice = parseDuration(spec.timesliceWindow ?? '5m');
    return `count_over_time((${measuredExpr(spec.sli, slice)})[${promDuration(seconds - 0.001)}:${promDuration(slice)}])`;
  }
  const window = promDuration(seconds);
  switch (sliKind(spec.sli)) {
    case 'events':
    case 'ratio': {
      const totalQuery = totalQueryOf(spec.sli);
      const total = `(${withWindow(totalQuery, window)})`;
      return yieldsPerSecondRate(totalQuery) ? `${total} * ${seconds}` : total;
    }
    case 'latency':
      return `${infBucketRate(spec.sli, window)} * ${seconds}`;
    case 'boolGauge':
    case 'raw':
      return `count_over_time((${measuredExpr(spec.sli, BUCKET_SECONDS)})[${promDuration(seconds - 0.001)}:${promDuration(BUCKET_SECONDS)}]) * ${BUCKET_SECONDS}`;
  }
}

/**
 * The low-traffic guard of one pair as a PromQL filter, `(<events over the long window>) >= minEvents`:
 * non-empty exactly when the pair may fire. Null when the SLO has no guard (or a guard of 0, which holds
 * nothing back).
 */
export function alertGuardExpr(spec: SloSpec, window: AlertWindow): string | null {
  const { minEvents } = alertGuardOf(spec);
  if (minEvents === undefined || minEvents <= 0) {
    return null;
  }
  return `(${guardEventsExpr(spec, window.longSeconds)}) >= ${minEvents}`;
}

/**
 * A series present where a bucket (or slice) of `seconds` has events, for counting them: the total is
 * positive; a 0/1 gauge has a value; a raw ratio is a number (0/0 is NaN: no traffic, and it compares false).
 */
function measuredExpr(sli: SliSpec, seconds: number): string {
  switch (sliKind(sli)) {
    case 'events':
    case 'ratio':
      return `(${withWindow(totalQueryOf(sli), promDuration(seconds))}) > 0`;
    case 'latency':
      return `${infBucketRate(sli, promDuration(seconds))} > 0`;
    case 'boolGauge':
      return sliBucketQueries(sli, seconds)[0].expr;
    case 'raw':
      return `(${sliBucketQueries(sli, seconds)[0].expr}) >= -Inf`;
  }
}

function totalQueryOf(sli: SliSpec): string {
  if ('events' in sli) {
    return sli.events.totalQuery;
  }
  if ('ratio' in sli) {
    return sli.ratio.totalQuery;
  }
  throw new Error(`a ${sliKind(sli)} SLI has no total query`);
}

/** All requests of a histogram over the window, per second: its `le="+Inf"` bucket. */
function infBucketRate(sli: SliSpec, window: string): string {
  if (!('latency' in sli)) {
    throw new Error(`a ${sliKind(sli)} SLI has no histogram`);
  }
  const { bucketMetric, selector } = sli.latency;
  // +Inf is stored as `+Inf` by Prometheus 2 and 3 alike.
  return `sum(rate(${bucketMetric}${extendSelector(selector, 'le="+Inf"')}[${window}]))`;
}
