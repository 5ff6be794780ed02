import {
  type DataQueryRequest,
  type DataSourceApi,
  type DataSourceInstanceSettings,
  LoadingState,
  type PanelData,
  PanelPlugin,
} from '@grafana/data';
import { setDataSourceSrv, setPluginImportUtils, setRunRequest } from '@grafana/runtime';
import { of } from 'rxjs';
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

/**
 * Test support at the Grafana runtime boundary only: a Prometheus data source that answers each
 * query of a page with the demo Prometheus's recorded answer, as frames shaped like Grafana's own.
 * A query the recording does not hold fails the test, so a planner change cannot go unnoticed.
 */
export function installRecordedPrometheus(fixture: SceneFixture): { requests: DataQueryRequest[] } {
  const requests: DataQueryRequest[] = [];
  const settings = {
    uid: TEST_DATASOURCE_UID,
    name: 'Demo Prometheus',
    type: 'prometheus',
    meta: { id: 'prometheus', name: 'Prometheus', info: { logos: {} } },
    jsonData: {},
    access: 'proxy',
  } as unknown as DataSourceInstanceSettings;
  const datasource = {
    uid: TEST_DATASOURCE_UID,
    type: 'prometheus',
    name: settings.name,
    meta: settings.meta,
    getRef: () => ({ uid: TEST_DATASOURCE_UID, type: 'prometheus' }),
  } as unknown as DataSourceApi;
  setDataSourceSrv({
    get: async () => datasource,
    getInstanceSettings: () => settings,
    getList: () => [settings],
    reload: async () => {},
    registerRuntimeDataSource: () => {},
  } as never);
  setRunRequest((_, request) => {
    requests.push(request);
    return of(answer(fixture, request));
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

function answer(fixture: SceneFixture, request: DataQueryRequest): PanelData {
  const series = [];
  const errors = [];
  for (const target of request.targets as Array<{ refId: string; expr: string; interval?: string }>) {
    const ids = splitSloRefId(target.refId);
    const recorded = fixture.queries.find((query) => ids && query.sloId === ids.sloId && query.refId === ids.refId);
    if (!recorded || recorded.expr !== target.expr) {
      throw new Error(
        `fixture ${fixture.name} holds no answer to ${target.refId}: ${target.expr}; re-run scripts/fixtures/record-scene-fixtures.ts`
      );
    }
    if (recorded.response.status === 'error') {
      errors.push({ refId: target.refId, message: `${recorded.response.errorType}: ${recorded.response.error}` });
    } else {
      series.push(...grafanaFramesFor(target.refId, recorded.response, 300, target.expr));
    }
  }
  return {
    state: errors.length > 0 ? LoadingState.Error : LoadingState.Done,
    series,
    errors,
    timeRange: request.range,
    request,
  };
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
