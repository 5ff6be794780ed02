import type { EventBucket } from '../domain';
import { type PartGroup, collectParts, countsAt, hasField, matchGroups, partSeries } from './partValues';
import type { QueryPlan } from './plan';
import type { QueryResult } from './series';
import type { BucketRole } from './sliQueries';

export interface SliGroup {
  /** The labels that tell groups apart ({} for an ungrouped SLI). */
  labels: Record<string, string>;
  buckets: EventBucket[];
}

/**
 * Turns the range results of a plan into buckets. Each evaluation at time t covers (t − step, t].
 * Missing totals are gaps (no data).
 */
export function groupsFromResults(plan: QueryPlan, results: readonly QueryResult[], notes: string[]): SliGroup[] {
  const rangeQueries = plan.queries.filter((query) => !query.instant);
  const series = rangeQueries.flatMap((query) => {
    const result = results.find((candidate) => candidate.refId === query.refId);
    return partSeries(result?.series ?? [], query.role as BucketRole, query.perSecond ? plan.step : 1);
  });
  const collected = collectParts(series);
  noteEmptyParts(
    rangeQueries.map((query) => query.role as BucketRole),
    [...collected.groups.values()],
    notes
  );
  const goodIsCounted = rangeQueries.some((query) => query.role === 'good');
  const matched = matchGroups(collected, notes);
  if (matched.length === 0) {
    return [{ labels: {}, buckets: [] }];
  }
  return matched.map((group) => ({
    labels: group.labels,
    buckets: bucketsOf(group, collected.slots, plan.step, goodIsCounted),
  }));
}

function bucketsOf(group: PartGroup, times: number[], step: number, goodIsCounted: boolean): EventBucket[] {
  const buckets: EventBucket[] = [];
  for (let index = 0; index < times.length; index++) {
    const counts = countsAt(group, index, step, goodIsCounted);
    if (counts) {
      buckets.push({ start: times[index] - step, end: times[index], bad: counts.bad, total: counts.total });
    }
  }
  return buckets;
}

/** Parts that said nothing at all where others did: a likely typo rather than a perfect record. */
function noteEmptyParts(roles: BucketRole[], groups: PartGroup[], notes: string[]) {
  if (roles.includes('latency') && hasField(groups, 'latencyTotal') && !hasField(groups, 'latencyGood')) {
    notes.push('the histogram has no bucket with the threshold as its le bound; every request counts as slow');
  }
  if (roles.includes('good') && hasField(groups, 'total') && !hasField(groups, 'good')) {
    notes.push('the good-events query returned no series; every event counts as bad');
  }
}
