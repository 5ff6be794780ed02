import type { EventCounts } from '../domain';
import { type PartSeries, collectParts, countsAt, matchGroups } from './partValues';
import type { QueryPlan } from './plan';
import { type QueryResult, labelKey } from './series';
import { type BucketRole, PART_LABEL, WINDOW_LABEL } from './sliQueries';

/**
 * The exact counts of the windows ending now, per group (keyed like the groups' labels), from the
 * plan's one instant `windows` query (the short alert windows) or its `tail` query (one step).
 */
export function windowCountsFromResults(
  plan: QueryPlan,
  results: readonly QueryResult[],
  notes: string[],
  role: 'windows' | 'tail' = 'windows'
): Map<string, Record<number, EventCounts>> {
  const query = plan.queries.find((candidate) => candidate.role === role);
  const result = query && results.find((candidate) => candidate.refId === query.refId);
  const byGroup = new Map<string, Record<number, EventCounts>>();
  if (!query || !result || result.error) {
    return byGroup;
  }
  const perSecond = new Set(query.perSecondRoles ?? []);
  const series = result.series.map((one): PartSeries => {
    const { [WINDOW_LABEL]: window, [PART_LABEL]: part, ...labels } = one.labels;
    const seconds = Number(window);
    const role = part as BucketRole;
    return {
      role,
      labels,
      slots: one.values.map(() => seconds),
      values: one.values,
      scale: perSecond.has(role) ? seconds : 1,
    };
  });
  const goodIsCounted = plan.queries.some((candidate) => candidate.role === 'good');
  const collected = collectParts(series);
  // A window the answer lacks while it has others had no events (no data), whatever the buckets say (a
  // bucket longer than the window reaches into it from outside). An answer with nothing at all says
  // nothing: the buckets stand.
  const nothing = () => Object.fromEntries((query.windows ?? []).map((seconds) => [seconds, { bad: 0, total: 0 }]));
  for (const group of matchGroups(collected, notes)) {
    const counts: Record<number, EventCounts> = nothing();
    collected.slots.forEach((seconds, index) => {
      const windowCounts = countsAt(group, index, seconds, goodIsCounted);
      if (windowCounts) {
        counts[seconds] = windowCounts;
      }
    });
    byGroup.set(labelKey(group.labels), counts);
  }
  return byGroup;
}
