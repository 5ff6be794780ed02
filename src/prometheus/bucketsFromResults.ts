import type { EventBucket } from '../domain';
import type { PlannedQuery, QueryPlan } from './plan';
import { type QueryResult, type SampleSeries, labelKey } from './series';
import type { BucketRole } from './sliQueries';

export interface SliGroup {
  /** The labels that tell groups apart ({} for an ungrouped SLI). */
  labels: Record<string, string>;
  buckets: EventBucket[];
}

/** Bucket counts per group key and bucket end time. */
type CountsByTime = Map<number, number>;

/**
 * Turns the range results of a plan into buckets. Each evaluation at time t covers (t − step, t].
 * Missing totals are gaps (no data); a missing bad series means no bad events, as in PromQL, where a
 * sum over no series is empty.
 */
export function groupsFromResults(plan: QueryPlan, results: readonly QueryResult[], notes: string[]): SliGroup[] {
  const rangeQueries = plan.queries.filter((query) => !query.instant);
  const roles = new Set(rangeQueries.map((query) => query.role as BucketRole));
  const seriesOf = (role: BucketRole) => seriesForRole(rangeQueries, results, role);
  const step = plan.step;

  if (roles.has('latency')) {
    const latency = seriesOf('latency');
    const good = latency.filter((series) => series.labels.le !== '+Inf').map(withoutLabel('le'));
    const total = latency.filter((series) => series.labels.le === '+Inf').map(withoutLabel('le'));
    if (total.length > 0 && good.length === 0) {
      notes.push('the histogram has no bucket with the threshold as its le bound; every request counts as slow');
    }
    return pairGroups(good, total, { step, firstScale: step, totalScale: step }, notes, (goodCount, totalCount) =>
      Math.max(0, totalCount - goodCount)
    );
  }
  if (roles.has('availability')) {
    return singleGroups(seriesOf('availability'), step, (value) => ({ bad: (1 - value) * step, total: step }));
  }
  if (roles.has('errorRatio')) {
    return singleGroups(seriesOf('errorRatio'), step, (value) => ({ bad: value * step, total: step }), true);
  }
  const scale = (role: BucketRole) => (rangeQueries.find((query) => query.role === role)?.perSecond ? step : 1);
  if (roles.has('good')) {
    const good = seriesOf('good');
    if (good.length === 0 && seriesOf('total').length > 0) {
      notes.push('the good-events query returned no series; every event counts as bad');
    }
    const scales = { step, firstScale: scale('good'), totalScale: scale('total') };
    return pairGroups(good, seriesOf('total'), scales, notes, (goodCount, totalCount) =>
      Math.max(0, totalCount - goodCount)
    );
  }
  const scales = { step, firstScale: scale('bad'), totalScale: scale('total') };
  return pairGroups(seriesOf('bad'), seriesOf('total'), scales, notes, (badCount) => badCount);
}

function seriesForRole(
  queries: readonly PlannedQuery[],
  results: readonly QueryResult[],
  role: BucketRole
): SampleSeries[] {
  const refIds = new Set(queries.filter((query) => query.role === role).map((query) => query.refId));
  return results.filter((result) => refIds.has(result.refId)).flatMap((result) => result.series);
}

function withoutLabel(name: string): (series: SampleSeries) => SampleSeries {
  return (series) => {
    const { [name]: _removed, ...labels } = series.labels;
    return { ...series, labels };
  };
}

/** Sums series with equal labels (chunks of one range, or histogram buckets of one group). */
function countsByGroup(
  series: readonly SampleSeries[],
  scale: number
): Map<string, { labels: Record<string, string>; counts: CountsByTime }> {
  const groups = new Map<string, { labels: Record<string, string>; counts: CountsByTime }>();
  for (const one of series) {
    const key = labelKey(one.labels);
    let group = groups.get(key);
    if (!group) {
      group = { labels: one.labels, counts: new Map() };
      groups.set(key, group);
    }
    for (let i = 0; i < one.times.length; i++) {
      const value = one.values[i];
      if (Number.isFinite(value)) {
        group.counts.set(one.times[i], (group.counts.get(one.times[i]) ?? 0) + value * scale);
      }
    }
  }
  return groups;
}

/**
 * Matches the first kind of series (bad or good) with totals: one group per label set when both
 * queries return the same sets, otherwise everything summed into one group (with a note).
 */
function pairGroups(
  firstSeries: readonly SampleSeries[],
  totalSeries: readonly SampleSeries[],
  scales: { step: number; firstScale: number; totalScale: number },
  notes: string[],
  badFrom: (first: number, total: number) => number
): SliGroup[] {
  const first = countsByGroup(firstSeries, scales.firstScale);
  const totals = countsByGroup(totalSeries, scales.totalScale);
  const sameGroups = totals.size > 1 && [...first.keys()].every((key) => totals.has(key));
  if (!sameGroups) {
    if (totals.size > 1 && first.size > 0) {
      notes.push('the two queries return different label sets; they are summed into one SLI');
    }
    const firstAll = mergeCounts([...first.values()].map((group) => group.counts));
    const totalAll = mergeCounts([...totals.values()].map((group) => group.counts));
    return [{ labels: {}, buckets: toBuckets(totalAll, firstAll, badFrom) }];
  }
  return [...totals.entries()].map(([key, group]) => ({
    labels: group.labels,
    buckets: toBuckets(group.counts, first.get(key)?.counts ?? new Map(), badFrom),
  }));

  function toBuckets(totalCounts: CountsByTime, firstCounts: CountsByTime, bad: typeof badFrom): EventBucket[] {
    const { step } = scales;
    return [...totalCounts.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([time, total]) => ({ start: time - step, end: time, bad: bad(firstCounts.get(time) ?? 0, total), total }));
  }
}

function singleGroups(
  series: readonly SampleSeries[],
  step: number,
  toCounts: (value: number) => { bad: number; total: number },
  nanMeansNoTraffic = false
): SliGroup[] {
  const groups = new Map<string, SliGroup>();
  for (const one of series) {
    const key = labelKey(one.labels);
    let group = groups.get(key);
    if (!group) {
      group = { labels: one.labels, buckets: [] };
      groups.set(key, group);
    }
    for (let i = 0; i < one.times.length; i++) {
      const value = one.values[i];
      const time = one.times[i];
      if (Number.isFinite(value)) {
        group.buckets.push({ start: time - step, end: time, ...toCounts(value) });
      } else if (nanMeansNoTraffic && Number.isNaN(value)) {
        // A raw ratio of 0/0: the interval was measured and nothing was served.
        group.buckets.push({ start: time - step, end: time, bad: 0, total: 0 });
      }
    }
  }
  for (const group of groups.values()) {
    group.buckets.sort((a, b) => a.end - b.end);
  }
  return groups.size > 0 ? [...groups.values()] : [{ labels: {}, buckets: [] }];
}

function mergeCounts(maps: readonly CountsByTime[]): CountsByTime {
  const merged: CountsByTime = new Map();
  for (const map of maps) {
    for (const [time, value] of map) {
      merged.set(time, (merged.get(time) ?? 0) + value);
    }
  }
  return merged;
}
