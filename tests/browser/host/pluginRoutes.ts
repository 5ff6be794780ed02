/** Grafana's plugin pages, `/plugins/<plugin id>?page=<config page id>`: where the host shows app config pages. */
export const PLUGINS_ROUTE = '/plugins';
