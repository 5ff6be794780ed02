/**
 * Grafana's index.html puts `window.grafanaBootData` on the page before any of its JavaScript runs:
 * @grafana/runtime reads it once, when its `config` module is evaluated (theme, user, settings,
 * data sources). This module is the entry's first import, so it runs before any Grafana package.
 *
 * The theme comes from `?theme=dark|light`, as Grafana's own `?theme=` URL parameter does.
 */
import { HOST_DATASOURCE } from './constants';

export type HostThemeMode = 'dark' | 'light';

export function themeFromLocation(search: string): HostThemeMode {
  return new URLSearchParams(search).get('theme') === 'light' ? 'light' : 'dark';
}

const theme = themeFromLocation(window.location.search);

const datasourceSettings = {
  id: 1,
  uid: HOST_DATASOURCE.uid,
  name: HOST_DATASOURCE.name,
  type: HOST_DATASOURCE.type,
  access: 'proxy',
  url: '/prometheus',
  isDefault: true,
  jsonData: {},
  readOnly: true,
  meta: { id: 'prometheus', name: 'Prometheus', type: 'datasource', info: { logos: { small: '', large: '' } } },
};

(window as unknown as { grafanaBootData: unknown }).grafanaBootData = {
  assets: { dark: '', light: '' },
  navTree: [],
  settings: {
    appUrl: `${window.location.origin}/`,
    appSubUrl: '',
    buildInfo: { version: '13.1.1', commit: 'sloburn-browser-test-host', env: 'production', edition: 'Open Source' },
    datasources: { [HOST_DATASOURCE.name]: datasourceSettings },
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
