import type { PlannedQuery, QueryPlan } from '../plan';
import type { QueryResult, SampleSeries } from '../series';
import { type RangeCache, cachedSeriesBetween, rangeCacheKey, toCachedRange, unionRange } from './rangeCache';
import { clipSeries, mergeSeries } from './mergeSeries';

/**
 * How long after its end a bucket may still change: late scrapes and remote-write lag can still add
 * samples. Grafana's own incremental querying for Prometheus re-reads the same 10 minutes
 * (`defaultPrometheusQueryOverlapWindow` in packages/grafana-prometheus/src/querycache/QueryCache.ts).
 * Never fewer than the two newest buckets.
 */
export const SETTLE_SECONDS = 600;
const SETTLE_BUCKETS = 2;

/** The last evaluation time on the step grid whose bucket can no longer change, read at `readAt`. */
export function lastFinalTime(readAt: number, step: number): number {
  return Math.floor((readAt - Math.max(SETTLE_SECONDS, SETTLE_BUCKETS * step)) / step) * step;
}

export interface IncrementalRead {
  /**
   * The requests that read what the cache lacks, each a plan of the same SLO with the range queries
   * narrowed to the evaluation times missing and, in the one that ends at the plan's `bucketEnd`, the
   * plan's instant queries (always read fresh). Empty when the cache holds everything and the plan has no
   * instant query.
   */
  requests: QueryPlan[];
  /** Range queries read from the cache, in whole or in part. */
  cachedQueries: number;
  /**
   * The plan's results, as one cold read of the whole plan would give them, from the answers to `requests`
   * (same order) and the cache; stores what can no longer change (as of `readAt`, Unix seconds) back into
   * the cache.
   */
  complete(answers: ReadonlyArray<readonly QueryResult[]>, readAt: number): QueryResult[];
}

interface Need {
  query: PlannedQuery;
  key: string;
  /** The cached points used: [from, to], or null. */
  cached: { from: number; to: number; series: SampleSeries[] } | null;
  /** Runs of evaluation times to read: older first. */
  missing: Array<{ start: number; end: number }>;
}

/**
 * Splits a plan into what the cache already holds and the requests for the rest. A range query's values
 * at an evaluation time depend only on that time and the query (Prometheus evaluates each step on its
 * own), so buckets read earlier are reused as they are; the cache keeps only those older than
 * `SETTLE_SECONDS` at the time they were read. A refresh then asks for the buckets after the last cached
 * one, and a changed time range for the part that does not overlap.
 */
export function planIncrementalRead(plan: QueryPlan, datasource: string, cache: RangeCache): IncrementalRead {
  const needs: Need[] = plan.queries
    .filter((query) => !query.instant)
    .map((query) => needOf(query, rangeCacheKey(datasource, query), cache));
  const instants = plan.queries.filter((query) => query.instant);

  // One request per end time: a Grafana request has one time range, which ends where its range queries end.
  const byEnd = new Map<number, PlannedQuery[]>();
  for (const need of needs) {
    for (const run of need.missing) {
      const queries = byEnd.get(run.end) ?? [];
      queries.push({ ...need.query, start: run.start, end: run.end });
      byEnd.set(run.end, queries);
    }
  }
  if (instants.length > 0 && !byEnd.has(plan.bucketEnd)) {
    byEnd.set(plan.bucketEnd, []);
  }
  const requests = [...byEnd.entries()]
    .sort(([a], [b]) => a - b)
    .map(([end, queries]): QueryPlan => {
      // Every range query of one request starts together: the earliest start, re-reading a few cached points.
      const start = Math.min(...queries.map((query) => query.start));
      const ranges = queries.map((query) => ({ ...query, start }));
      if (end === plan.bucketEnd) {
        return { ...plan, queries: [...ranges, ...instants] };
      }
      return { ...plan, queries: ranges, now: end, bucketEnd: end, partialBucket: null };
    });

  return {
    requests,
    cachedQueries: needs.filter((need) => need.cached !== null).length,
    complete: (answers, readAt) => complete(plan, needs, requests, answers, readAt, cache),
  };
}

function needOf(query: PlannedQuery, key: string, cache: RangeCache): Need {
  const entry = cache.get(key);
  const whole = { query, key, cached: null, missing: [{ start: query.start, end: query.end }] };
  if (!entry || entry.step !== query.step || entry.to < query.start || entry.from > query.end) {
    return whole;
  }
  const from = Math.max(query.start, entry.from);
  const to = Math.min(query.end, entry.to);
  if ((from - query.start) % query.step !== 0) {
    return whole;
  }
  const missing: Need['missing'] = [];
  if (query.start < from) {
    missing.push({ start: query.start, end: from - query.step });
  }
  if (to < query.end) {
    missing.push({ start: to + query.step, end: query.end });
  }
  return { query, key, cached: { from, to, series: cachedSeriesBetween(entry, from, to) }, missing };
}

function complete(
  plan: QueryPlan,
  needs: readonly Need[],
  requests: readonly QueryPlan[],
  answers: ReadonlyArray<readonly QueryResult[]>,
  readAt: number,
  cache: RangeCache
): QueryResult[] {
  const answerOf = (refId: string) =>
    requests.flatMap((request, index) => {
      const query = request.queries.find((candidate) => candidate.refId === refId);
      const result = answers[index]?.find((candidate) => candidate.refId === refId);
      return query ? [{ query, result }] : [];
    });
  const finalUntil = lastFinalTime(readAt, plan.step);

  return plan.queries.map((query): QueryResult => {
    const parts = answerOf(query.refId);
    if (query.instant) {
      return parts[0]?.result ?? { refId: query.refId, series: [], error: 'no answer' };
    }
    const failed = parts.find((part) => !part.result || part.result.error);
    if (failed) {
      return { refId: query.refId, series: [], error: failed.result?.error ?? 'no answer' };
    }
    const need = needs.find((candidate) => candidate.query.refId === query.refId)!;
    // Fetched runs win over cached points at the same times (a request starts at the earliest run).
    const fetched = parts
      .map((part) => ({ start: part.query.start, end: part.query.end, series: part.result!.series }))
      .sort((a, b) => a.start - b.start);
    const pieces: SampleSeries[][] = [];
    let covered = query.start - query.step;
    const cached = need.cached;
    for (const run of fetched) {
      if (cached && run.start > covered + query.step) {
        pieces.push(clipSeries(cached.series, covered + query.step, run.start - query.step));
      }
      pieces.push(clipSeries(run.series, Math.max(run.start, covered + query.step), run.end));
      covered = Math.max(covered, run.end);
    }
    if (cached && covered < query.end) {
      pieces.push(clipSeries(cached.series, covered + query.step, query.end));
    }
    const newest = fetched.length > 0 ? fetched[fetched.length - 1].series : (cached?.series ?? []);
    const series = mergeSeries(pieces, newest);
    const last = Math.min(query.end, finalUntil);
    if (last >= query.start) {
      // Joined with what the entry holds now: another SLO over the same query may need a longer history.
      cache.set(need.key, unionRange(cache.get(need.key), toCachedRange(series, query.step, query.start, last)));
    }
    return { refId: query.refId, series };
  });
}
