/**
 * Grafana's index.html puts `window.grafanaBootData` on the page before any of its JavaScript runs:
 * @grafana/runtime reads it once, when its `config` module is evaluated (theme, user, settings,
 * data sources). This module is the entry's first import, so it runs before any Grafana package.
 *
 * The theme comes from `?theme=dark|light`, as Grafana's own `?theme=` URL parameter does.
 */
import { HOST_DATASOURCE, HOST_SCRAPE_INTERVAL, HOST_TIMING_OUT_DATASOURCE } from './constants';

export type HostThemeMode = 'dark' | 'light';

export function themeFromLocation(search: string): HostThemeMode {
  return new URLSearchParams(search).get('theme') === 'light' ? 'light' : 'dark';
}

const theme = themeFromLocation(window.location.search);

const prometheusMeta = {
  id: 'prometheus',
  name: 'Prometheus',
  type: 'datasource',
  metrics: true,
  info: { logos: { small: '', large: '' } },
};

/** As provisioning/datasources/prometheus.yaml provisions the demo's: POST, a scrape every 60 s. */
const prometheusJsonData = { httpMethod: 'POST', prometheusType: 'Prometheus', timeInterval: HOST_SCRAPE_INTERVAL };

const datasourceSettings = {
  id: 1,
  uid: HOST_DATASOURCE.uid,
  name: HOST_DATASOURCE.name,
  type: HOST_DATASOURCE.type,
  access: 'proxy',
  url: '/prometheus',
  isDefault: true,
  jsonData: prometheusJsonData,
  readOnly: true,
  meta: prometheusMeta,
};

const timingOutSettings = {
  ...datasourceSettings,
  id: 2,
  uid: HOST_TIMING_OUT_DATASOURCE.uid,
  name: HOST_TIMING_OUT_DATASOURCE.name,
  isDefault: false,
  jsonData: { ...prometheusJsonData, hostFailure: 'gateway-timeout' },
};

(window as unknown as { grafanaBootData: unknown }).grafanaBootData = {
  assets: { dark: '', light: '' },
  navTree: [],
  settings: {
    appUrl: `${window.location.origin}/`,
    appSubUrl: '',
    buildInfo: { version: '13.1.1', commit: 'sloburn-browser-test-host', env: 'production', edition: 'Open Source' },
    datasources: { [HOST_DATASOURCE.name]: datasourceSettings, [HOST_TIMING_OUT_DATASOURCE.name]: timingOutSettings },
    defaultDatasource: HOST_DATASOURCE.name,
    featureToggles: {},
    panels: {},
    apps: {},
    // No Grafana Live, analytics, or anything else that would call a Grafana server.
    liveEnabled: false,
    analytics: { enabled: false },
    grafanaJavascriptAgent: { enabled: false },
    unifiedAlertingEnabled: false,
    exploreEnabled: true,
  },
  user: {
    id: 1,
    uid: 'sloburn-test-viewer',
    login: 'viewer',
    name: 'Browser test',
    email: '',
    isSignedIn: true,
    isGrafanaAdmin: false,
    orgId: 1,
    orgName: 'Main Org.',
    orgRole: 'Viewer',
    orgCount: 1,
    theme,
    timezone: 'utc',
    weekStart: 'monday',
    locale: 'en-US',
    language: 'en-US',
    regionalFormat: 'en-US',
    permissions: {},
  },
};
