/** Sending the benchmark's queries with `stats=all` and timing SLO Burn's engine on the answers. */
import { performance } from 'node:perf_hooks';
import { type SloSpec, evaluateSlo } from '../../src/domain';
import { groupsFromResults } from '../../src/prometheus/bucketsFromResults';
import type { PrometheusHttpClient } from '../../src/prometheus/httpClient';
import { type PlanOptions, type QueryPlan, planQueries } from '../../src/prometheus/plan';
import { queryableSamples } from '../../src/prometheus/promApiAdapter';
import { type SloReading, readSlo } from '../../src/prometheus/readSlo';
import type { QueryResult } from '../../src/prometheus/series';
import type { BenchQuery } from './queries';
import { runLimited } from '../prometheus/concurrency';

export interface Cost {
  queries: number;
  /** totalQueryableSamples summed over the queries (metadata requests count 0). */
  samples: number;
  /** Bytes of the answers' bodies. */
  bytes: number;
  /** Wall-clock time for all of them, sent as the runner says. */
  wallMs: number;
}

export interface QueryMeasure {
  label: string;
  samples: number;
  bytes: number;
  ms: number;
}

export const ZERO_COST: Cost = { queries: 0, samples: 0, bytes: 0, wallMs: 0 };

export function addCosts(...costs: Cost[]): Cost {
  return costs.reduce(
    (sum, cost) => ({
      queries: sum.queries + cost.queries,
      samples: sum.samples + cost.samples,
      bytes: sum.bytes + cost.bytes,
      wallMs: sum.wallMs + cost.wallMs,
    }),
    ZERO_COST
  );
}

export { runLimited };

export function median(values: readonly number[]): number {
  if (values.length === 0) {
    return Number.NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Sends one benchmark query; Prometheus errors throw, with the query. */
export async function runQuery(
  client: PrometheusHttpClient,
  baseUrl: string,
  query: BenchQuery
): Promise<QueryMeasure> {
  const started = performance.now();
  if (query.kind === 'labelValues') {
    const parameters = new URLSearchParams({
      'match[]': query.match,
      start: String(query.start),
      end: String(query.end),
    });
    const answer = await fetch(`${baseUrl}/api/v1/label/${encodeURIComponent(query.name)}/values?${parameters}`);
    const text = await answer.text();
    if (!answer.ok) {
      throw new Error(`${query.label}: HTTP ${answer.status}: ${text.slice(0, 200)}`);
    }
    return { label: query.label, samples: 0, bytes: Buffer.byteLength(text), ms: performance.now() - started };
  }
  const { response, bytes } =
    query.kind === 'instant'
      ? await client.instant(query.expr, query.time)
      : await client.rangeQuery(query.expr, query.start, query.end, query.step);
  if (response.status !== 'success') {
    throw new Error(`${query.label}: ${response.errorType}: ${response.error}\n  ${query.expr}`);
  }
  return { label: query.label, samples: queryableSamples(response) ?? 0, bytes, ms: performance.now() - started };
}

/** Sends queries `concurrency` at a time and sums their cost. */
export async function runQueries(
  client: PrometheusHttpClient,
  baseUrl: string,
  queries: readonly BenchQuery[],
  concurrency = 6
): Promise<{ cost: Cost; perQuery: QueryMeasure[] }> {
  const started = performance.now();
  const perQuery = await runLimited(
    queries.map((query) => () => runQuery(client, baseUrl, query)),
    concurrency
  );
  return {
    perQuery,
    cost: {
      queries: queries.length,
      samples: perQuery.reduce((sum, one) => sum + one.samples, 0),
      bytes: perQuery.reduce((sum, one) => sum + one.bytes, 0),
      wallMs: performance.now() - started,
    },
  };
}

export interface EngineTimes {
  /** readSlo: the answers → buckets (groupsFromResults) → evaluateSlo per group → breakdown. */
  readSloMs: number;
  /** groupsFromResults alone: turning Prometheus's answers into 5-minute buckets. */
  bucketsMs: number;
  /** evaluateSlo alone, on the buckets readSlo made (every group of a grouped SLI). */
  evaluateMs: number;
  /** The fastest of the runs: what an idle machine would come close to. */
  fastestReadSloMs: number;
  fastestEvaluateMs: number;
}

export interface ExecutedPlanMeasure {
  plan: QueryPlan;
  results: QueryResult[];
  cost: Cost;
  /** totalQueryableSamples of each planned query, in plan order. */
  perQuerySamples: number[];
}

export interface PlanMeasure extends ExecutedPlanMeasure, EngineTimes {
  reading: SloReading;
}

/** One SLO Burn page for one SLO: plans the queries and sends them all at once (as a page does), with stats. */
export async function executePlanMeasured(
  client: PrometheusHttpClient,
  spec: SloSpec,
  options: PlanOptions
): Promise<ExecutedPlanMeasure> {
  const plan = planQueries(spec, options);
  const started = performance.now();
  const executed = await Promise.all(plan.queries.map((query) => client.run(query)));
  const wallMs = performance.now() - started;
  const results: QueryResult[] = executed.map((one) => one.result);
  const failed = results.find((result) => result.error);
  if (failed) {
    throw new Error(`${spec.id}: ${failed.refId}: ${failed.error}`);
  }
  return {
    plan,
    results,
    perQuerySamples: executed.map((one) => one.cost.samples ?? 0),
    cost: {
      queries: plan.queries.length,
      samples: executed.reduce((sum, one) => sum + (one.cost.samples ?? 0), 0),
      bytes: executed.reduce((sum, one) => sum + one.cost.bytes, 0),
      wallMs,
    },
  };
}

/**
 * Node's collector when started with --expose-gc: collecting before timing an SLO keeps collections
 * of earlier garbage out of its times (skipped for the fleet, where the heap holds every answer).
 */
const collectGarbage = (globalThis as { gc?: () => void }).gc;

function runTimes(runs: number, action: () => void): number[] {
  const times: number[] = [];
  for (let run = 0; run < Math.max(1, runs); run++) {
    const started = performance.now();
    action();
    times.push(performance.now() - started);
  }
  return times;
}

let warmedUp = false;

/**
 * Times the engine on a plan's answers: medians over `runs` runs of readSlo, of groupsFromResults and
 * of evaluateSlo. The first call also runs everything a few times untimed, so that the JIT has
 * compiled the engine before anything is measured.
 */
export function timeEngine(
  spec: SloSpec,
  plan: QueryPlan,
  results: readonly QueryResult[],
  runs: number,
  collect = true
): EngineTimes & { reading: SloReading } {
  if (collect) {
    collectGarbage?.();
  }
  const reading = readSlo(spec, plan, results);
  const groups = reading.kind === 'evaluated' ? reading.groups : [];
  const options = {
    now: plan.now,
    stepSeconds: plan.step,
    burndownFrom: plan.historyFrom,
    burndownView: plan.view === 'overview' ? ('window' as const) : ('sliding' as const),
  };
  const all = {
    readSlo: () => readSlo(spec, plan, results),
    buckets: () => groupsFromResults(plan, results, []),
    evaluate: () => groups.forEach((group) => evaluateSlo(spec, { buckets: group.buckets }, options)),
  };
  if (!warmedUp) {
    warmedUp = true;
    for (let run = 0; run < 30; run++) {
      Object.values(all).forEach((action) => action());
    }
  }
  return {
    reading,
    ...summarise(runTimes(runs, all.readSlo), runTimes(runs, all.buckets), runTimes(runs, all.evaluate)),
  };
}

function summarise(readSlo: number[], buckets: number[], evaluate: number[]): EngineTimes {
  return {
    readSloMs: median(readSlo),
    bucketsMs: median(buckets),
    evaluateMs: median(evaluate),
    fastestReadSloMs: Math.min(...readSlo),
    fastestEvaluateMs: Math.min(...evaluate),
  };
}

/** executePlanMeasured, then timeEngine. */
export async function measurePlan(
  client: PrometheusHttpClient,
  spec: SloSpec,
  options: PlanOptions,
  engineRuns: number
): Promise<PlanMeasure> {
  const executed = await executePlanMeasured(client, spec, options);
  return { ...executed, ...timeEngine(spec, executed.plan, executed.results, engineRuns) };
}

/** The status an SLO Burn page would show, for the tables. */
export function readingStatus(reading: SloReading): string {
  return reading.kind === 'evaluated' ? reading.groups[0].evaluation.status : `error: ${reading.message}`;
}
