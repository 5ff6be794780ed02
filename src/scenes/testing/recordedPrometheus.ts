import {
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceApi,
  type DataSourceInstanceSettings,
  LoadingState,
  type PanelData,
  PanelPlugin,
} from '@grafana/data';
import { type FetchError, setDataSourceSrv, setPluginImportUtils, setRunRequest } from '@grafana/runtime';
import { type Observable, from, map, of, throwError } from 'rxjs';
import { GrafanaBackendModel } from '../../panels/shared/testing/grafanaBackend';
import type { PromApiResponse } from '../../prometheus/promApiAdapter';
import { grafanaFramesFor } from '../../prometheus/testing/grafanaFrames';
import { splitSloRefId } from '../data/sloQueryGroups';

export interface SceneFixture {
  name: string;
  from: number;
  to: number;
  queries: Array<{ sloId: string; refId: string; expr: string; response: PromApiResponse }>;
}

export const TEST_DATASOURCE_UID = 'demo-prometheus';

export interface RecordedPrometheusOptions {
  /** Every request fails as a whole this way (e.g. `httpFailure(504, …)`), as behind a failing proxy. */
  failure?: FetchError;
  /** The data source's plugin type: `prometheus`, or a managed Prometheus such as Amazon's. */
  type?: string;
}

/**
 * Test support at the Grafana runtime boundary only: a Prometheus data source that answers each
 * query of a page with the demo Prometheus's recorded answer, as frames shaped like Grafana's own.
 * A query the recording does not hold fails the test, so a planner change cannot go unnoticed.
 * In front of it, what Grafana puts there: its backend service (requestId cancellation, a failed
 * request answered with an error that names no query) and runRequest (a response's `error` and
 * `errors` passed on as they are). Only its uid finds it, as Grafana's DataSourceSrv.
 */
export function installRecordedPrometheus(
  fixture: SceneFixture,
  options: RecordedPrometheusOptions = {}
): { requests: DataQueryRequest[] } {
  // Every request the data source gets: a query runner's (through runRequest) and the overview's own.
  const requests: DataQueryRequest[] = [];
  const type = options.type ?? 'prometheus';
  const settings = {
    uid: TEST_DATASOURCE_UID,
    name: 'Demo Prometheus',
    type,
    meta: { id: type, name: 'Prometheus', info: { logos: {} } },
    jsonData: {},
    access: 'proxy',
  } as unknown as DataSourceInstanceSettings;
  const backend = new GrafanaBackendModel();
  const datasource = {
    uid: TEST_DATASOURCE_UID,
    type,
    name: settings.name,
    meta: settings.meta,
    getRef: () => ({ uid: TEST_DATASOURCE_UID, type }),
    query: (request: DataQueryRequest) => {
      requests.push(request);
      // Outside the backend model, so that a query the recording lacks fails loudly, not as a response.
      const response = options.failure ? null : answer(fixture, request);
      return backend.query(request.requestId, () => (response ? of(response) : throwError(() => options.failure)));
    },
  } as unknown as DataSourceApi;
  const matches = (ref: unknown) =>
    (typeof ref === 'string' ? ref : (ref as { uid?: string })?.uid) === TEST_DATASOURCE_UID;
  setDataSourceSrv({
    get: async (ref: unknown) => {
      if (!matches(ref)) {
        throw { message: `Datasource ${typeof ref === 'string' ? ref : (ref as { uid?: string })?.uid} was not found` };
      }
      return datasource;
    },
    getInstanceSettings: (ref: unknown) => (matches(ref) ? settings : undefined),
    getList: () => [settings],
    reload: async () => {},
    registerRuntimeDataSource: () => {},
  } as never);
  setRunRequest((ds, request) => {
    return from(ds.query(request) as Observable<DataQueryResponse>).pipe(
      map((response): PanelData => ({
        state: response.error || response.errors?.length ? LoadingState.Error : LoadingState.Done,
        series: response.data,
        error: response.error,
        errors: response.errors,
        timeRange: request.range,
        request,
      }))
    );
  });
  installPanelPlugins();
  return { requests };
}

let panelPluginsInstalled = false;

/** Grafana allows this once per process, as it does at start-up. */
function installPanelPlugins() {
  if (!panelPluginsInstalled) {
    setPluginImportUtils({
      importPanelPlugin: async (id: string) => panelPlugin(id),
      getPanelPluginFromCache: (id: string) => panelPlugin(id),
    });
    panelPluginsInstalled = true;
  }
}

/** What the data source answers: the recorded frames, and each Prometheus error with its query's refId. */
function answer(fixture: SceneFixture, request: DataQueryRequest): DataQueryResponse {
  const data = [];
  const errors = [];
  for (const target of request.targets as Array<{ refId: string; expr: string; interval?: string }>) {
    // A query runner's refIds carry the SLO id (several SLOs share a request); a plan run on its own has its own.
    const ids = splitSloRefId(target.refId);
    const recorded = fixture.queries.find((query) =>
      ids ? query.sloId === ids.sloId && query.refId === ids.refId : query.refId === target.refId
    );
    if (!recorded || recorded.expr !== target.expr) {
      throw new Error(
        `fixture ${fixture.name} holds no answer to ${target.refId}: ${target.expr}; re-run scripts/fixtures/record-scene-fixtures.ts`
      );
    }
    if (recorded.response.status === 'error') {
      errors.push({ refId: target.refId, message: `${recorded.response.errorType}: ${recorded.response.error}` });
    } else {
      data.push(...grafanaFramesFor(target.refId, recorded.response, 300, target.expr));
    }
  }
  return errors.length > 0 ? { data, errors, error: errors[0] } : { data };
}

const plugins = new Map<string, PanelPlugin>();

/** Built-in panels are Grafana's business; the page tests only need them to exist. */
function panelPlugin(id: string): PanelPlugin {
  let plugin = plugins.get(id);
  if (!plugin) {
    plugin = new PanelPlugin(() => null);
    plugin.meta = { id, name: id, info: { logos: { small: '', large: '' } } } as PanelPlugin['meta'];
    plugins.set(id, plugin);
  }
  return plugin;
}

export function isoTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString();
}
