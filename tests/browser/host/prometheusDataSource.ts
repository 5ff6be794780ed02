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
} from '@grafana/data';
import { toDataQueryError } from '@grafana/runtime';
import {
  type Observable,
  catchError,
  defer,
  finalize,
  from,
  isObservable,
  map,
  merge,
  of,
  share,
  takeUntil,
  timer,
} from 'rxjs';
import { GrafanaBackendModel, httpFailure } from '../../../src/panels/shared/testing/grafanaBackend';
import { PrometheusHttpClient } from '../../../src/prometheus/httpClient';
import type { PromApiResponse } from '../../../src/prometheus/promApiAdapter';
import { grafanaFramesFor } from '../../../src/prometheus/testing/grafanaFrames';
import { PROMETHEUS_PROXY_PATH } from './constants';
import {
  DEFAULT_SCRAPE_INTERVAL,
  alignToStep,
  interpolateVariables,
  isVariableInterval,
  parseGrafanaInterval,
  promlibStep,
} from './promlib';

/**
 * The host's Prometheus data source: what Grafana's Prometheus data source does between a query
 * runner's request and the frames it gets back, done in the page against the real demo Prometheus
 * (behind the host server's proxy):
 *
 * - the request goes through a model of Grafana's backend service (`GrafanaBackendModel`): a new
 *   request cancels an in-flight one with the same `requestId`, and a request that fails as a whole
 *   (cancelled, or an HTTP failure such as a proxy's 504) answers `toDataQueryResponse(err)`, an error
 *   without refId, as DataSourceWithBackend does;
 * - each target's step, its `$__interval`, `$__rate_interval`, `$__range*` and the data source's scrape
 *   interval (`jsonData.timeInterval`) as Grafana's backend computes them (`./promlib`, from
 *   pkg/promlib); range queries from start to end rounded down to the step, instant queries at the
 *   request's exact end;
 * - answers turned into frames as Grafana's converter shapes them (`grafanaFramesFor`), a Prometheus
 *   error into that query's error (with its refId), the other queries' frames kept.
 */

interface PrometheusTarget extends DataQuery {
  expr?: string;
  instant?: boolean;
  range?: boolean;
  interval?: string;
  intervalFactor?: number;
}

/** How a host data source fails every request, to show what users see when Grafana cannot answer. */
export type HostDataSourceFailure = 'gateway-timeout';

/** The Prometheus data source's `jsonData` fields the host reads. */
interface HostPrometheusJsonData {
  /** The scrape interval ("Scrape interval" in the data source settings); Grafana's default is 15s. */
  timeInterval?: string;
  /** Test-only: every request fails this way. */
  hostFailure?: HostDataSourceFailure;
}

/** Grafana's backend service is one per page: every data source's requests share its cancellation. */
export const HOST_BACKEND = new GrafanaBackendModel();

/** Grafana's server defaults for a query without them (pkg/services/query: parseMetricRequest). */
const SERVER_DEFAULT_MAX_DATA_POINTS = 100;
const SERVER_DEFAULT_INTERVAL_MS = 1000;

export interface ExecutedPrometheusQuery {
  refId: string;
  expr: string;
  instant: boolean;
  /** Unix seconds; an instant query's `start` and `end` are its evaluation time. */
  start: number;
  end: number;
  step: number;
  /** The target's own `interval` (Grafana's min step), in seconds; null without one. */
  minStep: number | null;
}

/** The step, in milliseconds, Grafana's backend gives one Prometheus target of a request. */
export function targetStepMs(target: PrometheusTarget, request: DataQueryRequest, scrapeInterval: string): number {
  return promlibStep(
    {
      interval: target.interval,
      intervalFactor: target.intervalFactor,
      intervalMs: request.intervalMs ?? SERVER_DEFAULT_INTERVAL_MS,
      maxDataPoints: request.maxDataPoints ?? SERVER_DEFAULT_MAX_DATA_POINTS,
      from: request.range.from.valueOf(),
      to: request.range.to.valueOf(),
    },
    scrapeInterval
  );
}

export interface HostPrometheusOptions {
  /** The host server's proxy in the page (the default); a Prometheus URL when used from Node. */
  prometheusUrl?: string;
  /** Default: the page's one backend service. */
  backend?: GrafanaBackendModel;
  /** Default: the browser's. */
  fetch?: typeof fetch;
}

export class HostPrometheusDataSource {
  readonly uid: string;
  readonly type: string;
  readonly name: string;
  readonly id: number;
  /** What Grafana's Prometheus data source sets: the scrape interval, a query runner's lower interval limit. */
  readonly interval: string;
  readonly meta = {
    id: 'prometheus',
    name: 'Prometheus',
    type: 'datasource',
    info: { logos: { small: '', large: '' } },
  };
  /** Every Prometheus query the page sent, for the specs to inspect (`window.__sloburnHost.queries`). */
  readonly executed: ExecutedPrometheusQuery[] = [];
  private readonly client: PrometheusHttpClient;
  private readonly jsonData: HostPrometheusJsonData;

  private readonly backend: GrafanaBackendModel;

  constructor(
    readonly instanceSettings: DataSourceInstanceSettings,
    options: HostPrometheusOptions = {}
  ) {
    this.backend = options.backend ?? HOST_BACKEND;
    this.uid = instanceSettings.uid;
    this.type = instanceSettings.type;
    this.name = instanceSettings.name;
    this.id = instanceSettings.id ?? 0;
    this.jsonData = (instanceSettings.jsonData ?? {}) as HostPrometheusJsonData;
    // packages/grafana-prometheus/src/datasource.ts: `jsonData.timeInterval || '15s'`.
    this.interval = this.jsonData.timeInterval || DEFAULT_SCRAPE_INTERVAL;
    this.client = new PrometheusHttpClient({
      url: options.prometheusUrl ?? PROMETHEUS_PROXY_PATH,
      fetch: options.fetch,
    });
  }

  getRef() {
    return { uid: this.uid, type: this.type };
  }

  query(request: DataQueryRequest<PrometheusTarget>): Observable<DataQueryResponse> {
    return this.backend.query(request.requestId, () => defer(() => from(this.answer(request))));
  }

  async testDatasource() {
    return { status: 'success', message: 'Demo Prometheus behind the test host' };
  }

  private async answer(request: DataQueryRequest<PrometheusTarget>): Promise<DataQueryResponse> {
    if (this.jsonData.hostFailure === 'gateway-timeout') {
      // A proxy in front of Grafana gives up on /api/ds/query: Envoy's answer to a timed-out upstream.
      throw httpFailure(504, 'Gateway Timeout', 'upstream request timeout');
    }
    const targets = request.targets.filter((target) => !target.hide && target.expr);
    const answers = await Promise.all(
      targets.flatMap((target) => {
        // promlib: neither instant nor range (older dashboards) runs as a range query.
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
    const stepMs = targetStepMs(target, request, this.interval);
    const step = stepMs / 1000;
    const from = request.range.from.valueOf();
    const to = request.range.to.valueOf();
    const expr = interpolateVariables(target.expr ?? '', {
      queryInterval: request.intervalMs ?? SERVER_DEFAULT_INTERVAL_MS,
      step: stepMs,
      requestedMinStep: target.interval ?? '',
      dsScrapeInterval: this.interval,
      range: to - from,
    });
    // Range queries: start and end down to the step (AlignTimeRange); instant: the exact end (QueryInstant).
    const start = kind === 'instant' ? to / 1000 : alignToStep(from, stepMs) / 1000;
    const end = kind === 'instant' ? to / 1000 : alignToStep(to, stepMs) / 1000;
    const minStep =
      target.interval && !isVariableInterval(target.interval) ? parseGrafanaInterval(target.interval) / 1000 : null;
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
 * Grafana's runRequest (public/app/features/query/state/runRequest.ts), reduced to what a query runner
 * sees: Done at once without targets; Loading if the answer takes longer than 200 ms; then each
 * response packet as `processResponsePacket` makes it — `error` and `errors` exactly as the data source
 * gave them (a request-level failure has `error` only), Error state when there is either; a thrown
 * error becomes `error: toDataQueryError(err)`. Unsubscribing cancels the request by its id
 * (`cancelNetworkRequestsOnUnsubscribe`).
 */
export function hostRunRequest(
  datasource: DataSourceApi,
  request: DataQueryRequest,
  backend: GrafanaBackendModel = HOST_BACKEND
): Observable<PanelData> {
  const loadingData: PanelData = { state: LoadingState.Loading, series: [], timeRange: request.range, request };
  if (request.targets.length === 0) {
    return of({ ...loadingData, state: LoadingState.Done });
  }
  const answered = defer(() => {
    const result = datasource.query(request);
    return isObservable(result) ? result : from(result);
  }).pipe(
    map((response): PanelData => {
      const failed = Boolean(response.error || response.errors?.length);
      return {
        state: failed ? LoadingState.Error : (response.state ?? LoadingState.Done),
        series: response.data as DataFrame[],
        error: response.error,
        errors: response.errors,
        timeRange: request.range,
        request,
      };
    }),
    catchError((error: unknown) =>
      of<PanelData>({ ...loadingData, state: LoadingState.Error, error: toDataQueryError(error as never) })
    ),
    finalize(() => backend.cancel(request.requestId)),
    share()
  );
  const loading = timer(200).pipe(
    map(() => loadingData),
    takeUntil(answered)
  );
  return merge(loading, answered);
}
