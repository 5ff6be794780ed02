import { parse } from 'yaml';
import demoSlosYaml from '../../../demo/slos.yaml';
import type { AppJsonData } from '../../../src/settings/appSettings';
import { HOST_DATASOURCE } from './constants';

/**
 * The app's settings as Grafana hands them to the app (`meta.jsonData`) and serves them to panels
 * (`/api/plugins/sloburn-slo-app/settings`): the demo SLOs exactly as provisioning writes them (raw
 * objects, validated by the app on every read) and the demo Prometheus as the default data source.
 */
export function appJsonData(): AppJsonData {
  const document = parse(demoSlosYaml) as { slos: unknown[] };
  return { slos: document.slos, defaultDatasourceUid: HOST_DATASOURCE.uid };
}
