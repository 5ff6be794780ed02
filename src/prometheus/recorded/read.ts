import { EventIndex, type RecordedRatios, RecordedRatiosError, evaluateRecorded, isoTime } from '../../domain';
import type { QueryPlan } from '../plan';
import { escapeRegexValue } from '../promql';
import type { SloReading } from '../readSlo';
import { errorRatioRecord } from '../rules';
import type { QueryResult } from '../series';
import type { RecordedMatch } from './detect';
import { RECORD_WINDOW_LABEL, type RecordedQuery, SLOTH_ID_LABEL, recordedQueryPlan, withWindowLabel } from './records';

/**
 * Reading matched SLOs from their recordings: instant queries at `now` of every alert window's and the
 * period's `slo:sli_error:ratio_rate<window>`, many SLOs per query, each query kept short (a long
 * `sloth_id=~"a|b|…"` list is split) — O(windows) samples per SLO. Then `evaluateRecorded` per SLO.
 * The records are as of their rules' last evaluation, at most one evaluation interval before `now`.
 */

export interface RecordedReadOptions {
  /** Longest PromQL text per query (characters); default 3,000, well under any URL or body limit. */
  maxQueryLength?: number;
}

const DEFAULT_MAX_QUERY_LENGTH = 3000;

export interface RecordedReadQuery extends RecordedQuery {
  /** The SLOs (spec ids) whose records this query reads. */
  sloIds: string[];
}

/** The read queries for these SLOs: each `sloth_id` in exactly one, every record it needs in that one. */
export function recordedReadQueries(
  matched: readonly RecordedMatch[],
  options: RecordedReadOptions = {}
): RecordedReadQuery[] {
  const maxLength = options.maxQueryLength ?? DEFAULT_MAX_QUERY_LENGTH;
  const queries: RecordedReadQuery[] = [];
  let batch: RecordedMatch[] = [];
  const flush = () => {
    if (batch.length > 0) {
      queries.push({
        refId: `recorded-${queries.length}`,
        expr: readExpr(batch),
        sloIds: batch.map((match) => match.spec.id),
      });
      batch = [];
    }
  };
  // SLOs that share a sloth_id (a discovered SLO and an edited copy) share a batch, so no id is read twice.
  const bySlothId = new Map<string, RecordedMatch[]>();
  for (const match of matched) {
    bySlothId.set(match.slothId, [...(bySlothId.get(match.slothId) ?? []), match]);
  }
  for (const group of bySlothId.values()) {
    if (batch.length > 0 && readExpr([...batch, ...group]).length > maxLength) {
      flush();
    }
    batch.push(...group);
  }
  flush();
  return queries;
}

/** The read queries as plans (one per query), to run through `executePlan` or a Grafana data source. */
export function recordedReadPlans(queries: readonly RecordedReadQuery[], now: number): QueryPlan[] {
  return queries.map((query) => recordedQueryPlan(`recorded-rules-${query.refId}`, [query], now));
}

function readExpr(batch: readonly RecordedMatch[]): string {
  const windows = [...new Set(batch.flatMap((match) => match.windows.map((window) => window.window)))];
  const ids = [...new Set(batch.map((match) => match.slothId))];
  const names = `${errorRatioRecord('')}(?:${windows.join('|')})`;
  const selector = `{__name__=~"${names}",${SLOTH_ID_LABEL}=~"${ids.map(escapeRegexValue).join('|')}"}`;
  return withWindowLabel(selector);
}

/**
 * Pure: the answers to `recordedReadQueries` (any adapter's `QueryResult`s, keyed by refId) → one
 * `SloReading` per matched SLO (keyed by spec id), with `source: 'rules'`. A failed query, a record that
 * is missing or has several series, is that SLO's error naming the record, never a number.
 */
export function readRecordedSlos(
  matched: readonly RecordedMatch[],
  queries: readonly RecordedReadQuery[],
  results: readonly QueryResult[],
  now: number
): Map<string, SloReading> {
  const instant = Math.floor(now);
  const values = new Map<string, number[]>();
  const failures = new Map<string, string>();
  const queryOf = new Map<string, RecordedReadQuery>();
  for (const query of queries) {
    const result = results.find((candidate) => candidate.refId === query.refId);
    for (const id of query.sloIds) {
      queryOf.set(id, query);
      if (!result || result.error) {
        failures.set(id, result?.error ?? 'no answer');
      }
    }
    for (const series of result?.series ?? []) {
      const key = recordKey(series.labels[SLOTH_ID_LABEL] ?? '', series.labels[RECORD_WINDOW_LABEL] ?? '');
      values.set(key, [...(values.get(key) ?? []), series.values[series.values.length - 1]]);
    }
  }
  const readings = new Map<string, SloReading>();
  for (const match of matched) {
    const { spec } = match;
    const query = queryOf.get(spec.id);
    const plan = recordedQueryPlan(spec.id, query ? [query] : [], instant, spec);
    const error = (message: string): SloReading => ({ kind: 'error', spec, plan, message, source: 'rules' });
    const failure = failures.get(spec.id) ?? (query ? undefined : 'no read query for this SLO');
    if (failure !== undefined) {
      readings.set(spec.id, error(`recording rules could not be read: ${failure}`));
      continue;
    }
    const problems: string[] = [];
    const ratios: RecordedRatios = { windows: {}, period: Number.NaN };
    for (const window of match.windows) {
      const found = values.get(recordKey(match.slothId, window.window)) ?? [];
      const record = `${errorRatioRecord(window.window)}{sloth_id="${match.slothId}"}`;
      if (found.length !== 1) {
        problems.push(found.length === 0 ? `no ${record}` : `${found.length} series of ${record}`);
        continue;
      }
      if (window.role === 'period') {
        ratios.period = found[0];
      } else {
        (ratios.windows as Record<number, number>)[window.seconds] = found[0];
      }
    }
    if (problems.length > 0) {
      readings.set(spec.id, error(`recording rules incomplete at ${isoTime(instant)}: ${problems.join(', ')}`));
      continue;
    }
    try {
      const evaluation = evaluateRecorded(spec, ratios, { now: instant });
      readings.set(spec.id, {
        kind: 'evaluated',
        spec,
        plan,
        groups: [{ labels: {}, buckets: [], events: new EventIndex([]), evaluation }],
        breakdown: null,
        notes: [...evaluation.notes],
        source: 'rules',
      });
    } catch (caught) {
      if (!(caught instanceof RecordedRatiosError)) {
        throw caught;
      }
      readings.set(spec.id, error(caught.message));
    }
  }
  return readings;
}

function recordKey(slothId: string, window: string): string {
  return `${slothId}\u0000${window}`;
}
