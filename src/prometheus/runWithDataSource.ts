import {
  type DataFrame,
  type DataQueryError,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceApi,
  dateTime,
} from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';
import { type Observable, from, isObservable, lastValueFrom, toArray } from 'rxjs';
import { expectedResultTypes, resultsFromDataFrames } from './dataFrameAdapter';
import { type PrometheusDataQuery, planMaxDataPoints, planTimeRange, toPrometheusDataQuery } from './grafanaQueries';
import type { QueryPlan } from './plan';
import { promDuration } from './promql';
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
}

/**
 * Runs every query of a plan through a Grafana data source in one request: the plan's one time
 * range, enough `maxDataPoints` for every bucket and the plan's step as each query's minimum interval,
 * so that Grafana asks Prometheus for exactly the planned buckets. Failures never throw: an unknown
 * data source or a failed request gives every query an error result, and a data source's per-query
 * errors stay with their queries.
 */
export async function runPlanWithDataSource(
  plan: QueryPlan,
  options: RunWithDataSourceOptions
): Promise<QueryResult[]> {
  const refIds = plan.queries.map((query) => query.refId);
  const failAll = (message: string) => refIds.map((refId): QueryResult => ({ refId, series: [], error: message }));
  if (refIds.length === 0) {
    return [];
  }
  let datasource: DataSourceApi;
  try {
    const lookup = options.getDataSource ?? ((nameOrUid: string) => getDataSourceSrv().get(nameOrUid));
    datasource = await lookup(options.datasource);
  } catch (error) {
    return failAll(`data source ${options.datasource} not found: ${messageOf(error)}`);
  }
  const request = planRequest(plan, datasource, options);
  try {
    const responses = await collect(datasource.query(request));
    const frames: DataFrame[] = responses.flatMap((response) => response.data as DataFrame[]);
    const errors: DataQueryError[] = responses.flatMap((response) => [
      ...(response.errors ?? []),
      ...(response.error && !response.errors?.length ? [response.error] : []),
    ]);
    return resultsFromDataFrames(frames, refIds, errors, expectedResultTypes(plan));
  } catch (error) {
    return failAll(messageOf(error));
  }
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

/** Every response a data source emits (streaming ones emit more than one). */
async function collect(
  result: Promise<DataQueryResponse> | Observable<DataQueryResponse>
): Promise<DataQueryResponse[]> {
  const observable = isObservable(result) ? result : from(result);
  return lastValueFrom(observable.pipe(toArray()), { defaultValue: [] });
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
