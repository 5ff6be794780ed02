/**
 * Test support for agreement.integration.test.ts: what Prometheus itself computes, for an SLO's own
 * definitions, at one evaluation time; and the checks that hold the client-side engine against it.
 */
import { queryInstant } from '../../../scripts/prometheus/client';
import {
  type SloEvaluation,
  type SloSpec,
  errorBudget,
  formatDuration,
  isCalendarPeriod,
  parseDuration,
  periodBounds,
  sliKind,
} from '../../domain';
import { type ExecutedQuery, PrometheusHttpClient } from '../httpClient';
import { loadSlo } from '../loadSlo';
import { type PlannedQuery, chunkedRange, stepFor } from '../plan';
import { type PromApiResponse, resultFromPromApi } from '../promApiAdapter';
import { promDuration, withWindow } from '../promql';
import type { SloReading } from '../readSlo';
import { inlineAlertExpr } from '../rules';
import { labelKey } from '../series';
import { sliErrorRatioExpr } from '../sliQueries';
export { concurrencyLimit } from '../../../scripts/prometheus/concurrency';

/** The tolerances of the requirement. */
export const RATIO_RELATIVE_TOLERANCE = 0.01;
export const RATIO_ABSOLUTE_TOLERANCE = 1e-6;
export const BUDGET_ABSOLUTE_TOLERANCE = 0.005;
/** Alert pairs with a ratio this close (relative) to the threshold are not compared. */
export const THRESHOLD_MARGIN = 0.02;

/**
 * The error ratio over the `seconds` before the evaluation time, as Prometheus computes it for the same
 * definition: `sliErrorRatioExpr` (error query over total query, good over total, histogram buckets)
 * with that window, except for two kinds whose engine definition differs from the plain expression in
 * a way Prometheus 2.42 cannot express with the window as it is:
 *
 * - boolGauge: the engine's buckets are left-open, (t − 5m, t], as range selectors are in Prometheus 3,
 *   so that consecutive buckets never share a sample; Prometheus 2.42's range selectors are closed,
 *   [t − W, t], and would read one sample more. One millisecond short of the window, (t − W, t] holds
 *   exactly the samples the engine's buckets hold.
 * - raw: the query returns a ratio, not event counts, so the engine gives every 5-minute bucket the
 *   same weight and a window's ratio is the time-weighted mean of the 5-minute ratios that end in it
 *   (what Sloth's own period rule computes with sum_over_time / count_over_time). Prometheus computes
 *   that mean with a subquery. Subquery steps are aligned to multiples of the step (the evaluation time
 *   is one), and Prometheus 2.42's subquery range is closed: `[1h:5m]` evaluates 13 times (checked
 *   against the server), so the range is one millisecond short to keep the W / 5m evaluations
 *   (t − W, t] the engine's buckets end at. A 5-minute ratio of 0/0 (NaN: no traffic) is a bucket
 *   with no events for the engine, so it takes no part in the mean; `>= 0` drops those NaN points
 *   (an error ratio is never negative, and NaN compares false).
 */
export function prometheusWindowRatioExpr(spec: SloSpec, seconds: number): string {
  switch (sliKind(spec.sli)) {
    case 'boolGauge':
      return sliErrorRatioExpr(spec.sli, promDuration(seconds - 0.001));
    case 'raw': {
      const step = stepFor(spec);
      const ratio = withWindow(
        (spec.sli as Extract<SloSpec['sli'], { raw: unknown }>).raw.errorRatioQuery,
        promDuration(step)
      );
      return `avg_over_time(((${ratio}) >= 0)[${promDuration(seconds - 0.001)}:${promDuration(step)}])`;
    }
    default:
      return sliErrorRatioExpr(spec.sli, promDuration(seconds));
  }
}

/** The ratio an exported rule (recording or inlined alert) reads for a window: the plain expression. */
export function ruleWindowRatioExpr(spec: SloSpec, seconds: number): string {
  return sliErrorRatioExpr(spec.sli, formatDuration(seconds));
}

/**
 * Budget remaining over the period at `now`, as one PromQL expression of the same definition as the
 * engine's (src/domain/burndown.ts):
 * - rolling: 1 − ratio(period) / budget;
 * - calendar: 1 − bad / (budget × total × periodSeconds / covered), bad and total counted since the
 *   period start, that is 1 − ratio(elapsed) × covered / (periodSeconds × budget), with the true
 *   length of this period (a DST month has an hour more or less). `covered` is the part of the period
 *   so far that has data: all of it, unless the data starts after the period does (`dataStart`).
 *   Prometheus's `rate` over a range reaching before the first sample reads the samples there are, so
 *   its ratio is the ratio over the covered part, as the engine's is; only the normalisation needs the
 *   covered length, which a range selector does not report.
 */
export function prometheusBudgetRemainingExpr(spec: SloSpec, now: number, dataStart = -Infinity): string {
  const budget = errorBudget(spec.objective);
  if (!isCalendarPeriod(spec.period)) {
    return `1 - (${prometheusWindowRatioExpr(spec, parseDuration(spec.period.rolling))}) / ${budget}`;
  }
  const bounds = periodBounds(spec.period, now);
  const elapsed = now - bounds.start;
  const covered = now - Math.max(bounds.start, dataStart);
  return `1 - (${prometheusWindowRatioExpr(spec, elapsed)}) * ${covered} / (${bounds.seconds} * ${budget})`;
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
  /** Set when a ratio of the pair lies within THRESHOLD_MARGIN of the threshold: not compared. */
  skipped: boolean;
  agrees: boolean;
}

export interface SloAgreement {
  sloId: string;
  time: number;
  evaluation: SloEvaluation;
  windows: WindowAgreement[];
  budget: BudgetComparison;
  pairs: PairAgreement[];
  nonFinite: string[];
}

export type Limit = <T>(task: () => Promise<T>) => Promise<T>;

export interface AgreementOptions {
  url: string;
  /** How the engine reads Prometheus: a PrometheusHttpClient, or a RangeReplayClient over the same server. */
  client: PrometheusHttpClient;
  /** Every request to Prometheus goes through this. */
  limit: Limit;
  /** Time of the first sample of the data set (see prometheusBudgetRemainingExpr). */
  dataStart: number;
}

/**
 * The engine (planner, client and reader, as the app reads Prometheus: an overview at `time`) against
 * Prometheus itself for one SLO at `time`, a multiple of the step: every alert window's error ratio,
 * the budget remaining over the period and every alert pair's state.
 */
export async function agreementAt(spec: SloSpec, time: number, options: AgreementOptions): Promise<SloAgreement> {
  const { url, client, limit, dataStart } = options;
  const scalar = async (expr: string) => {
    const samples = await limit(() => queryInstant(url, expr, time));
    if (samples.length > 1) {
      throw new Error(`expected at most one series, got ${samples.length}: ${expr}`);
    }
    return samples[0]?.value ?? Number.NaN;
  };
  const budgetPromise = scalar(prometheusBudgetRemainingExpr(spec, time, dataStart));
  const { reading } = await loadSlo(client, spec, { from: time - 3600, to: time, view: 'overview' });
  if (reading.kind !== 'evaluated') {
    throw new Error(`${spec.id} at ${time}: the engine could not evaluate: ${reading.message}`);
  }
  if (reading.plan.now !== time) {
    throw new Error(`${spec.id}: evaluation time ${time} is not a multiple of the step ${reading.plan.step}`);
  }
  const evaluation = reading.groups[0].evaluation;
  const seconds = evaluation.windows.map((window) => window.seconds);
  const [prometheusRatios, ruleRatios, firing, budget] = await Promise.all([
    Promise.all(seconds.map((window) => scalar(prometheusWindowRatioExpr(spec, window)))),
    // The alert expression reads the plain ratios; where they differ from the compared ones (raw,
    // boolGauge), they are needed to tell whether a pair is close to its threshold.
    Promise.all(
      seconds.map((window) =>
        ruleWindowRatioExpr(spec, window) === prometheusWindowRatioExpr(spec, window)
          ? null
          : scalar(ruleWindowRatioExpr(spec, window))
      )
    ),
    Promise.all(
      evaluation.alerts.pairs.map(
        async (pair) => (await limit(() => queryInstant(url, inlineAlertExpr(spec, pair.window), time))).length > 0
      )
    ),
    budgetPromise,
  ]);
  const windows = evaluation.windows.map((window, i) => ({
    seconds: window.seconds,
    ...compareRatio(window.errorRatio, prometheusRatios[i]),
  }));
  const ratiosOf = (windowSeconds: number) => {
    const i = seconds.indexOf(windowSeconds);
    return [evaluation.windows[i].errorRatio, prometheusRatios[i], ruleRatios[i] ?? prometheusRatios[i]];
  };
  const pairs = evaluation.alerts.pairs.map((pair, i): PairAgreement => {
    const ratios = [...ratiosOf(pair.window.longSeconds), ...ratiosOf(pair.window.shortSeconds)];
    const skipped = ratios.some((ratio) => nearThreshold(ratio, pair.thresholdRatio));
    return {
      name: `${pair.window.severity} ${formatDuration(pair.window.longSeconds)}/${formatDuration(pair.window.shortSeconds)}`,
      thresholdRatio: pair.thresholdRatio,
      engineFiring: pair.firing,
      prometheusFiring: firing[i],
      skipped,
      agrees: skipped || pair.firing === firing[i],
    };
  });
  return {
    sloId: spec.id,
    time,
    evaluation,
    windows,
    budget: compareBudget(evaluation.budgetRemaining, budget),
    pairs,
    nonFinite: nonFiniteValues(reading),
  };
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
    if (query.instant) {
      return this.limit(() => super.run(query));
    }
    if (query.start < this.span.start || query.end > this.span.end) {
      throw new Error(
        `range ${query.start}–${query.end} is outside the replayed span ${this.span.start}–${this.span.end}`
      );
    }
    const range = await this.longRange(query.expr, query.step);
    const cost = { refId: query.refId, samples: null, bytes: 0 };
    if ('error' in range) {
      return { result: resultFromPromApi(query.refId, range.error), cost };
    }
    const result = range.series
      .map(({ metric, values }) => ({
        metric,
        values: values.filter(([time]) => time >= query.start && time <= query.end),
      }))
      .filter((series) => series.values.length > 0);
    return {
      result: resultFromPromApi(query.refId, { status: 'success', data: { resultType: 'matrix', result } }),
      cost,
    };
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
