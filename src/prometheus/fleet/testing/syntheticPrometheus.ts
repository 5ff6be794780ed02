import type { SliSpec, SloSpec } from '../../../domain';
import type { PlannedQuery, QueryPlan } from '../../plan';
import { INFO_REF_ID, RECORDS_REF_ID } from '../../recorded/detect';
import { RECORD_WINDOW_LABEL, SLOTH_ID_LABEL, recordedWindows } from '../../recorded/records';
import { sloRuleGroups } from '../../rules';
import type { QueryResult, SampleSeries } from '../../series';
import { type BucketRole, PART_LABEL, WINDOW_LABEL, sliBucketQueries } from '../../sliQueries';
import type { ExecutedRequest, PlanExecutor } from '../types';

const MINUTE = 60;

/**
 * Test support: a deterministic stand-in for Prometheus behind a fleet executor, answering plans the way
 * Prometheus would answer their PromQL, from per-minute event counts that are a pure function of the
 * SLO, its group, the part and the minute. So a range query's value at t is what the minutes in
 * (t − step, t] hold, an instant window's what the minutes in (now − window, now] hold.
 *
 * Like a real one it ingests late: minutes within `lagSeconds` of the wall clock (`clock()`) hold only
 * half their events, so an answer read at one instant differs from one read later for the newest minutes,
 * which is what a cache must not keep. Grouped SLOs (id containing `grouped`) answer per route, one of
 * which (`/a-retired`, between the other two in label order) stops reporting at `retiredAt`: a label set present in old buckets only.
 */
export interface SyntheticPrometheus {
  executor: PlanExecutor;
  /** Every SLO's own request answered, in order. */
  requests: QueryPlan[];
  /** Every request of the recording rules (detection, batched reads: plans named `recorded-rules…`). */
  recordedRequests: QueryPlan[];
  /** Record samples answered to the rules' batched reads. */
  recordedSamples(): number;
  /** Range-query points answered, summed over requests (a stand-in for samples read). */
  points(): number;
  /** How many requests were in flight at most at once. */
  peakInFlight(): number;
}

export interface SyntheticOptions {
  specs: readonly SloSpec[];
  clock: () => number;
  lagSeconds?: number;
  retiredAt?: number;
  /** Answer an overload error (HTTP 503) to requests beyond this many in flight. */
  capacity?: number;
  /** Rounds of the event loop each answer takes (default 2). */
  latencyTicks?: number;
  /**
   * SLO Burn's recording rules deployed, each written for the spec given (`slo rules`): their
   * `sloth_slo_info` and every `slo:sli_error:ratio_rate<window>` record, whose values are the error
   * ratio of the spec's SLI over the window, from the same events as the raw answers.
   */
  rules?: readonly SloSpec[];
  /** Recording-rule queries answered with this Prometheus error: the detection's, or the reads'. */
  rulesError?: { detection?: string; reads?: string };
}

export function syntheticPrometheus(options: SyntheticOptions): SyntheticPrometheus {
  const specs = new Map(options.specs.map((spec) => [spec.id, spec]));
  const lag = options.lagSeconds ?? 180;
  const retiredAt = options.retiredAt ?? Number.POSITIVE_INFINITY;
  const requests: QueryPlan[] = [];
  const recordedRequests: QueryPlan[] = [];
  const rules = options.rules ?? [];
  let points = 0;
  let recordedSamples = 0;
  let inFlight = 0;
  let peak = 0;

  const executor: PlanExecutor = async ({ plan, signal }) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    try {
      const overloaded = options.capacity !== undefined && inFlight > options.capacity;
      for (let tick = 0; tick < (options.latencyTicks ?? 2); tick++) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (signal.aborted) {
          throw signal.reason;
        }
      }
      if (overloaded) {
        throw Object.assign(new Error('HTTP 503 Service Unavailable'), { status: 503 });
      }
      if (plan.sloId.startsWith('recorded-rules')) {
        recordedRequests.push(plan);
        const results = answerRecorded(plan, rules, options);
        if (plan.sloId !== 'recorded-rules-detection') {
          recordedSamples += results.reduce((sum, result) => sum + result.series.length, 0);
        }
        return { results } satisfies ExecutedRequest;
      }
      requests.push(plan);
      const spec = specs.get(plan.sloId);
      if (!spec) {
        throw new Error(`no synthetic data for ${plan.sloId}`);
      }
      const world = new World(spec, options.clock(), lag, retiredAt);
      const results = plan.queries.map((query): QueryResult => {
        if (query.instant) {
          return { refId: query.refId, series: world.windows(query) };
        }
        const series = world.range(query);
        points += series.reduce((sum, one) => sum + one.times.length, 0);
        return { refId: query.refId, series };
      });
      return { results } satisfies ExecutedRequest;
    } finally {
      inFlight--;
    }
  };
  return {
    executor,
    requests,
    recordedRequests,
    recordedSamples: () => recordedSamples,
    points: () => points,
    peakInFlight: () => peak,
  };
}

/**
 * The recording rules' answers, from the PromQL the detection and reads send: `sloth_slo_info`, the
 * records counted per `sloth_id` and window, and the records of the `sloth_id`s and windows a read's
 * selector names (`{__name__=~"slo:sli_error:ratio_rate(?:5m|…)",sloth_id=~"a|b"}`).
 */
function answerRecorded(plan: QueryPlan, rules: readonly SloSpec[], options: SyntheticOptions): QueryResult[] {
  return plan.queries.map((query): QueryResult => {
    const detection = query.refId === INFO_REF_ID || query.refId === RECORDS_REF_ID;
    const error = detection ? options.rulesError?.detection : options.rulesError?.reads;
    if (error !== undefined) {
      return { refId: query.refId, series: [], error };
    }
    const at = (labels: Record<string, string>, value: number): SampleSeries => ({
      labels,
      times: [plan.now],
      values: [value],
    });
    if (query.refId === INFO_REF_ID) {
      return { refId: query.refId, series: rules.map((spec) => at(infoLabels(spec), 1)) };
    }
    if (query.refId === RECORDS_REF_ID) {
      const series = rules.flatMap((spec) =>
        uniqueWindows(spec).map((window) => at({ [SLOTH_ID_LABEL]: spec.id, [RECORD_WINDOW_LABEL]: window.window }, 1))
      );
      return { refId: query.refId, series };
    }
    const ids = /sloth_id=~"((?:[^"\\]|\\.)*)"/.exec(query.expr)?.[1].split('|').map(unescapeRegex) ?? [];
    const windows = new Set(/ratio_rate\(\?:([^)]*)\)/.exec(query.expr)?.[1].split('|') ?? []);
    const series: SampleSeries[] = [];
    for (const spec of rules.filter((candidate) => ids.includes(candidate.id))) {
      const world = new World(spec, options.clock(), options.lagSeconds ?? 180, Number.POSITIVE_INFINITY);
      for (const window of uniqueWindows(spec).filter((candidate) => windows.has(candidate.window))) {
        const ratio = world.value('errorRatio', {}, plan.now, window.seconds, false);
        if (ratio !== null) {
          series.push(at({ [SLOTH_ID_LABEL]: spec.id, [RECORD_WINDOW_LABEL]: window.window }, ratio));
        }
      }
    }
    return { refId: query.refId, series };
  });
}

function infoLabels(spec: SloSpec): Record<string, string> {
  const info = sloRuleGroups(spec)
    .flatMap((group) => group.rules)
    .find((rule) => 'record' in rule && rule.record === 'sloth_slo_info');
  return { ...(info && 'labels' in info ? info.labels : {}) };
}

/** A record per window: a period equal to an alert window is one record. */
function uniqueWindows(spec: SloSpec) {
  const seen = new Set<string>();
  return recordedWindows(spec).filter((window) => !seen.has(window.window) && seen.add(window.window));
}

/** A `sloth_id` of a read's regex: PromQL string escapes, then regex escapes. */
function unescapeRegex(value: string): string {
  return value.replace(/\\(.)/g, '$1').replace(/\\(.)/g, '$1');
}

class World {
  private readonly seed: number;
  /** Differs between two SLIs that share their total query, so that an edited SLO's bad events differ too. */
  private readonly variant: number;

  constructor(
    private readonly spec: SloSpec,
    private readonly readAt: number,
    private readonly lag: number,
    private readonly retiredAt: number
  ) {
    // Like PromQL, values depend on the queries, not on the SLO: two SLOs over one SLI read the same events.
    this.seed = hash(totalText(spec.sli));
    this.variant = 1 + (hash(JSON.stringify(spec.sli)) % 5);
  }

  groups(): Array<Record<string, string>> {
    return this.spec.id.includes('grouped') ? [{ route: '/a' }, { route: '/a-retired' }, { route: '/b' }] : [{}];
  }

  /** Events of one part in one minute (ending at `minuteEnd`), as ingested at `readAt`. */
  count(part: string, group: Record<string, string>, minuteEnd: number): number | null {
    if (minuteEnd > this.readAt || (group.route === '/a-retired' && minuteEnd > this.retiredAt)) {
      return null;
    }
    const minute = minuteEnd / MINUTE;
    const g = groupHash(group) % 7;
    const quiet = Math.floor(minute / 97) % 13 === 5;
    const total = quiet ? 0 : 60 + 40 * Math.sin(minute / 37 + this.seed + g);
    const incident = Math.sin(minute / 211 + this.seed) > 0.93 ? 0.2 : 0.0005 * (1 + (g % 3)) * this.variant;
    const late = minuteEnd > this.readAt - this.lag ? 0.5 : 1;
    switch (part) {
      case 'total':
      case 'latencyTotal':
        return total * late;
      case 'bad':
        return total * incident * late;
      case 'good':
      case 'latencyGood':
        return total * (1 - incident) * late;
      default:
        throw new Error(`unknown part ${part}`);
    }
  }

  /** The part's value over (end − seconds, end]: a count, a per-second rate, a ratio or an availability. */
  value(role: BucketRole, group: Record<string, string>, end: number, seconds: number, perSecond: boolean) {
    const sum = (part: string) => {
      let total: number | null = null;
      for (let minuteEnd = Math.floor(end / MINUTE) * MINUTE; minuteEnd > end - seconds; minuteEnd -= MINUTE) {
        const count = this.count(part, group, minuteEnd);
        if (count !== null) {
          total = (total ?? 0) + count;
        }
      }
      return total;
    };
    const scale = perSecond ? 1 / seconds : 1;
    switch (role) {
      case 'errorRatio': {
        const bad = sum('bad');
        const total = sum('total');
        return bad === null || total === null ? null : bad / total;
      }
      case 'availability': {
        const total = sum('total');
        return total === null ? null : total > 0 ? 1 : 0;
      }
      default: {
        const count = sum(role);
        return count === null ? null : count * scale;
      }
    }
  }

  range(query: PlannedQuery): SampleSeries[] {
    const latency = query.role === 'latency';
    const series: SampleSeries[] = [];
    for (const group of this.groups()) {
      for (const le of latency ? ['0.3', '+Inf'] : [null]) {
        const role = (latency ? (le === '+Inf' ? 'latencyTotal' : 'latencyGood') : query.role) as BucketRole;
        const times: number[] = [];
        const values: number[] = [];
        for (let time = query.start; time <= query.end; time += query.step) {
          const value = this.value(role, group, time, query.step, query.perSecond);
          if (value !== null) {
            times.push(time);
            values.push(value);
          }
        }
        if (times.length > 0) {
          series.push({ labels: le === null ? group : { ...group, le }, times, values });
        }
      }
    }
    return series;
  }

  windows(query: PlannedQuery): SampleSeries[] {
    const perSecond = new Set(query.perSecondRoles ?? []);
    const series: SampleSeries[] = [];
    for (const seconds of query.windows ?? []) {
      for (const part of sliBucketQueries(this.spec.sli as SliSpec, seconds)) {
        for (const group of this.groups()) {
          const les = part.role === 'latency' ? ['0.3', '+Inf'] : [null];
          for (const le of les) {
            const role = (
              part.role === 'latency' ? (le === '+Inf' ? 'latencyTotal' : 'latencyGood') : part.role
            ) as BucketRole;
            const value = this.value(role, group, query.end, seconds, perSecond.has(part.role));
            if (value !== null) {
              const labels = { ...group, ...(le === null ? {} : { le }) };
              series.push({
                labels: { ...labels, [WINDOW_LABEL]: String(seconds), [PART_LABEL]: part.role },
                times: [query.end],
                values: [value],
              });
            }
          }
        }
      }
    }
    return series;
  }
}

const groupHashes = new Map<string, number>();

function groupHash(group: Record<string, string>): number {
  const key = JSON.stringify(group);
  let value = groupHashes.get(key);
  if (value === undefined) {
    value = hash(key);
    groupHashes.set(key, value);
  }
  return value;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  }
  return (h >>> 0) % 1000;
}

/** The query that counts all events (or the SLI itself where there is none). */
function totalText(sli: SliSpec): string {
  if ('events' in sli) {
    return sli.events.totalQuery;
  }
  if ('ratio' in sli) {
    return sli.ratio.totalQuery;
  }
  return JSON.stringify(sli);
}
