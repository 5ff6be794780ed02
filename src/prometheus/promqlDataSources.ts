/**
 * The Grafana data source plugin types that answer PromQL over Prometheus's HTTP API: Grafana's own
 * Prometheus data source (also used for Mimir, Cortex, Thanos and other Prometheus-compatible
 * back ends) and the Amazon and Azure managed Prometheus plugins. The list is the one Grafana's own
 * alerting uses for Prometheus-flavoured data sources (grafana/grafana
 * public/app/features/alerting/unified/utils/datasource.ts,
 * `SUPPORTED_EXTERNAL_PROMETHEUS_FLAVORED_RULE_SOURCE_TYPES`, passed to its DataSourcePicker as
 * `filter`); Grafana has no data source capability flag for "speaks PromQL".
 */
export const PROMQL_DATASOURCE_TYPES: readonly string[] = [
  'prometheus',
  'grafana-amazonprometheus-datasource',
  'grafana-azureprometheus-datasource',
];

/** Whether a data source (its instance settings) can run SLO Burn's PromQL. */
export function speaksPromQL(datasource: { type: string }): boolean {
  return PROMQL_DATASOURCE_TYPES.includes(datasource.type);
}
