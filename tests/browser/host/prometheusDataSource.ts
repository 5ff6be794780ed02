import {
  type DataFrame,
  type DataQuery,
  type DataQueryError,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceApi,
  type DataSourceInstanceSettings,
  LoadingState,
  type PanelData,
  rangeUtil,
} from '@grafana/data';
import { type Observable, defer, from, isObservable, map, merge, share, takeUntil, timer } from 'rxjs';
import { PrometheusHttpClient } from '../../../src/prometheus/httpClient';
import type { PromApiResponse } from '../../../src/prometheus/promApiAdapter';
import { grafanaFramesFor } from '../../../src/prometheus/testing/grafanaFrames';
import { HOST_DATASOURCE, PROMETHEUS_PROXY_PATH } from './constants';

/**
 * The host's Prometheus data source: what Grafana's Prometheus data source does between a query
 * runner's request and the frames it gets back, done in the page against the real demo Prometheus
 * (behind the host server's proxy):
 *
 * - the step of each target as Grafana's backend computes it (pkg/promlib): the target's `interval`
 *   or else the request's `intervalMs` is the minimum; the range over `maxDataPoints`, rounded to a
 *   "nice" interval, is used when longer; never more points than Grafana's safe resolution of 11000;
 * - `$__interval`, `$__interval_ms`, `$__range*` and `$__rate_interval` interpolated with that step;
 * - start and end rounded down to a multiple of the step (UTC), instant queries at the end;
 * - answers turned into frames as Grafana's converter shapes them (`grafanaFramesFor`), a Prometheus
 *   error into that query's error, the other queries' frames kept.
 *
 * Grafana 12's backend takes the larger of a target's own `interval` and the computed one; the newest
 * one lets a fixed `interval` win outright. The SLO plans ask for enough points that both agree.
 */

interface PrometheusTarget extends DataQuery {
  expr?: string;
  instant?: boolean;
  range?: boolean;
  interval?: string;
  intervalFactor?: number;
}

/** Grafana's backend limit on points per series: a longer range widens the step. */
const SAFE_RESOLUTION = 11000;
/** Grafana's default when a Prometheus data source has no scrape interval configured. */
const DEFAULT_SCRAPE_INTERVAL_MS = 15_000;
/** Grafana's backend resolution when a request has no maxDataPoints. */
const DEFAULT_RESOLUTION = 1500;

export interface ExecutedPrometheusQuery {
  refId: string;
  expr: string;
  instant: boolean;
  /** Unix seconds. */
  start: number;
  end: number;
  step: number;
  /** The target's own `interval` (Grafana's min step), in seconds; null without one. */
  minStep: number | null;
}

function isVariableInterval(interval: string): boolean {
  return /^\$\{?__(interval|interval_ms|rate_interval|rate_interval_ms)\}?$/.test(interval);
}

/** The step, in milliseconds, Grafana's backend gives one Prometheus target of a request. */
export function targetStepMs(target: PrometheusTarget, request: DataQueryRequest): number {
  const rangeMs = request.range.to.valueOf() - request.range.from.valueOf();
  const ownInterval = target.interval && !isVariableInterval(target.interval) ? target.interval : '';
  const minimum = ownInterval
    ? rangeUtil.intervalToMs(ownInterval)
    : request.intervalMs > 0
      ? request.intervalMs
      : DEFAULT_SCRAPE_INTERVAL_MS;
  const perPoint = Math.floor(rangeMs / (request.maxDataPoints || DEFAULT_RESOLUTION));
  const calculated = perPoint < minimum ? minimum : rangeUtil.roundInterval(perPoint);
  const safe = rangeUtil.roundInterval(Math.floor(rangeMs / SAFE_RESOLUTION));
  return Math.max(calculated, safe) * Math.max(1, target.intervalFactor ?? 1);
}

/** Grafana's built-in interval and range variables, with the backend's values. */
export function interpolateBuiltIns(expr: string, stepMs: number, request: DataQueryRequest): string {
  const rangeMs = request.range.to.valueOf() - request.range.from.valueOf();
  const rangeSeconds = Math.round(rangeMs / 1000);
  const rateIntervalMs = Math.max(
    (request.intervalMs || stepMs) + DEFAULT_SCRAPE_INTERVAL_MS,
    4 * DEFAULT_SCRAPE_INTERVAL_MS
  );
  const values: Array<[string, string]> = [
    ['__rate_interval_ms', String(rateIntervalMs)],
    ['__rate_interval', rangeUtil.secondsToHms(rateIntervalMs / 1000)],
    ['__interval_ms', String(stepMs)],
    ['__interval', rangeUtil.secondsToHms(stepMs / 1000)],
    ['__range_ms', String(rangeMs)],
    ['__range_s', String(rangeSeconds)],
    ['__range', `${rangeSeconds}s`],
  ];
  let result = expr;
  for (const [name, value] of values) {
    result = result.split(`\${${name}}`).join(value).split(`$${name}`).join(value);
  }
  return result;
}

export class HostPrometheusDataSource {
  readonly uid = HOST_DATASOURCE.uid;
  readonly type = HOST_DATASOURCE.type;
  readonly name = HOST_DATASOURCE.name;
  readonly id = 1;
  readonly interval = undefined;
  readonly meta = {
    id: 'prometheus',
    name: 'Prometheus',
    type: 'datasource',
    info: { logos: { small: '', large: '' } },
  };
  /** Every Prometheus query the page sent, for the specs to inspect (`window.__sloburnHost.queries`). */
  readonly executed: ExecutedPrometheusQuery[] = [];
  private readonly client: PrometheusHttpClient;

  /** `prometheusUrl`: the host server's proxy in the page; a Prometheus URL when used from Node. */
  constructor(
    readonly instanceSettings: DataSourceInstanceSettings,
    prometheusUrl: string = PROMETHEUS_PROXY_PATH
  ) {
    this.client = new PrometheusHttpClient({ url: prometheusUrl });
  }

  getRef() {
    return { uid: this.uid, type: this.type };
  }

  query(request: DataQueryRequest<PrometheusTarget>): Observable<DataQueryResponse> {
    return defer(() => from(this.answer(request)));
  }

  async testDatasource() {
    return { status: 'success', message: 'Demo Prometheus behind the test host' };
  }

  private async answer(request: DataQueryRequest<PrometheusTarget>): Promise<DataQueryResponse> {
    const targets = request.targets.filter((target) => !target.hide && target.expr);
    const answers = await Promise.all(
      targets.flatMap((target) => {
        const kinds = [target.instant ? 'instant' : null, target.range || !target.instant ? 'range' : null];
        return kinds
          .filter((kind): kind is 'instant' | 'range' => kind !== null)
          .map((kind) => this.run(target, kind, request));
      })
    );
    const data: DataFrame[] = answers.flatMap((answer) => answer.frames);
    const errors: DataQueryError[] = answers.flatMap((answer) => (answer.error ? [answer.error] : []));
    return { data, errors: errors.length > 0 ? errors : undefined, key: request.requestId };
  }

  private async run(
    target: PrometheusTarget,
    kind: 'instant' | 'range',
    request: DataQueryRequest<PrometheusTarget>
  ): Promise<{ frames: DataFrame[]; error?: DataQueryError }> {
    const stepMs = targetStepMs(target, request);
    const step = stepMs / 1000;
    const expr = interpolateBuiltIns(target.expr ?? '', stepMs, request);
    const start = Math.floor(request.range.from.valueOf() / stepMs) * step;
    // promlib aligns a range query to its step but runs an instant query at the range's exact end
    // (pkg/promlib/client/client.go, QueryInstant).
    const end =
      kind === 'instant' ? request.range.to.valueOf() / 1000 : Math.floor(request.range.to.valueOf() / stepMs) * step;
    const minStep =
      target.interval && !isVariableInterval(target.interval) ? rangeUtil.intervalToMs(target.interval) / 1000 : null;
    this.executed.push({ refId: target.refId, expr, instant: kind === 'instant', start, end, step, minStep });
    let response: PromApiResponse;
    try {
      const answer =
        kind === 'instant'
          ? await this.client.instant(expr, end)
          : await this.client.rangeQuery(expr, start, end, step);
      response = answer.response;
    } catch (error) {
      return {
        frames: [],
        error: { refId: target.refId, message: error instanceof Error ? error.message : String(error) },
      };
    }
    if (response.status !== 'success') {
      return { frames: [], error: { refId: target.refId, message: `${response.errorType}: ${response.error}` } };
    }
    return { frames: grafanaFramesFor(target.refId, response, step, expr) };
  }
}

/**
 * Grafana's runRequest, reduced to what a query runner sees: Loading if the answer takes longer than
 * 200 ms, then the frames with Done, or Error when any query failed (with the others' frames).
 */
export function hostRunRequest(datasource: DataSourceApi, request: DataQueryRequest): Observable<PanelData> {
  const answered = defer(() => {
    const result = datasource.query(request);
    return isObservable(result) ? result : from(result);
  }).pipe(
    map((response): PanelData => {
      const errors = response.errors ?? (response.error ? [response.error] : []);
      return {
        state: errors.length > 0 ? LoadingState.Error : LoadingState.Done,
        series: response.data as DataFrame[],
        errors: errors.length > 0 ? errors : undefined,
        timeRange: request.range,
        request,
      };
    }),
    share()
  );
  const loading = timer(200).pipe(
    map((): PanelData => ({ state: LoadingState.Loading, series: [], timeRange: request.range, request })),
    takeUntil(answered)
  );
  return merge(loading, answered);
}
