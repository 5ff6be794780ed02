/**
 * The panels the host shows on its panel pages (`/panels/<page>?from=<ms>&to=<ms>`), as a dashboard
 * would hold them: plugin id, options and Prometheus queries. The queries are those of the example
 * dashboard (dashboards/slo-example.json). Shared by the host (which renders them) and the specs
 * (which compute in Node what they must show), so both read the same definition.
 */

export interface HostPanelQuery {
  refId: string;
  expr: string;
}

export interface HostPanel {
  key: string;
  title: string;
  pluginId: 'sloburn-burndown-panel' | 'sloburn-burnrate-panel';
  options: Record<string, unknown>;
  queries: HostPanelQuery[];
  /** Query options, as on a dashboard panel. */
  minInterval?: string;
  maxDataPoints?: number;
  height: number;
}

export interface HostPanelPage {
  title: string;
  panels: HostPanel[];
}

/** Checkout's bad (5xx) and total requests per interval: what the example dashboard's panels query. */
export const CHECKOUT_EVENT_QUERIES: HostPanelQuery[] = [
  { refId: 'bad', expr: 'sum(increase(http_requests_total{service="checkout",code=~"5.."}[$__interval]))' },
  { refId: 'total', expr: 'sum(increase(http_requests_total{service="checkout"}[$__interval]))' },
];

export const CHECKOUT_WEEK_BURNDOWN: HostPanel = {
  key: 'checkout-week',
  title: 'Checkout availability burndown (99.9%, calendar week, UTC)',
  pluginId: 'sloburn-burndown-panel',
  options: {
    source: 'queries',
    values: 'counts',
    objective: 99.9,
    periodType: 'calendar',
    calendarPeriod: 'week',
    timezone: 'utc',
    budgetingMethod: 'occurrences',
    showSummary: true,
  },
  queries: CHECKOUT_EVENT_QUERIES,
  minInterval: '1h',
  maxDataPoints: 1000,
  height: 440,
};

/**
 * Panels whose events come from an SLO of the app read it themselves; like the bundled dashboards,
 * they carry one trivial query so that Grafana gives them a query runner, and with it the dashboard's
 * time range and refresh (without any query, Scenes hands a panel its default range instead).
 */
export const SLO_TIME_ANCHOR: HostPanelQuery[] = [{ refId: 'time', expr: 'vector(1)' }];

export const APISERVER_SLO_BURNDOWN: HostPanel = {
  key: 'apiserver-slo',
  title: 'API server read availability burndown (SLO of the app)',
  pluginId: 'sloburn-burndown-panel',
  options: { source: 'slo', sloId: 'apiserver-read-availability', showSummary: true },
  queries: SLO_TIME_ANCHOR,
  height: 400,
};

export const CHECKOUT_BURNRATE: HostPanel = {
  key: 'checkout-burnrate',
  title: 'Checkout availability: alert windows and burn rates now',
  pluginId: 'sloburn-burnrate-panel',
  options: { source: 'queries', values: 'counts', objective: 99.9, period: '30d' },
  queries: CHECKOUT_EVENT_QUERIES,
  minInterval: '5m',
  maxDataPoints: 1000,
  height: 380,
};

export const APISERVER_SLO_BURNRATE: HostPanel = {
  key: 'apiserver-slo-burnrate',
  title: 'API server read availability: alert windows (SLO of the app)',
  pluginId: 'sloburn-burnrate-panel',
  options: { source: 'slo', sloId: 'apiserver-read-availability' },
  queries: SLO_TIME_ANCHOR,
  height: 380,
};

export const PANEL_PAGES: Record<string, HostPanelPage> = {
  burndown: { title: 'Burndown panel', panels: [CHECKOUT_WEEK_BURNDOWN, APISERVER_SLO_BURNDOWN] },
  burnrate: { title: 'Burn-rate panel', panels: [CHECKOUT_BURNRATE, APISERVER_SLO_BURNRATE] },
};
