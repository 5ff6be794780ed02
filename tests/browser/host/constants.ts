/** What the page, the server and the specs agree on. */

/** The one data source of the host: the demo Prometheus, behind the host server's `/prometheus` proxy. */
export const HOST_DATASOURCE = { uid: 'sloburn-prometheus', type: 'prometheus', name: 'Demo Prometheus' } as const;

/** Where the host server forwards Prometheus HTTP API calls (`/prometheus/api/v1/...`). */
export const PROMETHEUS_PROXY_PATH = '/prometheus';

/** Client routes: the app under Grafana's own app path, the panels on pages of their own. */
export const APP_ROUTE = '/a/sloburn-slo-app';
export const PANELS_ROUTE = '/panels';
