import type { SloSpec } from '../../domain';
import { concurrencyLimit } from '../concurrencyLimit';
import { executePlan } from '../executePlan';
import { type PrometheusHttpClient, PrometheusUnreachableError, type QueryCost } from '../httpClient';
import type { SloReading } from '../readSlo';
import type { QueryResult } from '../series';
import { type RecordedDetection, detectRecordedRules, recordedDetectionQueries } from './detect';
import { type RecordedReadOptions, readRecordedSlos, recordedReadPlans, recordedReadQueries } from './read';
import { recordedQueryPlan } from './records';

/**
 * The HTTP side for the command-line tool, the benchmark and tests (the app runs the same plans through
 * its Grafana data source): detection, then the reads of every matched SLO.
 */

/** Runs one task; the default keeps at most `concurrency` queries in flight. */
export type Schedule = <T>(task: () => Promise<T>) => Promise<T>;

export interface RecordedLoadOptions extends RecordedReadOptions {
  /** Read queries in flight at once (default 4); ignored when `schedule` is given. */
  concurrency?: number;
  /** A scheduler of the caller's (e.g. one shared with the raw path), instead of `concurrency`. */
  schedule?: Schedule;
}

export interface RecordedLoad {
  detection: RecordedDetection;
  /** One reading per matched SLO (spec id → reading), `source: 'rules'`; the others are not here. */
  readings: Map<string, SloReading>;
  /** Every query's cost: the two detection queries first, then the reads. */
  costs: QueryCost[];
}

/** Detection at `now` over HTTP; an unreachable Prometheus is a detection error (every SLO reads raw). */
export async function detectRecordedFromPrometheus(
  client: PrometheusHttpClient,
  specs: readonly SloSpec[],
  now: number
): Promise<{ detection: RecordedDetection; costs: QueryCost[] }> {
  const plan = recordedQueryPlan('recorded-rules-detection', recordedDetectionQueries(), now);
  const { results, costs } = await executeOrFail(
    plan.queries.map((query) => query.refId),
    () => executePlan(client, plan)
  );
  return { detection: detectRecordedRules(specs, results), costs };
}

/** Reads matched SLOs at `now` over HTTP; a query that fails is the error of each SLO it reads. */
export async function readRecordedFromPrometheus(
  client: PrometheusHttpClient,
  detection: RecordedDetection,
  now: number,
  options: RecordedLoadOptions = {}
): Promise<{ readings: Map<string, SloReading>; costs: QueryCost[] }> {
  const queries = recordedReadQueries(detection.matched, options);
  const plans = recordedReadPlans(queries, now);
  const schedule = options.schedule ?? concurrencyLimit(Math.max(1, options.concurrency ?? 4));
  const executed = await Promise.all(
    plans.map((plan) =>
      schedule(() =>
        executeOrFail(
          plan.queries.map((query) => query.refId),
          () => executePlan(client, plan)
        )
      )
    )
  );
  const results = executed.flatMap((one) => one.results);
  return {
    readings: readRecordedSlos(detection.matched, queries, results, now),
    costs: executed.flatMap((one) => one.costs),
  };
}

/** Detection, then the reads: what a fleet overview needs from the rules, as of `now`. */
export async function loadRecordedSlos(
  client: PrometheusHttpClient,
  specs: readonly SloSpec[],
  now: number,
  options: RecordedLoadOptions = {}
): Promise<RecordedLoad> {
  const detected = await detectRecordedFromPrometheus(client, specs, now);
  const read = await readRecordedFromPrometheus(client, detected.detection, now, options);
  return { detection: detected.detection, readings: read.readings, costs: [...detected.costs, ...read.costs] };
}

async function executeOrFail(
  refIds: readonly string[],
  execute: () => Promise<{ results: QueryResult[]; costs: QueryCost[] }>
): Promise<{ results: QueryResult[]; costs: QueryCost[] }> {
  try {
    return await execute();
  } catch (error) {
    if (error instanceof PrometheusUnreachableError) {
      return { results: refIds.map((refId) => ({ refId, series: [], error: error.message })), costs: [] };
    }
    throw error;
  }
}
