import type { SloSpec } from '../../domain';
import type { QueryPlan } from '../plan';
import type { SloReading } from '../readSlo';
import type { QueryResult } from '../series';

/** One SLO of a fleet and where it is read from. */
export interface FleetSlo {
  spec: SloSpec;
  /**
   * The data source: a Grafana data source uid in the app, a Prometheus URL in Node. One scheduler and one
   * part of the bucket cache per value.
   */
  datasource: string;
}

/** The instant a fleet is evaluated as of, and the visible range (Unix seconds), as `planQueries` takes them. */
export interface FleetRange {
  from: number;
  to: number;
}

/** One data-source request: the queries of `plan` (one SLO), sent together. */
export interface ExecutorRequest {
  plan: QueryPlan;
  datasource: string;
  /** Fires when the answer is no longer wanted: the executor cancels the request in flight. */
  signal: AbortSignal;
}

export interface ExecutedRequest {
  /** One per query of the plan, in its order; a failed query carries `error`. */
  results: QueryResult[];
  /** Samples Prometheus read for it (`stats=all`), when the executor can tell. */
  samples?: number;
  /**
   * Set when the request failed as a whole (an unknown data source, a proxy's 504, a cancelled request):
   * its message, which every query's result then carries too. The SLO is then in error.
   */
  failure?: string;
}

/**
 * Runs one request. It resolves with per-query results (errors included) and rejects only when the data
 * source is overloaded (an error `isOverload` recognises, so that the scheduler backs off and retries) or
 * when `signal` fired.
 */
export type PlanExecutor = (request: ExecutorRequest) => Promise<ExecutedRequest>;

/** What a reader may do while it reads one SLO. */
export interface ReadContext {
  slo: FleetSlo;
  range: FleetRange;
  /**
   * Sends one request of this SLO through its data source's scheduler, at the SLO's current priority.
   * Rejects when the load is aborted, or when the data source stayed overloaded beyond the scheduler's
   * retries (the message says so).
   */
  send(plan: QueryPlan): Promise<ExecutedRequest>;
  /** Wall clock, Unix seconds (injected in tests). */
  clock(): number;
  signal: AbortSignal;
}

/**
 * Reads one SLO as of `range.to`. The raw reader (`rawReader`: plan → Prometheus → buckets → engine, with
 * the bucket cache) is the default and the source of truth; another reader, e.g. one that reads SLO Burn's
 * or Sloth's recording rules, plugs in through `FleetLoaderOptions.readers`. A reader resolves with an
 * `SloReading` (an error reading when the SLO cannot be evaluated) and rejects only when aborted.
 */
export interface SloReader {
  /**
   * Says where the numbers come from, e.g. `raw` or `rules` (shown to users, counted in stats), unless the
   * reading itself says otherwise (`SloReading.source`: a rules reader that fell back to raw data).
   */
  readonly source: string;
  read(context: ReadContext): Promise<SloReading>;
}

/**
 * What one load offers a reader that works for many SLOs at once (e.g. detecting recording rules with one
 * query per data source, reading them for many SLOs per query): the load's SLOs and range, and requests
 * shared by several SLOs, sent through the data source's scheduler like every other request.
 */
export interface FleetLoadScope {
  slos: readonly FleetSlo[];
  range: FleetRange;
  /**
   * Sends one request on behalf of several SLOs through `datasource`'s scheduler at `priority` (lower is
   * sooner). Rejects when the load is aborted, or when the data source stayed overloaded beyond the
   * scheduler's retries. Its requests and samples count in the load's summary.
   */
  send(datasource: string, plan: QueryPlan, priority: number): Promise<ExecutedRequest>;
  /** Fires when the load is aborted. */
  signal: AbortSignal;
}

/** Which reader reads an SLO, given the raw reader. */
export type ReaderSelector = (slo: FleetSlo, raw: SloReader) => SloReader;

/** One SLO's outcome. */
export interface FleetReading {
  slo: FleetSlo;
  reading: SloReading;
  /** The reader's `source`. */
  source: string;
  /** Requests sent and samples read for this SLO (samples: when the executor counts them). */
  requests: number;
  samples: number;
}
