import type { DataSourceRef } from '@grafana/schema';
import { getDataSourceSrv } from '@grafana/runtime';

/**
 * A reference to an SLO's data source with its real plugin type — `prometheus`, or a managed
 * Prometheus such as `grafana-amazonprometheus-datasource` — from Grafana's data source service, so
 * that queries, the query inspector and Explore links name the right plugin. The uid alone when the
 * service does not know it: the query runner then reports the unknown uid.
 */
export function datasourceRef(uid: string): DataSourceRef {
  const settings = getDataSourceSrv().getInstanceSettings(uid);
  return settings ? { uid, type: settings.type } : { uid };
}
