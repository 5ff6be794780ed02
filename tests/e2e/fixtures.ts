import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

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

/** Provisioned dashboards with one panel per state (provisioning/dashboards/e2e). */
export const BURNDOWN_STATES = 'dashboards/e2e/burndown-states.json';
export const BURNRATE_STATES = 'dashboards/e2e/burnrate-states.json';

/** Panels compute in the browser after their queries: give them time on a cold CI runner. */
export const PANEL_TIMEOUT = 30_000;
