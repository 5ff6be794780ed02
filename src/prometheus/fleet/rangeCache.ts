import type { PlannedQuery } from '../plan';
import { type SampleSeries, labelKey } from '../series';
import { compareLabels } from './mergeSeries';

/**
 * What a range query answered for a run of evaluation times that can no longer change: every series, at
 * every multiple of `step` from `from` to `to` (inclusive). A series is dense over that run, with a
 * presence flag per time, since Prometheus answers NaN for a raw ratio of 0/0 and NaN must stay a value.
 */
export interface CachedRange {
  step: number;
  from: number;
  to: number;
  /** In the order of the answer they came from. */
  series: CachedSeries[];
}

export interface CachedSeries {
  labels: Record<string, string>;
  key: string;
  values: Float64Array;
  present: Uint8Array;
}

/** About 9 bytes a value (the value and its presence flag). */
export const DEFAULT_MAX_CACHED_VALUES = 16_000_000;

/**
 * Immutable history of range queries, in memory for the page's (or process's) lifetime, bounded by the
 * number of values kept: least recently used entries go first once `maxValues` is exceeded. The default,
 * 16 million values (about 150 MB), holds 30 days of 5-minute buckets of about 900 two-query SLOs.
 *
 * Keyed by everything a bucket's value depends on: the data source, the query's role and refId (which
 * names its chunk), the step, whether values are per second, and the PromQL expression itself (which holds
 * the SLI's queries and the window), so an edited SLO never meets the buckets of its former self.
 */
export class RangeCache {
  private readonly entries = new Map<string, CachedRange>();
  private values = 0;

  constructor(readonly maxValues: number = DEFAULT_MAX_CACHED_VALUES) {}

  get(key: string): CachedRange | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      // Most recently used last: eviction takes the first.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: CachedRange): void {
    this.delete(key);
    const size = sizeOf(entry);
    if (size > this.maxValues) {
      return;
    }
    this.entries.set(key, entry);
    this.values += size;
    for (const [oldest] of this.entries) {
      if (this.values <= this.maxValues) {
        break;
      }
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry) {
      this.values -= sizeOf(entry);
      this.entries.delete(key);
    }
  }

  clear(): void {
    this.entries.clear();
    this.values = 0;
  }

  stats(): { entries: number; values: number } {
    return { entries: this.entries.size, values: this.values };
  }
}

function sizeOf(entry: CachedRange): number {
  return entry.series.reduce((sum, series) => sum + series.values.length, 0);
}

/** The cache key of a range query of a plan read from `datasource`. */
export function rangeCacheKey(datasource: string, query: PlannedQuery): string {
  return JSON.stringify([datasource, query.role, query.refId, query.step, query.perSecond, query.expr]);
}

/** Keeps the points of `series` at multiples of `step` in [from, to]; series without one are left out. */
export function toCachedRange(series: readonly SampleSeries[], step: number, from: number, to: number): CachedRange {
  const length = Math.floor((to - from) / step) + 1;
  const kept: CachedSeries[] = [];
  for (const one of series) {
    const values = new Float64Array(length);
    const present = new Uint8Array(length);
    let any = false;
    for (let i = 0; i < one.times.length; i++) {
      const offset = one.times[i] - from;
      const index = offset / step;
      if (offset >= 0 && index < length && Number.isInteger(index)) {
        values[index] = one.values[i];
        present[index] = 1;
        any = true;
      }
    }
    if (any) {
      kept.push({ labels: one.labels, key: labelKey(one.labels), values, present });
    }
  }
  return { step, from, to, series: kept };
}

/** The cached points in [from, to] (clipped to what the entry covers), as sample series. */
export function cachedSeriesBetween(entry: CachedRange, from: number, to: number): SampleSeries[] {
  const first = Math.max(0, Math.ceil((from - entry.from) / entry.step));
  const last = Math.min(entry.series[0]?.values.length ?? 0, Math.floor((to - entry.from) / entry.step) + 1);
  const out: SampleSeries[] = [];
  for (const series of entry.series) {
    const times: number[] = [];
    const values: number[] = [];
    for (let index = first; index < last; index++) {
      if (series.present[index]) {
        times.push(entry.from + index * entry.step);
        values.push(series.values[index]);
      }
    }
    out.push({ labels: series.labels, times, values });
  }
  return out;
}

/**
 * An entry keeps at most this much history: SLOs with different periods share the entries of the queries
 * they have in common (a 28-day and a 30-day SLO over the same SLI), so entries grow to the longest of them,
 * and a page refreshing for days moves its windows forward; longer than any period plus its alert windows.
 */
export const MAX_HISTORY_SECONDS = 400 * 86400;

/**
 * `fresh` joined with what `old` holds outside it, when the two runs overlap or touch (else `fresh`): fresh
 * values win where both have one. Series keep `fresh`'s order, those only in `old` after them (sorted as
 * Prometheus sorts when both are). History beyond MAX_HISTORY_SECONDS before the newest time is dropped.
 */
export function unionRange(old: CachedRange | undefined, fresh: CachedRange): CachedRange {
  const step = fresh.step;
  if (!old || old.step !== step || old.to < fresh.from - step || old.from > fresh.to + step) {
    return fresh;
  }
  const to = Math.max(old.to, fresh.to);
  const from = Math.max(Math.min(old.from, fresh.from), to - Math.floor(MAX_HISTORY_SECONDS / step) * step);
  const length = (to - from) / step + 1;
  const byKey = new Map<string, CachedSeries>();
  const seriesFor = (one: CachedSeries) => {
    let into = byKey.get(one.key);
    if (!into) {
      into = { labels: one.labels, key: one.key, values: new Float64Array(length), present: new Uint8Array(length) };
      byKey.set(one.key, into);
    }
    return into;
  };
  const copy = (source: CachedRange, skip: (time: number) => boolean) => {
    for (const one of source.series) {
      const into = seriesFor(one);
      for (let index = 0; index < one.values.length; index++) {
        const time = source.from + index * step;
        if (one.present[index] && time >= from && !skip(time)) {
          into.values[(time - from) / step] = one.values[index];
          into.present[(time - from) / step] = 1;
        }
      }
    }
  };
  copy(fresh, () => false);
  copy(old, (time) => time >= fresh.from && time <= fresh.to);
  const sorted = (entry: CachedRange) =>
    entry.series.every((one, index) => index === 0 || compareLabels(entry.series[index - 1].labels, one.labels) <= 0);
  let series = [...byKey.values()].filter((one) => one.present.some((flag) => flag === 1));
  if (series.length > fresh.series.length && sorted(fresh) && sorted(old)) {
    series = series.sort((a, b) => compareLabels(a.labels, b.labels));
  }
  return { step, from, to, series };
}
