/** What the page, the server and the specs agree on. */

/** The one data source of the host: the demo Prometheus, behind the host server's `/prometheus` proxy. */
export const HOST_DATASOURCE = { uid: 'sloburn-prometheus', type: 'prometheus', name: 'Demo Prometheus' } as const;

/**
 * A second Prometheus data source whose every request fails as a whole, as behind a proxy that times
 * out (HTTP 504): what users see when Grafana cannot answer at all.
 */
export const HOST_TIMING_OUT_DATASOURCE = {
  uid: 'sloburn-prometheus-behind-timeout',
  type: 'prometheus',
  name: 'Prometheus behind a timing-out proxy',
} as const;

/** The scrape interval of both, as provisioning/datasources/prometheus.yaml sets it (`timeInterval`). */
export const HOST_SCRAPE_INTERVAL = '60s';

/**
 * URL parameter of the host's pages: the app's default data source (`jsonData.defaultDatasourceUid`)
 * for this page load, e.g. the timing-out one, or a uid no data source has.
 */
export const APP_DATASOURCE_PARAM = 'hostAppDatasource';

/**
 * URL parameter of the host's pages: serve a generated fleet of this many SLOs over the demo data
 * (scripts/bench/fleet.ts, its base SLOs under its profiles) instead of the demo SLOs, e.g. `?hostFleet=363`.
 */
export const APP_FLEET_PARAM = 'hostFleet';

/** Where the host server forwards Prometheus HTTP API calls (`/prometheus/api/v1/...`). */
export const PROMETHEUS_PROXY_PATH = '/prometheus';

/** Client routes: the app under Grafana's own app path, the panels on pages of their own. */
export const APP_ROUTE = '/a/sloburn-slo-app';
export const PANELS_ROUTE = '/panels';
