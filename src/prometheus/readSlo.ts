import {
  type EventBucket,
  type EventCounts,
  EventIndex,
  type SloEvaluation,
  type SloSpec,
  evaluateSlo,
} from '../domain';
import { answerNotes } from './answerNotes';
import { type Breakdown, breakdownFromResults } from './breakdown';
import { groupsFromResults } from './bucketsFromResults';
import { withPartialBuckets } from './partialBucket';
import { MAX_POINTS_PER_SERIES, type QueryPlan, sliceSeconds } from './plan';
import { type QueryResult, labelKey } from './series';
import { windowCountsFromResults } from './windowCountsFromResults';

export interface SloGroupReading {
  /** {} for the SLO as a whole; the group's labels for grouped SLIs. */
  labels: Record<string, string>;
  buckets: EventBucket[];
  events: EventIndex;
  evaluation: SloEvaluation;
}

export type SloReading =
  | {
      kind: 'evaluated';
      spec: SloSpec;
      plan: QueryPlan;
      /** The whole SLO first, then each group of a grouped SLI. */
      groups: SloGroupReading[];
      breakdown: Breakdown | null;
      /** Things the user should know that do not stop the evaluation. */
      notes: string[];
      /** Where the numbers come from: raw data (the default when absent) or recording rules (`./recorded`). */
      source?: 'raw' | 'rules';
    }
  | { kind: 'error'; spec: SloSpec; plan: QueryPlan; message: string; source?: 'raw' | 'rules' };

/**
 * Results of a plan → buckets → the engine. Query errors make the SLO an error state (never a
 * half-computed number); empty data flows through as the engine's no-data state.
 */
export function readSlo(spec: SloSpec, plan: QueryPlan, results: readonly QueryResult[]): SloReading {
  const failed = results.filter(
    (result) => result.error && plan.queries.some((query) => query.refId === result.refId && !query.instant)
  );
  if (failed.length > 0) {
    return { kind: 'error', spec, plan, message: failed.map((result) => result.error).join('; ') };
  }
  const notes: string[] = answerNotes(plan, results);
  const breakdownFailure = results.find((result) => result.error && result.refId.startsWith('breakdown:'));
  if (breakdownFailure) {
    notes.push(`breakdown unavailable: ${breakdownFailure.error}`);
  }
  const slicesNote = estimatedSlicesNote(spec, plan);
  if (slicesNote) {
    notes.push(slicesNote);
  }
  try {
    const exactWindows = windowCountsFromResults(plan, results, []);
    const sliGroups = withPartialBuckets(plan, groupsFromResults(plan, results, notes), results, exactWindows, notes);
    const whole = sliGroups.length === 1 ? sliGroups[0].buckets : sumGroups(sliGroups.map((group) => group.buckets));
    const wholeWindows =
      sliGroups.length === 1
        ? exactWindows.get(labelKey(sliGroups[0].labels))
        : sumWindowCounts([...exactWindows.values()]);
    const wholeGroup = { labels: {}, buckets: whole, windowCounts: wholeWindows };
    const groupReadings =
      sliGroups.length > 1
        ? sliGroups.map((group) => ({ ...group, windowCounts: exactWindows.get(labelKey(group.labels)) }))
        : [];
    const readings = [wholeGroup, ...groupReadings].map((group) => {
      const events = new EventIndex(group.buckets);
      const evaluation = evaluateSlo(
        spec,
        { buckets: group.buckets, windowCounts: group.windowCounts, events },
        {
          now: plan.now,
          stepSeconds: plan.step,
          // How the current period's budget was spent: readable whatever the visible range (the sliding view
          // over a 6-hour range would be a sliver of a 30-day axis).
          burndownView: 'window',
        }
      );
      return { labels: group.labels, buckets: group.buckets, events, evaluation };
    });
    notes.push(...dataNotes(readings));
    const totalBad = plan.breakdown ? readings[0].events.sum(plan.breakdown.from, plan.now).bad : 0;
    return {
      kind: 'evaluated',
      spec,
      plan,
      groups: readings,
      breakdown: breakdownFailure ? null : breakdownFromResults(plan, results, totalBad),
      notes,
    };
  } catch (error) {
    return { kind: 'error', spec, plan, message: error instanceof Error ? error.message : String(error) };
  }
}

/** The engine's notes on data that cannot be a ratio, each group's named by its labels, without repeats. */
function dataNotes(readings: ReadonlyArray<{ labels: Record<string, string>; evaluation: SloEvaluation }>): string[] {
  const notes = readings.flatMap(({ labels, evaluation }, index) =>
    evaluation.notes.map((note) => (index === 0 ? note : `${labelKey(labels)}: ${note}`))
  );
  return [...new Set(notes)];
}

/**
 * Time slices read from buckets that do not tile them (the Grafana path widens the step when the
 * slices over the range would exceed Prometheus's points limit) are estimated: every slice inside a
 * bucket gets the bucket's ratio.
 */
function estimatedSlicesNote(spec: SloSpec, plan: QueryPlan): string | null {
  const slice = sliceSeconds(spec);
  if (slice === null || slice % plan.step === 0) {
    return null;
  }
  return (
    `time slices estimated from ${lengthWords(plan.step)} buckets: ${lengthWords(slice)} slices over this range ` +
    `need more than ${MAX_POINTS_PER_SERIES.toLocaleString('en-US')} points per series, Prometheus's limit; ` +
    `a shorter time range reads them exactly`
  );
}

/** `5-minute`, `2-hour`, `90-second`. */
function lengthWords(seconds: number): string {
  if (seconds % 3600 === 0) {
    return `${seconds / 3600}-hour`;
  }
  return seconds % 60 === 0 ? `${seconds / 60}-minute` : `${seconds}-second`;
}

function sumWindowCounts(groups: ReadonlyArray<Record<number, EventCounts>>): Record<number, EventCounts> | undefined {
  if (groups.length === 0) {
    return undefined;
  }
  const sums: Record<number, EventCounts> = {};
  for (const counts of groups) {
    for (const [seconds, { bad, total }] of Object.entries(counts)) {
      const into = sums[Number(seconds)] ?? { bad: 0, total: 0 };
      sums[Number(seconds)] = { bad: into.bad + bad, total: into.total + total };
    }
  }
  return sums;
}

/** Adds the buckets of several groups that share bucket boundaries. */
function sumGroups(groups: readonly EventBucket[][]): EventBucket[] {
  const byEnd = new Map<number, EventBucket>();
  for (const buckets of groups) {
    for (const bucket of buckets) {
      const existing = byEnd.get(bucket.end);
      byEnd.set(
        bucket.end,
        existing ? { ...existing, bad: existing.bad + bucket.bad, total: existing.total + bucket.total } : { ...bucket }
      );
    }
  }
  return [...byEnd.values()].sort((a, b) => a.end - b.end);
}
