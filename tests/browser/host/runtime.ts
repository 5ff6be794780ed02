import { type DataSourceApi, type DataSourceInstanceSettings, EventBusSrv, type PanelPlugin } from '@grafana/data';
import {
  type BackendSrv,
  FakeEchoSrv,
  config,
  locationService,
  setAppEvents,
  setBackendSrv,
  setDataSourceSrv,
  setEchoSrv,
  setPluginImportUtils,
  setRunRequest,
} from '@grafana/runtime';
import { setPluginPage } from 'sloburn-host:grafana-runtime-plugin-page';
import { plugin as burndownPanel } from '../../../src/panels/burndown/module';
import { plugin as burnratePanel } from '../../../src/panels/burnrate/module';
import burndownPluginJson from '../../../src/panels/burndown/plugin.json';
import burnratePluginJson from '../../../src/panels/burnrate/plugin.json';
import { PLUGIN_ID } from '../../../src/settings/appSettings';
import { HostPluginPage } from './HostPluginPage';
import { builtInPanelPlaceholder } from './builtInPanel';
import { HOST_DATASOURCE } from './constants';
import { appJsonData } from './appSettings';
import { HostPrometheusDataSource, hostRunRequest } from './prometheusDataSource';
import { installStubOptionEditors } from '../../../src/panels/shared/testing/stubOptionEditors';
import { installStandardFieldConfigs } from './standardFieldConfig';

/**
 * What Grafana's frontend sets up at start-up before it renders an app page or a dashboard, reduced
 * to what SLO Burn's pages and panels use. Each piece says why it is here.
 */
export function installGrafanaRuntime(): HostPrometheusDataSource {
  // Data: the Prometheus data sources of the boot data (the demo Prometheus behind the host server's
  // proxy, and one whose requests all time out), found by uid or name as Grafana's DataSourceSrv
  // finds them, and Grafana's runRequest in front of them. An unknown one is rejected with the
  // message Grafana's DataSourceSrv gives (public/app/features/plugins/datasource_srv.ts).
  const all = (Object.values(config.datasources) as DataSourceInstanceSettings[]).map(
    (settings) => new HostPrometheusDataSource(settings)
  );
  const datasource = all.find((candidate) => candidate.uid === HOST_DATASOURCE.uid)!;
  const find = (ref: unknown) => {
    if (ref === null || ref === undefined || ref === '' || ref === 'default') {
      return datasource;
    }
    const key = typeof ref === 'string' ? ref : (ref as { uid?: string }).uid;
    return all.find((candidate) => candidate.uid === key || candidate.name === key);
  };
  setDataSourceSrv({
    get: async (ref?: unknown) => {
      const found = find(ref);
      if (!found) {
        const key = typeof ref === 'string' ? ref : (ref as { uid?: string }).uid;
        throw { message: `Datasource ${key} was not found` };
      }
      return found as unknown as DataSourceApi;
    },
    getInstanceSettings: (ref?: unknown) => find(ref)?.instanceSettings,
    getList: () => all.map((candidate) => candidate.instanceSettings),
    reload: async () => {},
    registerRuntimeDataSource: () => {},
  } as never);
  setRunRequest((datasourceApi, request) => hostRunRequest(datasourceApi, request));

  // Panels: ours are the real plugins from src/panels (as Grafana loads them from the plugin's
  // module.js); Grafana's built-in panels cannot load outside Grafana and get a placeholder.
  const ownPanels = new Map<string, PanelPlugin>([
    [burndownPluginJson.id, withMeta(burndownPanel, burndownPluginJson)],
    [burnratePluginJson.id, withMeta(burnratePanel, burnratePluginJson)],
  ]);
  const placeholders = new Map<string, PanelPlugin>();
  const panelPlugin = (id: string) => {
    const own = ownPanels.get(id);
    if (own) {
      return own;
    }
    if (!placeholders.has(id)) {
      placeholders.set(id, builtInPanelPlaceholder(id));
    }
    return placeholders.get(id)!;
  };
  setPluginImportUtils({
    importPanelPlugin: async (id: string) => panelPlugin(id),
    getPanelPluginFromCache: (id: string) => panelPlugin(id),
  });

  // Panel option builders look up Grafana's standard option editors (number, radio, time zone, …) by
  // id. Grafana registers its editor components at start-up; nothing here edits options, so each id
  // gets an editor that renders nothing.
  installStubOptionEditors();
  // Value mappings reach the fields of Grafana's built-in panels (their placeholders) as they do in Grafana.
  installStandardFieldConfigs();

  // Backend: the panels read the app's settings (`jsonData`: the SLOs) from Grafana's plugin
  // settings API when their events come from an SLO of the app. Any other call is a test failure.
  setBackendSrv(hostBackendSrv());

  // Page chrome (breadcrumbs, title, tabs) for the app's SceneAppPages; app events and the echo
  // service (analytics), which scenes and @grafana/ui reach for during interactions.
  setPluginPage(HostPluginPage);
  setAppEvents(new EventBusSrv());
  setEchoSrv(new FakeEchoSrv());

  interceptLinkClicks();
  return datasource;
}

function withMeta(plugin: PanelPlugin, json: { id: string; name: string; info?: unknown }): PanelPlugin {
  plugin.meta = {
    ...json,
    type: 'panel',
    module: `public/plugins/${PLUGIN_ID}/panels/${json.id}/module.js`,
    baseUrl: `public/plugins/${PLUGIN_ID}`,
    info: { logos: { small: '', large: '' }, ...(json.info as object) },
  } as unknown as PanelPlugin['meta'];
  return plugin;
}

function hostBackendSrv(): BackendSrv {
  const settingsUrl = `/api/plugins/${PLUGIN_ID}/settings`;
  const unexpected = (url: string) =>
    Promise.reject({ status: 404, statusText: 'Not Found', data: { message: `the test host does not serve ${url}` } });
  return {
    get: async (url: string) => {
      if (url === settingsUrl) {
        return { id: PLUGIN_ID, enabled: true, pinned: true, jsonData: appJsonData() };
      }
      return unexpected(url);
    },
    post: (url: string) => unexpected(url),
    put: (url: string) => unexpected(url),
    patch: (url: string) => unexpected(url),
    delete: (url: string) => unexpected(url),
    request: (options: { url: string }) => unexpected(options.url),
    datasourceRequest: (options: { url: string }) => unexpected(options.url),
  } as unknown as BackendSrv;
}

/**
 * Grafana turns every click on a same-origin link into a client-side navigation (locationService),
 * so links in app pages never reload Grafana. The host does the same.
 */
function interceptLinkClicks() {
  document.addEventListener('click', (event) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    const anchor = (event.target as HTMLElement | null)?.closest?.('a');
    const href = anchor?.getAttribute('href');
    if (!anchor || !href || anchor.target === '_blank' || anchor.hasAttribute('download')) {
      return;
    }
    const url = new URL(href, window.location.href);
    if (url.origin !== window.location.origin) {
      return;
    }
    event.preventDefault();
    locationService.push(`${url.pathname}${url.search}${url.hash}`);
  });
}
