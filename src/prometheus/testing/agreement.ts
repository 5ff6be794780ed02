/**
 * Test support for agreement.integration.test.ts: what Prometheus itself computes, for an SLO's own
 * definitions, at one evaluation time; and the checks that hold the client-side engine against it.
 */
// Before anything that loads @grafana/data.
import './grafanaDataInNode';
import { queryInstant, queryRange } from '../../../scripts/prometheus/client';
import {
  type AlertWindow,
  type PairState,
  type SloEvaluation,
  type SloSpec,
  alertGuardOf,
  errorBudget,
  formatDuration,
  isCalendarPeriod,
  isStrictlyAbove,
  pairFires,
  parseDuration,
  periodBounds,
  sliKind,
} from '../../domain';
import { alertGuardExpr } from '../alertGuard';
import { resultsFromDataFrames } from '../dataFrameAdapter';
import { planMaxDataPoints, planTimeRange, toPrometheusDataQuery } from '../grafanaQueries';
import { type ExecutedQuery, PrometheusHttpClient } from '../httpClient';
import { loadSlo } from '../loadSlo';
import { type PlanOptions, type PlanView, type PlannedQuery, chunkedRange, planQueries, stepFor } from '../plan';
import { type PromApiResponse, resultFromPromApi } from '../promApiAdapter';
import { promDuration, withWindow } from '../promql';
import { type SloReading, readSlo } from '../readSlo';
import { inlineAlertExpr } from '../rules';
import { labelKey } from '../series';
import { sliErrorRatioExpr } from '../sliQueries';
import { grafanaFramesFor } from './grafanaFrames';
import { promlibRangeQuery } from './promlib';
export { concurrencyLimit } from '../../../scripts/prometheus/concurrency';

/** The tolerances of the requirement. */
export const RATIO_RELATIVE_TOLERANCE = 0.01;
export const RATIO_ABSOLUTE_TOLERANCE = 1e-6;
export const BUDGET_ABSOLUTE_TOLERANCE = 0.005;
/** Alert pairs with a ratio this close (relative) to the threshold are not compared. */
export const THRESHOLD_MARGIN = 0.02;

/** One Prometheus instant query that returns at most one series, at a time; NaN when it returns none. */
export type ScalarQuery = (expr: string, time: number) => Promise<number>;

/**
 * The error ratio over the `seconds` before `time`, as Prometheus computes it for the same definition:
 * `sliErrorRatioExpr` (error query over total query, good over total, histogram buckets) with that
 * window, except for the kinds whose engine definition differs from the plain expression in a way
 * Prometheus 2.42 cannot express with the window as it is:
 *
 * - boolGauge: the engine's buckets are left-open, (t − 5m, t], as range selectors are in Prometheus 3,
 *   so that consecutive buckets never share a sample; Prometheus 2.42's range selectors are closed,
 *   [t − W, t], and would read one sample more. One millisecond short of the window, (t − W, t] holds
 *   exactly the samples the engine's buckets hold.
 * - raw and time slices: see `rawWindowRatio` and `timesliceWindowRatio`.
 */
export async function prometheusWindowRatio(
  spec: SloSpec,
  seconds: number,
  time: number,
  scalar: ScalarQuery
): Promise<number> {
  if (spec.budgetingMethod === 'timeslices') {
    return timesliceWindowRatio(spec, seconds, time, scalar);
  }
  switch (sliKind(spec.sli)) {
    case 'boolGauge':
      return scalar(sliErrorRatioExpr(spec.sli, promDuration(seconds - 0.001)), time);
    case 'raw':
      return rawWindowRatio(spec, seconds, time, scalar);
    default:
      return scalar(sliErrorRatioExpr(spec.sli, promDuration(seconds)), time);
  }
}

/**
 * A raw SLI's query returns a ratio, not event counts, so the engine gives every 5-minute bucket the
 * same weight and a window's ratio is the time-weighted mean of the 5-minute ratios in it (what Sloth's
 * own period rule computes with sum_over_time / count_over_time). Prometheus computes the buckets' part
 * with a subquery: its steps are multiples of the step, and one millisecond short of the window it
 * reads the W / 5m evaluations in (t − W, t] on both Prometheus 2.42 (closed ranges: `[1h:5m]` evaluates
 * 13 times) and 3. A 5-minute ratio of 0/0 (NaN: no traffic) is a bucket with no events for the engine,
 * so it takes no part in the mean; `>= 0` drops those points (an error ratio is never negative, and NaN
 * compares false).
 *
 * Between two bucket boundaries (t = bucketEnd + d) the window starts d seconds into its first bucket,
 * which then weighs 5m − d, and ends with the engine's partial bucket (bucketEnd, t]: d seconds at
 * Prometheus's ratio over (t − 5m, t], the latest it can say.
 */
export async function rawWindowRatio(spec: SloSpec, seconds: number, time: number, scalar: ScalarQuery) {
  const step = stepFor(spec);
  const ratio = withWindow(
    (spec.sli as Extract<SloSpec['sli'], { raw: unknown }>).raw.errorRatioQuery,
    promDuration(step)
  );
  const measured = `((${ratio}) >= 0)`;
  const subquery = `[${promDuration(seconds - 0.001)}:${promDuration(step)}]`;
  const [sum, count] = await Promise.all([
    scalar(`sum_over_time(${measured}${subquery})`, time),
    scalar(`count_over_time(${measured}${subquery})`, time),
  ]);
  let bad = Number.isFinite(sum) ? sum * step : 0;
  let total = Number.isFinite(count) ? count * step : 0;
  const bucketEnd = Math.floor(time / step) * step;
  const partial = time - bucketEnd;
  if (partial > 0) {
    // The engine's partial bucket: the seconds since the last boundary at Prometheus's ratio over the
    // step ending at t; the window's first bucket weighs only what is left of it.
    const sinceLastBucket = withWindow(
      (spec.sli as Extract<SloSpec['sli'], { raw: unknown }>).raw.errorRatioQuery,
      promDuration(step)
    );
    const [first, latest] = await Promise.all([
      scalar(measured, bucketEnd - seconds + step),
      scalar(`((${sinceLastBucket}) >= 0)`, time),
    ]);
    if (Number.isFinite(first)) {
      bad -= first * partial;
      total -= partial;
    }
    if (Number.isFinite(latest)) {
      bad += latest * partial;
      total += partial;
    }
  }
  return total > 0 ? bad / total : Number.NaN;
}

/**
 * Time slices of an events SLI, as Prometheus sees them: a slice (e − L, e], e a multiple of the slice
 * length L, is bad when its error ratio is above what the target allows, and counts when it has traffic.
 * A window's ratio is bad slices over slices with traffic, by subqueries over the slice ends in
 * (t − W, bucketEnd], bucketEnd the last slice end at or before t. The engine counts a slice pro rata to
 * the part of it inside the window: the first slice, which starts before t − W unless W is a multiple of
 * L and t a slice end, weighs (e₁ − (t − W)) / L; and between two slice ends the slice in progress,
 * (bucketEnd, t], weighs (t − bucketEnd) / L, bad when the events since bucketEnd (Prometheus's counts
 * over (bucketEnd − L, t] less the last complete slice's) are.
 */
export async function timesliceWindowRatio(spec: SloSpec, seconds: number, time: number, scalar: ScalarQuery) {
  if (!('events' in spec.sli)) {
    throw new Error(`${spec.id}: time slices are compared for events SLIs only`);
  }
  const slice = parseDuration(spec.timesliceWindow ?? '5m');
  const allowed = (100 - (spec.timesliceTarget ?? spec.objective)) / 100;
  const window = promDuration(slice);
  const errors = withWindow(spec.sli.events.errorQuery, window);
  const requests = withWindow(spec.sli.events.totalQuery, window);
  const badSlice = `((${errors}) / (${requests}) > bool ${allowed})`;
  const countedSlice = `((${requests}) > bool 0)`;
  const subquery = `[${promDuration(seconds - 0.001)}:${window}]`;
  const bucketEnd = Math.floor(time / slice) * slice;
  const partial = time - bucketEnd;
  const first = Math.floor((time - seconds) / slice) * slice + slice;
  const firstOutside = 1 - (first - (time - seconds)) / slice;
  const orZero = (value: number) => (Number.isFinite(value) ? value : 0);
  const [badSum, countedSum, firstBad, firstCounted] = await Promise.all([
    scalar(`sum_over_time(${badSlice}${subquery})`, time),
    scalar(`sum_over_time(${countedSlice}${subquery})`, time),
    firstOutside > 0 ? scalar(badSlice, first) : 0,
    firstOutside > 0 ? scalar(countedSlice, first) : 0,
  ]);
  let bad = orZero(badSum) - firstOutside * orZero(firstBad);
  let total = orZero(countedSum) - firstOutside * orZero(firstCounted);
  if (partial > 0) {
    const share = partial / slice;
    // The slice in progress holds Prometheus's counts over (bucketEnd − L, t] less the last complete slice's.
    const sinceLastSlice = promDuration(slice + partial);
    const [errorsSince, requestsSince, errorsLast, requestsLast] = await Promise.all([
      scalar(withWindow(spec.sli.events.errorQuery, sinceLastSlice), time),
      scalar(withWindow(spec.sli.events.totalQuery, sinceLastSlice), time),
      scalar(errors, bucketEnd),
      scalar(requests, bucketEnd),
    ]);
    // Per-second rates, times their windows.
    const tailBad = Math.max(0, orZero(errorsSince) * (slice + partial) - orZero(errorsLast) * slice);
    const tailTotal = Math.max(0, orZero(requestsSince) * (slice + partial) - orZero(requestsLast) * slice);
    if (tailTotal > 0) {
      total += share;
      bad += isStrictlyAbove(tailBad / tailTotal, allowed) ? share : 0;
    }
  }
  return total > 0 ? bad / total : Number.NaN;
}

/** The ratio an exported rule (recording or inlined alert) reads for a window: the plain expression. */
export function ruleWindowRatioExpr(spec: SloSpec, seconds: number): string {
  return sliErrorRatioExpr(spec.sli, formatDuration(seconds));
}

/**
 * Budget remaining over the period at `time`, of the same definition as the engine's
 * (src/domain/burndown.ts):
 * - rolling: 1 − ratio(period) / budget;
 * - calendar: 1 − bad / (budget × total × periodSeconds / covered), bad and total counted since the
 *   period start, that is 1 − ratio(elapsed) × covered / (periodSeconds × budget), with the true
 *   length of this period (a DST month has an hour more or less). `covered` is the part of the period
 *   so far that has data: all of it, unless the data starts after the period does (`dataStart`).
 *   Prometheus's `rate` over a range reaching before the first sample reads the samples there are, so
 *   its ratio is the ratio over the covered part, as the engine's is; only the normalisation needs the
 *   covered length, which a range selector does not report.
 */
export async function prometheusBudgetRemaining(
  spec: SloSpec,
  time: number,
  scalar: ScalarQuery,
  dataStart = -Infinity
): Promise<number> {
  const budget = errorBudget(spec.objective);
  if (!isCalendarPeriod(spec.period)) {
    return 1 - (await prometheusWindowRatio(spec, parseDuration(spec.period.rolling), time, scalar)) / budget;
  }
  const bounds = periodBounds(spec.period, time);
  const elapsed = time - bounds.start;
  const covered = time - Math.max(bounds.start, dataStart);
  const ratio = await prometheusWindowRatio(spec, elapsed, time, scalar);
  return 1 - (ratio * covered) / (bounds.seconds * budget);
}

export interface RatioComparison {
  engine: number | null;
  /** NaN when Prometheus returned NaN or no series. */
  prometheus: number;
  absoluteError: number;
  /** |engine − prometheus| / max(|engine|, |prometheus|); 0 when both are 0 or both missing. */
  relativeError: number;
  agrees: boolean;
}

/**
 * Agreement of one ratio: within 1 % relative or 1e-6 absolute; a Prometheus NaN or empty result (no
 * traffic, no data) must be the engine's null, and the other way round.
 */
export function compareRatio(engine: number | null, prometheus: number): RatioComparison {
  const missing = !Number.isFinite(prometheus);
  if (engine === null || missing) {
    const agrees = engine === null && Number.isNaN(prometheus);
    return { engine, prometheus, absoluteError: agrees ? 0 : Infinity, relativeError: agrees ? 0 : Infinity, agrees };
  }
  const absoluteError = Math.abs(engine - prometheus);
  const scale = Math.max(Math.abs(engine), Math.abs(prometheus));
  const relativeError = scale === 0 ? 0 : absoluteError / scale;
  return {
    engine,
    prometheus,
    absoluteError,
    relativeError,
    agrees: absoluteError <= RATIO_ABSOLUTE_TOLERANCE || relativeError <= RATIO_RELATIVE_TOLERANCE,
  };
}

export interface BudgetComparison {
  engine: number | null;
  prometheus: number;
  absoluteError: number;
  agrees: boolean;
}

export function compareBudget(engine: number | null, prometheus: number): BudgetComparison {
  if (engine === null || !Number.isFinite(prometheus)) {
    const agrees = engine === null && Number.isNaN(prometheus);
    return { engine, prometheus, absoluteError: agrees ? 0 : Infinity, agrees };
  }
  const absoluteError = Math.abs(engine - prometheus);
  return { engine, prometheus, absoluteError, agrees: absoluteError <= BUDGET_ABSOLUTE_TOLERANCE };
}

/** Whether a ratio is within THRESHOLD_MARGIN (relative) of the threshold; null and NaN are not. */
export function nearThreshold(ratio: number | null, threshold: number): boolean {
  return ratio !== null && Number.isFinite(ratio) && Math.abs(ratio - threshold) <= THRESHOLD_MARGIN * threshold;
}

/**
 * Everything in a reading that must be a finite number (or null where the engine allows it) and is
 * not: NaN, ±Infinity, negative event counts or coverage outside [0, 1]. Empty when all is well.
 */
export function nonFiniteValues(reading: SloReading): string[] {
  if (reading.kind !== 'evaluated') {
    return [`the reading is an error: ${reading.message}`];
  }
  const problems: string[] = [];
  const count = (what: string, value: number) => {
    if (!Number.isFinite(value) || value < 0) {
      problems.push(`${what} = ${value}`);
    }
  };
  const finiteOrNull = (what: string, value: number | null) => {
    if (value !== null && !Number.isFinite(value)) {
      problems.push(`${what} = ${value}`);
    }
  };
  const nonNegativeOrNull = (what: string, value: number | null) => {
    finiteOrNull(what, value);
    if (value !== null && value < 0) {
      problems.push(`${what} = ${value}`);
    }
  };
  reading.groups.forEach((group, groupIndex) => {
    const prefix = groupIndex === 0 ? '' : `group ${JSON.stringify(group.labels)}: `;
    for (const bucket of group.buckets) {
      const at = `${prefix}bucket ending ${bucket.end}`;
      count(`${at} bad`, bucket.bad);
      count(`${at} total`, bucket.total);
      if (!(Number.isFinite(bucket.start) && bucket.end > bucket.start)) {
        problems.push(`${at} has start ${bucket.start}`);
      }
    }
    const evaluation = group.evaluation;
    for (const window of [...evaluation.windows, evaluation.periodWindow]) {
      const at = `${prefix}window ${formatDuration(window.seconds)}`;
      count(`${at} bad`, window.bad);
      count(`${at} total`, window.total);
      nonNegativeOrNull(`${at} errorRatio`, window.errorRatio);
      nonNegativeOrNull(`${at} burnRate`, window.burnRate);
      if (!(window.coverage >= 0 && window.coverage <= 1)) {
        problems.push(`${at} coverage = ${window.coverage}`);
      }
    }
    for (const pair of evaluation.alerts.pairs) {
      const at = `${prefix}pair ${formatDuration(pair.window.longSeconds)}/${formatDuration(pair.window.shortSeconds)}`;
      nonNegativeOrNull(`${at} longBurnRate`, pair.longBurnRate);
      nonNegativeOrNull(`${at} shortBurnRate`, pair.shortBurnRate);
    }
    finiteOrNull(`${prefix}sli`, evaluation.sli);
    finiteOrNull(`${prefix}budgetRemaining`, evaluation.budgetRemaining);
    nonNegativeOrNull(`${prefix}currentBurnRate`, evaluation.currentBurnRate);
    nonNegativeOrNull(`${prefix}timeToExhaustion`, evaluation.timeToExhaustion);
    for (const point of [...evaluation.burndown.series, ...evaluation.burndown.projection]) {
      finiteOrNull(`${prefix}burndown at ${point.time}`, point.remaining);
    }
  });
  return problems;
}

export interface WindowAgreement extends RatioComparison {
  seconds: number;
}

export interface PairAgreement {
  /** e.g. `page 1h/5m` */
  name: string;
  thresholdRatio: number;
  engineFiring: boolean;
  prometheusFiring: boolean;
  /**
   * Set when a ratio of the pair lies within THRESHOLD_MARGIN of the threshold, or its long window's events
   * within THRESHOLD_MARGIN of a low-traffic guard's minimum: not compared.
   */
  skipped: boolean;
  agrees: boolean;
  /**
   * With a low-traffic guard: the engine's state, and whether the long window holds enough events for the
   * engine and for Prometheus (the guard of the exported alert, evaluated on its own).
   */
  guard: { state: PairState; enginePasses: boolean; prometheusPasses: boolean; agrees: boolean } | null;
  /**
   * For a pair both say fires, where its ratios are Prometheus's own (events, good/total, histograms):
   * when the firing stretch began for the engine and for Prometheus (the alert expression at every step
   * back from the time). Null where not compared.
   */
  since: { engine: number; prometheus: number; step: number } | null;
}

/** How the engine reads Prometheus. */
export type ReadPath = 'http' | 'grafana';

export interface SloAgreement {
  sloId: string;
  time: number;
  path: ReadPath;
  step: number;
  evaluation: SloEvaluation;
  windows: WindowAgreement[];
  budget: BudgetComparison;
  pairs: PairAgreement[];
  nonFinite: string[];
  notes: string[];
}

export type Limit = <T>(task: () => Promise<T>) => Promise<T>;

export interface AgreementOptions {
  url: string;
  /** How the engine reads Prometheus: a PrometheusHttpClient, or a RangeReplayClient over the same server. */
  client: PrometheusHttpClient;
  /** Every request to Prometheus goes through this. */
  limit: Limit;
  /** Time of the first sample of the data set (see prometheusBudgetRemaining). */
  dataStart: number;
  /**
   * `http` (default): as the command-line tool reads, the plan's own ranges in chunks. `grafana`: as the
   * app and the panels read through a Grafana data source: the plan coarsened to fit one request, run as
   * promlib runs it, the answers as Grafana's frames (`loadSloAsGrafana`); needs a RangeReplayClient.
   */
  path?: ReadPath;
  view?: PlanView;
  /** The visible range before the time; an hour by default. */
  visibleSeconds?: number;
}

/** Back from the time, how far the start of a firing stretch is looked for in Prometheus. */
const FIRING_SINCE_REACH_SECONDS = 4 * 86400;

/**
 * The engine (planner, client and reader, as the app reads Prometheus: an overview as of `time`) against
 * Prometheus itself for one SLO at `time`, which need not be a multiple of the step: every alert window's
 * error ratio, the budget remaining over the period, every alert pair's state and since when it fires.
 */
export async function agreementAt(spec: SloSpec, time: number, options: AgreementOptions): Promise<SloAgreement> {
  const { url, client, limit, dataStart } = options;
  const path = options.path ?? 'http';
  const scalar: ScalarQuery = async (expr, at) => {
    const samples = await limit(() => queryInstant(url, expr, at));
    if (samples.length > 1) {
      throw new Error(`expected at most one series, got ${samples.length}: ${expr}`);
    }
    return samples[0]?.value ?? Number.NaN;
  };
  const planOptions = { from: time - (options.visibleSeconds ?? 3600), to: time, view: options.view ?? 'overview' };
  const reading =
    path === 'grafana'
      ? await loadSloAsGrafana(asReplay(client), spec, planOptions)
      : (await loadSlo(client, spec, planOptions)).reading;
  if (reading.kind !== 'evaluated') {
    throw new Error(`${spec.id} at ${time}: the engine could not evaluate: ${reading.message}`);
  }
  if (reading.plan.now !== time || reading.groups[0].evaluation.now !== time) {
    throw new Error(`${spec.id}: evaluated as of ${reading.plan.now}, not as of ${time}`);
  }
  const evaluation = reading.groups[0].evaluation;
  const seconds = evaluation.windows.map((window) => window.seconds);
  const slices = spec.budgetingMethod === 'timeslices';
  const plainRatios = ['events', 'ratio', 'latency'].includes(sliKind(spec.sli)) && !slices;
  const guarded = alertGuardOf(spec).minEvents;
  const [prometheusRatios, ruleRatios, alertFiring, budget, guardPasses] = await Promise.all([
    Promise.all(seconds.map((window) => prometheusWindowRatio(spec, window, time, scalar))),
    // The alert expression reads the plain ratios; where they differ from the compared ones (raw,
    // boolGauge), they are needed to tell whether a pair is close to its threshold.
    Promise.all(
      seconds.map((window) => (plainRatios || slices ? null : scalar(ruleWindowRatioExpr(spec, window), time)))
    ),
    // The exported rules do not model time slices: their pairs are compared with the slice ratios.
    slices
      ? null
      : Promise.all(
          evaluation.alerts.pairs.map(
            async (pair) => (await limit(() => queryInstant(url, inlineAlertExpr(spec, pair.window), time))).length > 0
          )
        ),
    prometheusBudgetRemaining(spec, time, scalar, dataStart),
    // The exported alert's guard on its own: non-empty when the long window holds enough events.
    guarded === undefined
      ? null
      : Promise.all(
          evaluation.alerts.pairs.map(async (pair) => {
            const guard = alertGuardExpr(spec, pair.window);
            return guard === null || (await limit(() => queryInstant(url, guard, time))).length > 0;
          })
        ),
  ]);
  const windows = evaluation.windows.map((window, i) => ({
    seconds: window.seconds,
    ...compareRatio(window.errorRatio, prometheusRatios[i]),
  }));
  const ratiosOf = (windowSeconds: number) => {
    const i = seconds.indexOf(windowSeconds);
    return [evaluation.windows[i].errorRatio, prometheusRatios[i], ruleRatios[i] ?? prometheusRatios[i]];
  };
  const referenceRatio = (windowSeconds: number) => {
    const value = prometheusRatios[seconds.indexOf(windowSeconds)];
    return Number.isFinite(value) ? value : null;
  };
  const pairs = await Promise.all(
    evaluation.alerts.pairs.map(async (pair, i): Promise<PairAgreement> => {
      const ratios = [...ratiosOf(pair.window.longSeconds), ...ratiosOf(pair.window.shortSeconds)];
      const nearGuard = guarded !== undefined && nearThreshold(pair.longEvents, guarded);
      const skipped = nearGuard || ratios.some((ratio) => nearThreshold(ratio, pair.thresholdRatio));
      const enginePasses = guarded === undefined || (pair.longEvents ?? 0) >= guarded;
      const guard =
        guardPasses === null
          ? null
          : {
              state: pair.state,
              enginePasses,
              prometheusPasses: guardPasses[i],
              agrees: nearGuard || enginePasses === guardPasses[i],
            };
      const prometheusFiring =
        alertFiring?.[i] ??
        pairFires(
          referenceRatio(pair.window.longSeconds),
          referenceRatio(pair.window.shortSeconds),
          pair.thresholdRatio
        );
      const engineSince = evaluation.alerts.since[i];
      const since =
        plainRatios && !skipped && pair.firing && prometheusFiring && engineSince !== null
          ? await prometheusFiringSince(url, spec, pair.window, time, reading.plan.step, limit)
          : null;
      return {
        name: `${pair.window.severity} ${formatDuration(pair.window.longSeconds)}/${formatDuration(pair.window.shortSeconds)}`,
        thresholdRatio: pair.thresholdRatio,
        engineFiring: pair.firing,
        prometheusFiring,
        skipped,
        agrees: skipped || pair.firing === prometheusFiring,
        guard,
        since:
          since === null || engineSince === null
            ? null
            : { engine: engineSince, prometheus: since, step: reading.plan.step },
      };
    })
  );
  return {
    sloId: spec.id,
    time,
    path,
    step: reading.plan.step,
    evaluation,
    windows,
    budget: compareBudget(evaluation.budgetRemaining, budget),
    pairs,
    nonFinite: nonFiniteValues(reading),
    notes: reading.notes,
  };
}

/**
 * Where the pair's current firing stretch began for Prometheus: the exported alert expression (recordings
 * inlined) evaluated at `time` and every step back from it, as the engine walks back; the earliest time
 * of the unbroken run that ends at `time`. Null when the run reaches further back than looked.
 */
export async function prometheusFiringSince(
  url: string,
  spec: SloSpec,
  window: AlertWindow,
  time: number,
  step: number,
  limit: Limit
): Promise<number | null> {
  const steps = Math.floor(FIRING_SINCE_REACH_SECONDS / step);
  const series = await limit(() => queryRange(url, inlineAlertExpr(spec, window), time - steps * step, time, step));
  const firingAt = new Set((series[0]?.points ?? []).map(([at]) => Math.round(at * 1000)));
  let since = time;
  while (firingAt.has(Math.round((since - step) * 1000))) {
    since -= step;
  }
  return firingAt.has(Math.round(time * 1000)) && since > time - steps * step ? since : null;
}

function asReplay(client: PrometheusHttpClient): RangeReplayClient {
  if (!(client instanceof RangeReplayClient)) {
    throw new Error('the Grafana path replays range queries: pass a RangeReplayClient');
  }
  return client;
}

interface WireSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

type WireRange = { series: WireSeries[] } | { error: PromApiResponse };

/**
 * A client whose range queries are slices of one long range query per expression and step, fetched
 * once over `span` (in chunks Prometheus accepts); instant queries go to the server. A range query
 * evaluates every step on its own (step times are multiples of the step, whatever the start), so a
 * slice is exactly the answer to the shorter query. This lets a test evaluate an SLO as of many times
 * through the real planner and reader without Prometheus reading 30 days of samples for each.
 */
export class RangeReplayClient extends PrometheusHttpClient {
  private readonly ranges = new Map<string, Promise<WireRange>>();

  constructor(
    url: string,
    private readonly span: { start: number; end: number },
    private readonly limit: Limit
  ) {
    super({ url });
  }

  override async run(query: PlannedQuery): Promise<ExecutedQuery> {
    const response = query.instant
      ? (await this.instant(query.expr, query.end)).response
      : await this.rangeResponse(query.expr, query.start, query.end, query.step);
    return { result: resultFromPromApi(query.refId, response), cost: { refId: query.refId, samples: null, bytes: 0 } };
  }

  override async instant(expr: string, time: number): ReturnType<PrometheusHttpClient['instant']> {
    return this.limit(() => super.instant(expr, time));
  }

  /** The answer Prometheus gives a range query, as a slice of the long range query of its expression. */
  async rangeResponse(expr: string, start: number, end: number, step: number): Promise<PromApiResponse> {
    if (start % step !== 0) {
      throw new Error(`range ${start}–${end} does not start on a multiple of its step ${step}`);
    }
    if (start < this.span.start || end > this.span.end) {
      throw new Error(`range ${start}–${end} is outside the replayed span ${this.span.start}–${this.span.end}`);
    }
    const range = await this.longRange(expr, step);
    if ('error' in range) {
      return range.error;
    }
    const result = range.series
      .map(({ metric, values }) => ({ metric, values: values.filter(([time]) => time >= start && time <= end) }))
      .filter((series) => series.values.length > 0);
    return { status: 'success', data: { resultType: 'matrix', result } };
  }

  private longRange(expr: string, step: number): Promise<WireRange> {
    const key = `${step} ${expr}`;
    let range = this.ranges.get(key);
    if (!range) {
      range = this.fetchLongRange(expr, step);
      this.ranges.set(key, range);
    }
    return range;
  }

  private async fetchLongRange(expr: string, step: number): Promise<WireRange> {
    const first = Math.floor(this.span.start / step) * step;
    const last = Math.ceil(this.span.end / step) * step;
    const bySeries = new Map<string, WireSeries>();
    for (const chunk of chunkedRange(first, last, step)) {
      const { response } = await this.limit(() => this.rangeQuery(expr, chunk.start, chunk.end, step));
      if (response.status !== 'success' || !response.data) {
        return { error: response };
      }
      for (const series of response.data.result as WireSeries[]) {
        const key = labelKey(series.metric);
        const known = bySeries.get(key);
        if (known) {
          known.values.push(...series.values);
        } else {
          bySeries.set(key, { metric: series.metric, values: [...series.values] });
        }
      }
    }
    return { series: [...bySeries.values()] };
  }
}

/**
 * An SLO read as the app and the panels read it through Grafana's Prometheus data source: the plan
 * coarsened to fit one request (`pointsLimit: 'coarsen'`), its one time range (`planTimeRange`), each
 * range query run at the step and over the range promlib computes from it and `maxDataPoints`, each
 * instant query at the range's exact end, and every answer turned into Grafana's frames and back.
 */
export async function loadSloAsGrafana(
  client: RangeReplayClient,
  spec: SloSpec,
  options: Omit<PlanOptions, 'pointsLimit'>
): Promise<SloReading> {
  const plan = planQueries(spec, { ...options, pointsLimit: 'coarsen' });
  const range = planTimeRange(plan);
  const maxDataPoints = planMaxDataPoints(plan);
  const results = await Promise.all(
    plan.queries.map(async (query) => {
      const target = toPrometheusDataQuery(query);
      const promlib = promlibRangeQuery(range, maxDataPoints, parseDuration(target.interval));
      const response = target.instant
        ? (await client.instant(target.expr, range.to)).response
        : await client.rangeResponse(target.expr, promlib.start, promlib.end, promlib.step);
      const errors =
        response.status === 'error'
          ? [{ refId: target.refId, message: `${response.errorType}: ${response.error}` }]
          : [];
      const frames = grafanaFramesFor(target.refId, response, target.instant ? undefined : promlib.step, target.expr);
      return resultsFromDataFrames(frames, [target.refId], errors)[0];
    })
  );
  return readSlo(spec, plan, results);
}

/**
 * Paths at which two values of the same shape differ: numbers by more than `tolerance` relative to
 * the larger of their magnitude and 1 (so that float noise around 0, such as a projection that ends
 * at 3e-13, counts as equal), anything else by identity. For checking that two ways of evaluating
 * give the same result up to float noise (Prometheus sums series in no fixed order).
 */
export function numericDifferences(a: unknown, b: unknown, tolerance = 1e-9, path = ''): string[] {
  if (typeof a === 'number' && typeof b === 'number') {
    const scale = Math.max(1, Math.abs(a), Math.abs(b));
    const same = a === b || (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= tolerance * scale;
    return same ? [] : [`${path}: ${a} ≠ ${b}`];
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((key) =>
      numericDifferences(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        tolerance,
        `${path}.${key}`
      )
    );
  }
  return a === b ? [] : [`${path}: ${String(a)} ≠ ${String(b)}`];
}
