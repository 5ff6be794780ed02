/**
 * The host's data source and runRequest behave as Grafana's do where SLO Burn depends on it: a repeated
 * requestId cancels the request in flight, a request that fails as a whole reaches the query runner as
 * an error without refId, steps and `$__rate_interval` follow promlib with the data source's scrape
 * interval, and instant queries run at the request's exact end. Prometheus is a stub `fetch` here.
 */
import {
  type DataQueryRequest,
  type DataSourceApi,
  type DataSourceInstanceSettings,
  LoadingState,
  type PanelData,
  dateTime,
} from '@grafana/data';
import { lastValueFrom, toArray } from 'rxjs';
import { GrafanaBackendModel } from '../../../src/panels/shared/testing/grafanaBackend';
import { HostPrometheusDataSource, hostRunRequest } from './prometheusDataSource';

const END = Date.UTC(2026, 10, 1, 12, 0, 7, 250);

function settings(jsonData: Record<string, unknown> = { timeInterval: '60s' }): DataSourceInstanceSettings {
  return {
    id: 1,
    uid: 'prom',
    name: 'Prom',
    type: 'prometheus',
    jsonData,
    meta: { id: 'prometheus' },
  } as unknown as DataSourceInstanceSettings;
}

/** The part of a fetch Response the Prometheus client reads (jsdom has no Response). */
function answer(body: unknown) {
  return { text: async () => JSON.stringify(body) };
}

/** Prometheus answering one sample per query after `delayMs`, recording what it was asked. */
function stubPrometheus(delayMs = 0) {
  const asked: Array<Record<string, string>> = [];
  const fetchStub = jest.fn(async (url: string, init: { body: URLSearchParams }) => {
    const parameters = Object.fromEntries(init.body.entries());
    asked.push({ endpoint: url.split('/').pop()!, ...parameters });
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    const instant = url.endsWith('/query');
    const data = instant
      ? { resultType: 'vector', result: [{ metric: {}, value: [Number(parameters.time), '1'] }] }
      : { resultType: 'matrix', result: [{ metric: {}, values: [[Number(parameters.end), '1']] }] };
    return answer({ status: 'success', data });
  });
  return { asked, fetch: fetchStub as unknown as typeof fetch };
}

function request(overrides: Partial<DataQueryRequest> = {}): DataQueryRequest {
  const range = { from: dateTime(END - 6 * 3600_000), to: dateTime(END) };
  return {
    requestId: 'Q1',
    interval: '1m',
    intervalMs: 60_000,
    maxDataPoints: 1000,
    range: { ...range, raw: range },
    scopedVars: {},
    targets: [{ refId: 'A', expr: 'sum(rate(x[$__rate_interval]))', range: true, instant: false }],
    timezone: 'utc',
    app: 'test',
    startTime: 0,
    ...overrides,
  } as DataQueryRequest;
}

async function panelData(datasource: HostPrometheusDataSource, req: DataQueryRequest, backend: GrafanaBackendModel) {
  const emitted = await lastValueFrom(
    hostRunRequest(datasource as unknown as DataSourceApi, req, backend).pipe(toArray())
  );
  return emitted[emitted.length - 1] as PanelData;
}

describe("the host's Prometheus data source and runRequest", () => {
  it('cancels an in-flight request when another starts with the same requestId, as Grafana does', async () => {
    const backend = new GrafanaBackendModel();
    const datasource = new HostPrometheusDataSource(settings(), { fetch: stubPrometheus(30).fetch, backend });
    const [first, second] = await Promise.all([
      panelData(datasource, request({ requestId: 'same' }), backend),
      panelData(datasource, request({ requestId: 'same' }), backend),
    ]);
    expect(first.state).toBe(LoadingState.Error);
    expect(first.error).toMatchObject({ cancelled: true, status: -1 });
    expect(first.error?.refId).toBeUndefined();
    expect(first.errors).toBeUndefined();
    expect(second.state).toBe(LoadingState.Done);
    expect(second.series).toHaveLength(1);

    const [one, other] = await Promise.all([
      panelData(datasource, request({ requestId: 'one' }), backend),
      panelData(datasource, request({ requestId: 'other' }), backend),
    ]);
    expect([one.state, other.state]).toEqual([LoadingState.Done, LoadingState.Done]);
  });

  it('answers a request that fails as a whole with an error that names no query', async () => {
    const backend = new GrafanaBackendModel();
    const datasource = new HostPrometheusDataSource(settings({ hostFailure: 'gateway-timeout' }), {
      fetch: stubPrometheus().fetch,
      backend,
    });
    const data = await panelData(datasource, request(), backend);
    expect(data.state).toBe(LoadingState.Error);
    expect(data.error).toMatchObject({
      status: 504,
      statusText: 'Gateway Timeout',
      message: 'upstream request timeout',
    });
    expect(data.error?.refId).toBeUndefined();
    expect(data.errors).toBeUndefined();
  });

  it('keeps a query error of Prometheus with its query', async () => {
    const backend = new GrafanaBackendModel();
    const failing = jest.fn(async () => answer({ status: 'error', errorType: 'bad_data', error: 'parse error' }));
    const datasource = new HostPrometheusDataSource(settings(), { fetch: failing as unknown as typeof fetch, backend });
    const data = await panelData(datasource, request(), backend);
    expect(data.errors).toEqual([{ refId: 'A', message: 'bad_data: parse error' }]);
  });

  it('steps, aligns and interpolates as promlib does, with the data source scrape interval', async () => {
    const prometheus = stubPrometheus();
    const backend = new GrafanaBackendModel();
    const datasource = new HostPrometheusDataSource(settings(), { fetch: prometheus.fetch, backend });
    expect(datasource.interval).toBe('60s');
    await panelData(
      datasource,
      request({
        targets: [
          { refId: 'A', expr: 'sum(rate(x[$__rate_interval]))', range: true, instant: false },
          { refId: 'B', expr: 'sum(increase(x[$__interval]))', range: true, instant: false, interval: '5m' },
          { refId: 'C', expr: 'sum(rate(x[1h]))', range: false, instant: true },
        ] as unknown as DataQueryRequest['targets'],
      }),
      backend
    );
    const byQuery = (expr: string) => prometheus.asked.find((asked) => asked.query === expr);
    // 6 h at 1000 points is 21.6 s a point: the request's 60 s interval is the step. $__rate_interval
    // is max(60 s + 60 s scrape, 4 × 60 s) = 4m0s.
    const rangeA = byQuery('sum(rate(x[4m0s]))');
    expect(rangeA).toMatchObject({ endpoint: 'query_range', step: '60' });
    expect(Number(rangeA?.end)).toBe(Math.floor(END / 60_000) * 60);
    // A min step of 5m: the step, and `$__interval`.
    expect(byQuery('sum(increase(x[5m]))')).toMatchObject({ endpoint: 'query_range', step: '300' });
    // Instant queries run at the exact end of the range, milliseconds included.
    expect(byQuery('sum(rate(x[1h]))')).toMatchObject({ endpoint: 'query', time: String(END / 1000) });
  });

  it('is done at once without targets', async () => {
    const backend = new GrafanaBackendModel();
    const datasource = new HostPrometheusDataSource(settings(), { fetch: stubPrometheus().fetch, backend });
    const data = await panelData(datasource, request({ targets: [] }), backend);
    expect(data.state).toBe(LoadingState.Done);
  });
});
