import { type EventBucket, type EventCounts, formatDuration } from '../domain';
import type { SliGroup } from './bucketsFromResults';
import type { QueryPlan } from './plan';
import { type QueryResult, labelKey } from './series';
import { windowCountsFromResults } from './windowCountsFromResults';

/**
 * Adds to every group the partial bucket (bucketEnd, now] when the plan is evaluated between two bucket
 * boundaries: what Prometheus says for the plan's `partialBucket` window, (bucketEnd − reach, now], less
 * the complete buckets inside it (clamped at 0), so that the buckets hold Prometheus's count of that
 * window. A group without a value for it gets none. Raw ratios take the tail window's ratio instead.
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
  const ratioOnly = plan.queries.some((candidate) => candidate.role === 'errorRatio');
  return groups.map((group) => {
    const reference = references.get(labelKey(group.labels))?.[partial.seconds];
    const complete = group.buckets.filter((bucket) => bucket.end <= plan.bucketEnd);
    if (!reference) {
      return group;
    }
    const last = ratioOnly
      ? latestRatioBucket(reference, plan.bucketEnd, plan.now)
      : partialBucket(complete, reference, partial.seconds, plan.bucketEnd, plan.now);
    return { ...group, buckets: [...complete, last] };
  });
}

/**
 * A raw SLI's windows are time-weighted means of ratios, which do not add up like counts: the seconds
 * since the last boundary take the latest ratio Prometheus gives, over the tail query's window.
 */
function latestRatioBucket(reference: EventCounts, bucketEnd: number, now: number): EventBucket {
  const seconds = now - bucketEnd;
  const ratio = reference.total > 0 ? reference.bad / reference.total : 0;
  return { start: bucketEnd, end: now, bad: ratio * seconds, total: reference.total > 0 ? seconds : 0 };
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
  // A difference of two extrapolated counts, not a measurement: kept inside what counts can be, so the
  // engine's notes about data that cannot be a ratio speak of the data only.
  const partialTotal = Math.max(0, reference.total - total);
  return {
    start: bucketEnd,
    end: now,
    bad: Math.min(partialTotal, Math.max(0, reference.bad - bad)),
    total: partialTotal,
  };
}
