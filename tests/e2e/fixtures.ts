import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { parse } from 'yaml';
import { demoTimeline } from '../../scripts/demo/timeline';

/** The app's id, as src/plugin.json has it. */
export const PLUGIN_ID = 'sloburn-slo-app';

export interface DemoSlo {
  id: string;
  name: string;
}

/** The demo SLOs the stack provisions (provisioning/plugins/app.yaml is generated from this file). */
export const DEMO_SLOS: DemoSlo[] = parse(
  readFileSync(path.resolve(__dirname, '..', '..', 'demo', 'slos.yaml'), 'utf8')
).slos.map(({ id, name }: DemoSlo) => ({ id, name }));

/**
 * Provisioned dashboards with one panel per state (provisioning/dashboards/e2e), as plugin-e2e's
 * `readProvisionedDashboard` names them: relative to `<provisioningRootDir>/dashboards`
 * (grafana/plugin-tools packages/plugin-e2e/src/fixtures/commands/readProvisionedDashboard.ts).
 */
export const BURNDOWN_STATES = 'e2e/burndown-states.json';
export const BURNRATE_STATES = 'e2e/burnrate-states.json';

/** The demo Prometheus, as provisioning/datasources/prometheus.yaml names it. */
export const DEMO_DATASOURCE_UID = 'sloburn-prometheus';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;

/**
 * The time of the demo data's last sample. The Docker stack generates the data up to a day after
 * `docker compose up` (DEMO_END=now+1d, docker-compose.yaml), so where the incidents lie depends on
 * when that was: a Unix time in DEMO_END says it, else Prometheus (through Grafana's data source
 * proxy) does — the last sample of one demo series, found hour by hour, then minute by minute.
 */
export async function demoDataEnd(request: APIRequestContext): Promise<number> {
  const fixed = Number(process.env.DEMO_END);
  if (Number.isInteger(fixed) && fixed > 0) {
    return fixed;
  }
  const series = 'cluster_ready_state{member_cluster="member1"}';
  const lastSample = async (range: string, resolution: string, time: number): Promise<number> => {
    const response = await request.get(`/api/datasources/proxy/uid/${DEMO_DATASOURCE_UID}/api/v1/query`, {
      params: { query: `max_over_time(timestamp(${series})[${range}:${resolution}])`, time: String(time) },
    });
    const body = (await response.json()) as { data?: { result?: Array<{ value: [number, string] }> } };
    const value = body.data?.result?.[0]?.value[1];
    if (!response.ok() || value === undefined) {
      throw new Error(`the demo Prometheus has no ${series} up to ${new Date(time * 1000).toISOString()}`);
    }
    return Number(value);
  };
  // The data reaches at most a day ahead of now and was made within the last 90 days.
  const latest = Math.floor(Date.now() / 1000 / MINUTE) * MINUTE + 2 * DAY;
  const lastHour = await lastSample('90d', '1h', latest);
  return lastSample('2h', '1m', lastHour + HOUR + 5 * MINUTE);
}

/** Six hours up to one hour into the demo's Calico outage, when the API server read SLO pages. */
export function duringCalicoOutage(end: number): { from: number; to: number } {
  const outage = demoTimeline(end).incidents.calicoOutage;
  return { from: outage.start + HOUR - 6 * HOUR, to: outage.start + HOUR };
}

/** Panels compute in the browser after their queries: give them time on a cold CI runner. */
export const PANEL_TIMEOUT = 30_000;
