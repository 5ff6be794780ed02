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
 * One group's values as one typed array per field over shared slots (bucket end times, or window
 * lengths), NaN where a value is absent: a 30-day plan has tens of thousands of samples per SLO, so
 * no object per sample. A raw ratio of 0/0 (nothing served) is stored as NO_TRAFFIC.
 */
export interface PartGroup {
  labels: Record<string, string>;
  fields: Partial<Record<PartField, Float64Array>>;
}

/**
 * A raw error ratio of 0/0 ("nothing was served"): only finite values are stored otherwise, so −Infinity
 * cannot be a real answer (−1 could: a wrong query may return it, and must reach the engine as such).
 */
const NO_TRAFFIC = Number.NEGATIVE_INFINITY;

function absentArray(length: number): Float64Array {
  return new Float64Array(length).fill(Number.NaN);
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
  const indexOf = slotIndexer(slots);
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
    const target = (group.fields[field] ??= absentArray(slots.length));
    const summed = role !== 'errorRatio' && role !== 'availability';
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      const index = indexOf(seriesSlots[i]);
      if (Number.isFinite(value)) {
        const previous = target[index];
        target[index] = summed && previous === previous ? previous + value * scale : summed ? value * scale : value;
      } else if (role === 'errorRatio' && Number.isNaN(value)) {
        target[index] = NO_TRAFFIC;
      }
    }
  }
  return { slots, groups };
}

/** Range queries put slots every step: then the index is arithmetic, else a lookup. */
function slotIndexer(slots: number[]): (slot: number) => number {
  const step = slots.length > 1 ? slots[1] - slots[0] : 1;
  const regular = slots.every((slot, index) => slot === slots[0] + index * step);
  if (regular) {
    const first = slots[0];
    return (slot) => (slot - first) / step;
  }
  const lookup = new Map(slots.map((slot, index) => [slot, index]));
  return (slot) => lookup.get(slot)!;
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
      const into = (merged.fields[field] ??= absentArray(collected.slots.length));
      for (let index = 0; index < values.length; index++) {
        const value = values[index];
        if (value === value) {
          into[index] = into[index] === into[index] ? into[index] + value : value;
        }
      }
    }
  }
  return [merged];
}

/** Whether any slot of any group has a value in this field. */
export function hasField(groups: Iterable<PartGroup>, field: PartField): boolean {
  for (const group of groups) {
    if (hasValue(group.fields[field])) {
      return true;
    }
  }
  return false;
}

/**
 * Bad and total events of one slot (bucket or window) of `seconds`. A missing bad series means no
 * bad events (PromQL's sum over no series is empty); a missing good series means none were good.
 * Null when nothing measured the slot. Values are passed on raw, even where they cannot be an error
 * ratio (good above total, a gauge outside 0 and 1): the engine clamps them and says so in the SLO's
 * notes, one rule for every window (see src/domain/outOfRange.ts).
 */
export function countsAt(group: PartGroup, index: number, seconds: number, goodIsCounted: boolean): EventCounts | null {
  const { fields } = group;
  const availability = valueAt(fields.availability, index);
  if (availability !== null) {
    return { bad: (1 - availability) * seconds, total: seconds };
  }
  const errorRatio = valueAt(fields.errorRatio, index);
  if (errorRatio !== null) {
    return errorRatio === NO_TRAFFIC ? { bad: 0, total: 0 } : { bad: errorRatio * seconds, total: seconds };
  }
  const latencyTotal = valueAt(fields.latencyTotal, index);
  if (latencyTotal !== null) {
    return { bad: latencyTotal - (valueAt(fields.latencyGood, index) ?? 0), total: latencyTotal };
  }
  const total = valueAt(fields.total, index);
  if (total === null) {
    return null;
  }
  const bad = goodIsCounted ? total - (valueAt(fields.good, index) ?? 0) : (valueAt(fields.bad, index) ?? 0);
  return { bad, total };
}

function valueAt(values: Float64Array | undefined, index: number): number | null {
  const value = values ? values[index] : Number.NaN;
  return value === value ? value : null;
}

function hasValue(values: Float64Array | undefined): boolean {
  return values !== undefined && values.some((value) => value === value);
}

export function partSeries(series: readonly SampleSeries[], role: BucketRole, scale: number): PartSeries[] {
  return series.map((one) => ({ role, labels: one.labels, slots: one.times, values: one.values, scale }));
}
