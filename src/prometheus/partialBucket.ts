import { type EventBucket, type EventCounts, formatDuration } from '../domain';
import type { SliGroup } from './bucketsFromResults';
import type { QueryPlan } from './plan';
import { type QueryResult, labelKey } from './series';
import { windowCountsFromResults } from './windowCountsFromResults';

/**
 * Adds to every group the partial bucket (bucketEnd, now] when the plan is evaluated between two bucket
 * boundaries: what Prometheus says for the plan's `partialBucket` window, (bucketEnd − reach, now], less
 * the complete buckets inside it (clamped at 0), so that the buckets hold Prometheus's count of that
 * window. A group without a value for it gets none.
 */
export function withPartialBuckets(
  plan: QueryPlan,
  groups: readonly SliGroup[],
  results: readonly QueryResult[],
  exactWindows: ReadonlyMap<string, Record<number, EventCounts>>,
  notes: string[]
): SliGroup[] {
  const partial = plan.partialBucket;
  if (!partial) {
    return [...groups];
  }
  const query = plan.queries.find((candidate) => candidate.refId === partial.refId);
  const result = results.find((candidate) => candidate.refId === partial.refId);
  if (!query || !result || result.error) {
    notes.push(
      `the ${formatDuration(plan.now - plan.bucketEnd)} since the last complete bucket could not be read` +
        `${result?.error ? ` (${result.error})` : ''}; the windows ending now leave them out`
    );
    return [...groups];
  }
  const references = query.role === 'tail' ? windowCountsFromResults(plan, results, [], 'tail') : exactWindows;
  return groups.map((group) => {
    const reference = references.get(labelKey(group.labels))?.[partial.seconds];
    const complete = group.buckets.filter((bucket) => bucket.end <= plan.bucketEnd);
    return reference
      ? {
          ...group,
          buckets: [...complete, partialBucket(complete, reference, partial.seconds, plan.bucketEnd, plan.now)],
        }
      : group;
  });
}

/** The bucket (bucketEnd, now] that makes the window (now − seconds, now] hold `reference`. */
export function partialBucket(
  buckets: readonly EventBucket[],
  reference: EventCounts,
  seconds: number,
  bucketEnd: number,
  now: number
): EventBucket {
  const from = now - seconds;
  let bad = 0;
  let total = 0;
  for (let i = buckets.length - 1; i >= 0 && buckets[i].end > from; i--) {
    const bucket = buckets[i];
    const length = bucket.end - bucket.start;
    if (!(length > 0 && Number.isFinite(bucket.total) && bucket.total >= 0)) {
      continue;
    }
    const share = Math.max(0, Math.min(bucket.end, bucketEnd) - Math.max(bucket.start, from)) / length;
    bad += (bucket.bad > 0 && Number.isFinite(bucket.bad) ? bucket.bad : 0) * share;
    total += bucket.total * share;
  }
  return {
    start: bucketEnd,
    end: now,
    bad: Math.max(0, reference.bad - bad),
    total: Math.max(0, reference.total - total),
  };
}
