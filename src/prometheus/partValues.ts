import type { EventCounts } from '../domain';
import { type SampleSeries, labelKey } from './series';
import type { BucketRole } from './sliQueries';

/** What the query parts say about one bucket or window of one group. */
export interface PartValues {
  bad?: number;
  good?: number;
  total?: number;
  /** Histogram: requests at or under the threshold, and all requests. */
  latencyGood?: number;
  latencyTotal?: number;
  /** 0/1 gauge: the share of time it read 1. */
  availability?: number;
  /** Raw SLI: the error ratio itself; NaN when nothing was served. */
  errorRatio?: number;
}

export interface PartGroup {
  labels: Record<string, string>;
  slots: Map<number, PartValues>;
}

export interface PartSample {
  role: BucketRole;
  labels: Record<string, string>;
  /** Where the value belongs: a bucket's end time, or a window's length. */
  slot: number;
  value: number;
  /** Multiplies per-second values into counts. */
  scale: number;
}

/**
 * Sorts part values into groups (by the labels the SLI's queries keep) and slots. A histogram's `le`
 * tells the threshold bucket from +Inf; NaN is dropped except for a raw ratio, where it means 0/0.
 */
export function collectParts(samples: Iterable<PartSample>): Map<string, PartGroup> {
  const groups = new Map<string, PartGroup>();
  for (const { role, labels: sampleLabels, slot, value, scale } of samples) {
    if (!Number.isFinite(value) && !(role === 'errorRatio' && Number.isNaN(value))) {
      continue;
    }
    const { le, ...labels } = sampleLabels;
    const key = labelKey(role === 'latency' ? labels : sampleLabels);
    let group = groups.get(key);
    if (!group) {
      group = { labels: role === 'latency' ? labels : sampleLabels, slots: new Map() };
      groups.set(key, group);
    }
    const values = group.slots.get(slot) ?? {};
    const field: keyof PartValues = role === 'latency' ? (le === '+Inf' ? 'latencyTotal' : 'latencyGood') : role;
    values[field] = role === 'errorRatio' || role === 'availability' ? value : (values[field] ?? 0) + value * scale;
    group.slots.set(slot, values);
  }
  return groups;
}

const TOTAL_FIELDS: Array<keyof PartValues> = ['total', 'latencyTotal', 'availability', 'errorRatio'];

/**
 * One group per label set when every bad (or good) series has a matching total; otherwise the
 * queries disagree on their labels and everything is summed into one group.
 */
export function matchGroups(groups: Map<string, PartGroup>, notes: string[]): PartGroup[] {
  const all = [...groups.values()];
  const hasTotal = (group: PartGroup) =>
    [...group.slots.values()].some((values) => TOTAL_FIELDS.some((field) => values[field] !== undefined));
  const withTotals = all.filter(hasTotal);
  if (all.length <= 1 || (withTotals.length === all.length && withTotals.length > 1)) {
    return all;
  }
  if (withTotals.length > 1) {
    notes.push('the SLI queries return different label sets; they are summed into one SLI');
  }
  const merged: PartGroup = { labels: {}, slots: new Map() };
  for (const group of all) {
    for (const [slot, values] of group.slots) {
      const into = merged.slots.get(slot) ?? {};
      for (const [field, value] of Object.entries(values) as Array<[keyof PartValues, number]>) {
        into[field] = (into[field] ?? 0) + value;
      }
      merged.slots.set(slot, into);
    }
  }
  return [merged];
}

/**
 * Bad and total events of one bucket or window of `seconds`. A missing bad series means no bad
 * events (PromQL's sum over no series is empty); a missing good series means none were good.
 * Null when nothing measured the slot.
 */
export function countsFromParts(values: PartValues, seconds: number, goodIsCounted: boolean): EventCounts | null {
  if (values.availability !== undefined) {
    return { bad: (1 - values.availability) * seconds, total: seconds };
  }
  if (values.errorRatio !== undefined) {
    return Number.isNaN(values.errorRatio)
      ? { bad: 0, total: 0 }
      : { bad: values.errorRatio * seconds, total: seconds };
  }
  if (values.latencyTotal !== undefined) {
    return { bad: Math.max(0, values.latencyTotal - (values.latencyGood ?? 0)), total: values.latencyTotal };
  }
  if (values.total === undefined) {
    return null;
  }
  const bad = goodIsCounted ? Math.max(0, values.total - (values.good ?? 0)) : (values.bad ?? 0);
  return { bad, total: values.total };
}

export function seriesSamples(series: readonly SampleSeries[], role: BucketRole, scale: number): PartSample[] {
  return series.flatMap((one) =>
    one.times.map((time, index) => ({ role, labels: one.labels, slot: time, value: one.values[index], scale }))
  );
}
