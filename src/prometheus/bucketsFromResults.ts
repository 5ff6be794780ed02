import type { EventBucket } from '../domain';
import { type PartGroup, collectParts, countsFromParts, matchGroups, seriesSamples } from './partValues';
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
  const samples = rangeQueries.flatMap((query) => {
    const result = results.find((candidate) => candidate.refId === query.refId);
    return seriesSamples(result?.series ?? [], query.role as BucketRole, query.perSecond ? plan.step : 1);
  });
  const groups = collectParts(samples);
  noteEmptyParts(
    rangeQueries.map((query) => query.role as BucketRole),
    groups,
    notes
  );
  const goodIsCounted = rangeQueries.some((query) => query.role === 'good');
  const matched = matchGroups(groups, notes);
  if (matched.length === 0) {
    return [{ labels: {}, buckets: [] }];
  }
  return matched.map((group) => ({ labels: group.labels, buckets: bucketsOf(group, plan.step, goodIsCounted) }));
}

function bucketsOf(group: PartGroup, step: number, goodIsCounted: boolean): EventBucket[] {
  const buckets: EventBucket[] = [];
  for (const [time, values] of group.slots) {
    const counts = countsFromParts(values, step, goodIsCounted);
    if (counts) {
      buckets.push({ start: time - step, end: time, ...counts });
    }
  }
  return buckets.sort((a, b) => a.end - b.end);
}

/** Parts that said nothing at all where others did: a likely typo rather than a perfect record. */
function noteEmptyParts(roles: BucketRole[], groups: Map<string, PartGroup>, notes: string[]) {
  const seen = new Set<string>();
  for (const group of groups.values()) {
    for (const values of group.slots.values()) {
      Object.keys(values).forEach((field) => seen.add(field));
    }
  }
  if (roles.includes('latency') && seen.has('latencyTotal') && !seen.has('latencyGood')) {
    notes.push('the histogram has no bucket with the threshold as its le bound; every request counts as slow');
  }
  if (roles.includes('good') && seen.has('total') && !seen.has('good')) {
    notes.push('the good-events query returned no series; every event counts as bad');
  }
}
