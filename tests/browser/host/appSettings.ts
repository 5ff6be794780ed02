import { parse } from 'yaml';
import demoSlosYaml from '../../../demo/slos.yaml';
import { baseFleet, generateFleet } from '../../../scripts/bench/fleet';
import type { SloSpec } from '../../../src/domain';
import type { AppJsonData } from '../../../src/settings/appSettings';
import { APP_DATASOURCE_PARAM, APP_FLEET_PARAM, HOST_DATASOURCE } from './constants';

/**
 * The app's settings as Grafana hands them to the app (`meta.jsonData`) and serves them to panels
 * (`/api/plugins/sloburn-slo-app/settings`): the demo SLOs exactly as provisioning writes them (raw
 * objects, validated by the app on every read) and the demo Prometheus as the default data source,
 * unless the page's URL names another (`?hostAppDatasource=<uid>`). `?hostFleet=<n>` serves a generated
 * fleet of n SLOs over the demo data instead (`fleetOf`).
 */
export function appJsonData(search: string = window.location.search): AppJsonData {
  const params = new URLSearchParams(search);
  const chosen = params.get(APP_DATASOURCE_PARAM);
  const fleet = params.get(APP_FLEET_PARAM);
  const slos = fleet ? fleetOf(Number(fleet)) : (parse(demoSlosYaml) as { slos: unknown[] }).slos;
  return { slos, defaultDatasourceUid: chosen || HOST_DATASOURCE.uid };
}

/**
 * n SLOs over the demo data: scripts/bench/fleet.ts (the benchmarks' fleet: its base SLOs under its
 * profiles, 363 at most), then, beyond that, the same SLOs again under looser objectives (10% more
 * budget per round): more SLOs over the same SLIs, as teams define them for several audiences.
 */
export function fleetOf(count: number): SloSpec[] {
  const bases = baseFleet().length;
  let largest = bases;
  while (largest + bases <= count) {
    try {
      generateFleet(largest + bases);
      largest += bases;
    } catch {
      break;
    }
  }
  const fleet = generateFleet(Math.min(count, largest));
  const specs: SloSpec[] = [];
  for (let index = 0; index < count; index++) {
    const spec = fleet[index % fleet.length];
    const round = Math.floor(index / fleet.length);
    specs.push(
      round === 0
        ? spec
        : {
            ...spec,
            id: `${spec.id}-looser-${round}`,
            name: `${spec.name}, ${round * 10}% more budget`,
            objective: Number((100 - (100 - spec.objective) * (1 + round / 10)).toFixed(4)),
          }
    );
  }
  return specs;
}
