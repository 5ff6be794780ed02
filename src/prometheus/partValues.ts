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

type PartField = keyof PartValues;
const FIELDS: PartField[] = ['bad', 'good', 'total', 'latencyGood', 'latencyTotal', 'availability', 'errorRatio'];

/**
 * One group's values as one array per field over shared slots (bucket end times, or window
 * lengths); an absent value is `undefined` in the array. Arrays, not an object per sample: a
 * 30-day plan has tens of thousands of samples per SLO.
 */
export interface PartGroup {
  labels: Record<string, string>;
  fields: Partial<Record<PartField, Array<number | undefined>>>;
}

export interface PartSeries {
  role: BucketRole;
  labels: Record<string, string>;
  /** Where each value belongs: a bucket's end time, or a window's length. */
  slots: readonly number[];
  values: readonly number[];
  /** Multiplies per-second values into counts. */
  scale: number;
}

export interface CollectedParts {
  /** Every slot any series has, ascending. */
  slots: number[];
  groups: Map<string, PartGroup>;
}

/**
 * Sorts part series into groups (by the labels the SLI's queries keep) and slots. A histogram's
 * `le` tells the threshold bucket from +Inf; NaN is dropped except for a raw ratio, where it means 0/0.
 */
export function collectParts(series: readonly PartSeries[]): CollectedParts {
  const slotSet = new Set<number>();
  for (const one of series) {
    one.slots.forEach((slot) => slotSet.add(slot));
  }
  const slots = [...slotSet].sort((a, b) => a - b);
  const indexOf = new Map(slots.map((slot, index) => [slot, index]));
  const groups = new Map<string, PartGroup>();
  for (const { role, labels: seriesLabels, slots: seriesSlots, values, scale } of series) {
    const { le, ...withoutLe } = seriesLabels;
    const labels = role === 'latency' ? withoutLe : seriesLabels;
    const key = labelKey(labels);
    let group = groups.get(key);
    if (!group) {
      group = { labels, fields: {} };
      groups.set(key, group);
    }
    const field: PartField = role === 'latency' ? (le === '+Inf' ? 'latencyTotal' : 'latencyGood') : role;
    const target = (group.fields[field] ??= new Array(slots.length));
    const summed = role !== 'errorRatio' && role !== 'availability';
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (!Number.isFinite(value) && !(role === 'errorRatio' && Number.isNaN(value))) {
        continue;
      }
      const index = indexOf.get(seriesSlots[i])!;
      target[index] = summed ? (target[index] ?? 0) + value * scale : value;
    }
  }
  return { slots, groups };
}

const TOTAL_FIELDS: PartField[] = ['total', 'latencyTotal', 'availability', 'errorRatio'];

/**
 * One group per label set when every bad (or good) series has a matching total; otherwise the
 * queries disagree on their labels and everything is summed into one group.
 */
export function matchGroups(collected: CollectedParts, notes: string[]): PartGroup[] {
  const all = [...collected.groups.values()];
  const hasTotal = (group: PartGroup) =>
    TOTAL_FIELDS.some((field) => group.fields[field]?.some((value) => value !== undefined));
  const withTotals = all.filter(hasTotal);
  if (all.length <= 1 || (withTotals.length === all.length && withTotals.length > 1)) {
    return all;
  }
  if (withTotals.length > 1) {
    notes.push('the SLI queries return different label sets; they are summed into one SLI');
  }
  const merged: PartGroup = { labels: {}, fields: {} };
  for (const group of all) {
    for (const field of FIELDS) {
      const values = group.fields[field];
      if (!values) {
        continue;
      }
      const into = (merged.fields[field] ??= new Array(collected.slots.length));
      values.forEach((value, index) => {
        if (value !== undefined) {
          into[index] = (into[index] ?? 0) + value;
        }
      });
    }
  }
  return [merged];
}

/** The values of one slot of a group. */
export function valuesAt(group: PartGroup, index: number): PartValues {
  const values: PartValues = {};
  for (const field of FIELDS) {
    const value = group.fields[field]?.[index];
    if (value !== undefined) {
      values[field] = value;
    }
  }
  return values;
}

/** Whether any slot of any group has a value in this field. */
export function hasField(groups: Iterable<PartGroup>, field: PartField): boolean {
  for (const group of groups) {
    if (group.fields[field]?.some((value) => value !== undefined)) {
      return true;
    }
  }
  return false;
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

export function partSeries(series: readonly SampleSeries[], role: BucketRole, scale: number): PartSeries[] {
  return series.map((one) => ({ role, labels: one.labels, slots: one.times, values: one.values, scale }));
}
