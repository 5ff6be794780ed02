import { type EventBucket, type EventCounts, formatDuration } from '../domain';
import type { SliGroup } from './bucketsFromResults';
import { type QueryPlan, tailReferenceWindow } from './plan';
import { type QueryResult, labelKey } from './series';
import { windowCountsFromResults } from './windowCountsFromResults';

/**
 * Adds to every group the partial bucket (bucketEnd, now] when the plan is evaluated between two bucket
 * boundaries. Its counts make the buckets reproduce what Prometheus says for a reference window of
 * `seconds` ending now (the longest exact window at least a step long, see `tailReferenceWindow`, or the
 * plan's one-step `tail` query): the reference counts less the part of the complete buckets inside
 * (now − seconds, bucketEnd], clamped at 0. A group without a reference value gets none.
 */
export function withPartialBuckets(
  plan: QueryPlan,
  groups: readonly SliGroup[],
  results: readonly QueryResult[],
  exactWindows: ReadonlyMap<string, Record<number, EventCounts>>,
  notes: string[]
): SliGroup[] {
  if (plan.now <= plan.bucketEnd) {
    return [...groups];
  }
  const tailQuery = plan.queries.find((query) => query.role === 'tail');
  const query = tailQuery ?? plan.queries.find((query) => query.role === 'windows');
  const seconds = tailQuery ? plan.step : tailReferenceWindow(query?.windows ?? [], plan.step);
  const result = query && results.find((candidate) => candidate.refId === query.refId);
  if (!query || seconds === null || !result || result.error) {
    notes.push(
      `the ${formatDuration(plan.now - plan.bucketEnd)} since the last complete bucket could not be read` +
        `${result?.error ? ` (${result.error})` : ''}; the windows ending now leave them out`
    );
    return [...groups];
  }
  const references = tailQuery ? windowCountsFromResults(plan, results, [], 'tail') : exactWindows;
  return groups.map((group) => {
    const reference = references.get(labelKey(group.labels))?.[seconds];
    const complete = group.buckets.filter((bucket) => bucket.end <= plan.bucketEnd);
    return reference
      ? { ...group, buckets: [...complete, partialBucket(complete, reference, seconds, plan.bucketEnd, plan.now)] }
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
