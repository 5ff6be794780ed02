import {
  type DataFrame,
  type DataQueryError,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceApi,
  dateTime,
} from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';
import { type Observable, from, isObservable } from 'rxjs';
import { dataQueryErrorMessage, expectedResultTypes, resultsFromDataFrames } from './dataFrameAdapter';
import { sharedSchedulerFor } from './fleet/sharedScheduler';
import { type PrometheusDataQuery, planMaxDataPoints, planTimeRange, toPrometheusDataQuery } from './grafanaQueries';
import type { QueryPlan } from './plan';
import { promDuration } from './promql';
import { type AdaptiveScheduler, isOverload } from './scheduler';
import type { QueryResult } from './series';

export interface RunWithDataSourceOptions {
  /** Name or uid of a Prometheus data source (anything `getDataSourceSrv().get` accepts). */
  datasource: string;
  /** Shown in Grafana's query inspector and request headers. */
  app?: string;
  /** Unique per request unless given: Grafana cancels an in-flight request when another reuses its id. */
  requestId?: string;
  /** Looks data sources up; defaults to Grafana's data source service. */
  getDataSource?: (nameOrUid: string) => Promise<DataSourceApi>;
  /** Place in the data source's queue: lower runs first (default 0). */
  priority?: number;
  /** Takes the request out of the queue, or cancels it in flight; its queries then fail with the reason. */
  signal?: AbortSignal;
  /** The data source's scheduler, by uid; default: the one every SLO Burn bundle of the page shares. */
  schedulerFor?: (uid: string) => AdaptiveScheduler;
}

/**
 * Runs every query of a plan through a Grafana data source in one request: the plan's one time
 * range, enough `maxDataPoints` for every bucket and the plan's step as each query's minimum interval,
 * so that Grafana asks Prometheus for exactly the planned buckets. The request waits its turn in the data
 * source's scheduler (bounded concurrency, backing off and retrying while the data source answers that it
 * is overloaded), so that a dashboard full of SLO panels never floods Prometheus. Failures never throw: an
 * unknown data source, a failed or cancelled request gives every query an error result, and a data
 * source's per-query errors stay with their queries.
 */
export async function runPlanWithDataSource(
  plan: QueryPlan,
  options: RunWithDataSourceOptions
): Promise<QueryResult[]> {
  if (plan.queries.length === 0) {
    return [];
  }
  let datasource: DataSourceApi;
  try {
    datasource = await lookUp(options.datasource, options.getDataSource);
  } catch (error) {
    return failAll(plan, `data source ${options.datasource} not found: ${messageOf(error)}`);
  }
  const scheduler = (options.schedulerFor ?? sharedSchedulerFor)(datasource.uid);
  const task = scheduler.schedule((signal) => queryDataSource(plan, datasource, { ...options, signal }), {
    priority: options.priority,
    signal: options.signal,
  });
  try {
    return (await task.promise).results;
  } catch (error) {
    return failAll(plan, messageOf(error));
  }
}

/** A data source by name or uid, from Grafana's data source service unless `getDataSource` is given. */
export function lookUp(
  nameOrUid: string,
  getDataSource?: (nameOrUid: string) => Promise<DataSourceApi>
): Promise<DataSourceApi> {
  return getDataSource ? getDataSource(nameOrUid) : getDataSourceSrv().get(nameOrUid);
}

/** Every query of the plan failed with `message`. */
export function failAll(plan: QueryPlan, message: string): QueryResult[] {
  return plan.queries.map((query): QueryResult => ({ refId: query.refId, series: [], error: message }));
}

/**
 * One request of a plan to a data source, not scheduled: per-query results (errors included), or a
 * rejection when the data source says it is overloaded (the request as a whole, or any query: HTTP 503 or
 * 429, Prometheus's query queue; see `isOverload`), so that a scheduler can back off and send it again,
 * or when `signal` fires: unsubscribing then makes Grafana's backend service cancel the HTTP request.
 */
export function queryDataSource(
  plan: QueryPlan,
  datasource: DataSourceApi,
  options: Pick<RunWithDataSourceOptions, 'app' | 'requestId' | 'signal'> = {}
): Promise<DataSourceAnswer> {
  const refIds = plan.queries.map((query) => query.refId);
  const request = planRequest(plan, datasource, options);
  return new Promise<DataSourceAnswer>((resolve, reject) => {
    const { signal } = options;
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const responses: DataQueryResponse[] = [];
    const finish = (outcome: () => void) => {
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const onFailure = (error: unknown) =>
      finish(() => {
        if (isOverload(error)) {
          reject(overloadError(error));
        } else {
          const message = messageOf(error);
          resolve({ results: failAll(plan, message), failure: message });
        }
      });
    let subscription: { unsubscribe(): void } | undefined;
    const onAbort = () => {
      subscription?.unsubscribe();
      finish(() => reject(signal?.reason));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    let result: Promise<DataQueryResponse> | Observable<DataQueryResponse>;
    try {
      result = datasource.query(request);
    } catch (error) {
      onFailure(error);
      return;
    }
    subscription = (isObservable(result) ? result : from(result)).subscribe({
      next: (response) => responses.push(response),
      error: onFailure,
      complete: () =>
        finish(() => {
          const frames: DataFrame[] = responses.flatMap((response) => response.data as DataFrame[]);
          const errors: DataQueryError[] = responses.flatMap((response) => [
            ...(response.errors ?? []),
            ...(response.error && !response.errors?.length ? [response.error] : []),
          ]);
          const overloaded = errors.find(isOverload);
          if (overloaded) {
            reject(overloadError(overloaded));
            return;
          }
          const results = resultsFromDataFrames(frames, refIds, errors, expectedResultTypes(plan));
          const requestError = errors.find((candidate) => !candidate.refId);
          resolve({ results, failure: requestError ? dataQueryErrorMessage(requestError) : null });
        }),
    });
  });
}

export interface DataSourceAnswer {
  /** One per query of the plan, in its order. */
  results: QueryResult[];
  /** The request failed as a whole (an error without refId, or the data source threw): its message. */
  failure: string | null;
}

/** An error the scheduler recognises as overload, with the data source's words. */
function overloadError(error: unknown): Error {
  const record = (typeof error === 'object' && error !== null ? error : {}) as { status?: unknown };
  const message =
    typeof error === 'object' && error !== null && !(error instanceof Error)
      ? dataQueryErrorMessage(error as DataQueryError)
      : messageOf(error);
  return Object.assign(new Error(message), { status: record.status });
}

/** The request a plan becomes: exported for tests and for the query inspector's sake. */
export function planRequest(
  plan: QueryPlan,
  datasource: Pick<DataSourceApi, 'uid' | 'type'>,
  options: Pick<RunWithDataSourceOptions, 'app' | 'requestId'> = {}
): DataQueryRequest<PrometheusDataQuery> {
  const { from, to } = planTimeRange(plan);
  const range = { from: dateTime(from * 1000), to: dateTime(to * 1000) };
  return {
    requestId: options.requestId ?? uniqueRequestId(plan.sloId),
    app: options.app ?? 'sloburn-slo-app',
    interval: promDuration(plan.step),
    intervalMs: plan.step * 1000,
    maxDataPoints: planMaxDataPoints(plan),
    range: { ...range, raw: { ...range } },
    rangeRaw: { ...range },
    scopedVars: {},
    targets: plan.queries.map((query) => ({
      ...toPrometheusDataQuery(query),
      datasource: { type: datasource.type, uid: datasource.uid },
    })),
    timezone: 'utc',
    startTime: Date.now(),
    hideFromInspector: false,
  };
}

let requestCount = 0;

/**
 * Grafana's backend service cancels an in-flight request as soon as another one starts with the same
 * requestId (grafana/grafana public/app/core/services/backend_srv.ts: `internalFetch` publishes the id,
 * `handleStreamCancellation` takes every earlier request with that id down), so two panels reading the
 * same SLO for the same range must not share one. Each panel plugin bundles its own copy of this
 * module, so a counter alone could repeat across panels: time and randomness keep the ids apart.
 */
function uniqueRequestId(sloId: string): string {
  requestCount += 1;
  const random = Math.floor(Math.random() * 36 ** 6).toString(36);
  return `sloburn-${sloId}-${Date.now().toString(36)}-${random}-${requestCount}`;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  if (typeof error === 'object' && error !== null) {
    const record = error as { message?: unknown; data?: { message?: unknown }; statusText?: unknown };
    const message = record.data?.message ?? record.message ?? record.statusText;
    if (typeof message === 'string' && message !== '') {
      return message;
    }
  }
  return String(error);
}
