import { parse } from 'yaml';
import demoSlosYaml from '../../../demo/slos.yaml';
import type { AppJsonData } from '../../../src/settings/appSettings';
import { APP_DATASOURCE_PARAM, HOST_DATASOURCE } from './constants';

/**
 * The app's settings as Grafana hands them to the app (`meta.jsonData`) and serves them to panels
 * (`/api/plugins/sloburn-slo-app/settings`): the demo SLOs exactly as provisioning writes them (raw
 * objects, validated by the app on every read) and the demo Prometheus as the default data source,
 * unless the page's URL names another (`?hostAppDatasource=<uid>`).
 */
export function appJsonData(search: string = window.location.search): AppJsonData {
  const document = parse(demoSlosYaml) as { slos: unknown[] };
  const chosen = new URLSearchParams(search).get(APP_DATASOURCE_PARAM);
  return { slos: document.slos, defaultDatasourceUid: chosen || HOST_DATASOURCE.uid };
}
