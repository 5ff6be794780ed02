/**
 * The bundled and provisioned dashboards are JSON nobody compiles: this checks what Grafana and users
 * rely on. Every panel type exists, every query goes through the data-source variable (no hard-coded
 * uid), the panels' options are ones the panels read, and plugin.json lists every bundled dashboard.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_BURNDOWN_OPTIONS } from './burndown/types';
import { DEFAULT_BURNRATE_OPTIONS } from './burnrate/types';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (relative: string) => readFileSync(path.join(ROOT, relative), 'utf8');
const json = <T = Record<string, unknown>>(relative: string) => JSON.parse(read(relative)) as T;

interface Include {
  type: string;
  name: string;
  path: string;
  addToNav?: boolean;
  defaultNav?: boolean;
}
interface DataSourceRef {
  type?: string;
  uid?: string;
}
interface Panel {
  id?: number;
  type: string;
  title?: string;
  datasource?: DataSourceRef | string | null;
  targets?: Array<{
    refId: string;
    datasource?: DataSourceRef;
    expr?: string;
    legendFormat?: string;
    instant?: boolean;
    range?: boolean;
  }>;
  options?: Record<string, unknown>;
  gridPos?: { h: number; w: number; x: number; y: number };
  panels?: Panel[];
  repeat?: string;
}
interface Variable {
  name: string;
  type: string;
  query?: unknown;
  current?: { value?: unknown };
}
interface Dashboard {
  uid: string;
  title: string;
  schemaVersion: number;
  revision?: number;
  panels: Panel[];
  templating?: { list: Variable[] };
  __inputs?: unknown;
}

const pluginJson = json<{ id: string; includes: Include[] }>('src/plugin.json');
const BURNDOWN_ID = json<{ id: string }>('src/panels/burndown/plugin.json').id;
const BURNRATE_ID = json<{ id: string }>('src/panels/burnrate/plugin.json').id;
/** Grafana's own panels the dashboards may use. */
const BUILT_IN_PANELS = ['text', 'timeseries', 'stat', 'dashlist', 'alertlist', 'row', 'table', 'gauge', 'bargauge'];
const DATASOURCE_VARIABLE = /^\$\{?datasource\}?$/;
const DEMO_SLO_IDS: string[] = parse(read('demo/slos.yaml')).slos.map((slo: { id: string }) => slo.id);
const DEMO_DATASOURCE_UIDS: string[] = parse(read('provisioning/datasources/prometheus.yaml')).datasources.map(
  (datasource: { uid: string }) => datasource.uid
);

const bundled = readdirSync(path.join(ROOT, 'dashboards'))
  .filter((name) => name.endsWith('.json'))
  .map((name) => `dashboards/${name}`);
const provisioned = readdirSync(path.join(ROOT, 'provisioning/dashboards/e2e'))
  .filter((name) => name.endsWith('.json'))
  .map((name) => `provisioning/dashboards/e2e/${name}`);
const allDashboards = [...bundled, ...provisioned];

function panelsOf(dashboard: Dashboard): Panel[] {
  return dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]);
}

describe('plugin.json', () => {
  it('keeps the app pages exactly as the app routes them', () => {
    expect(pluginJson.includes.filter((include) => include.type === 'page')).toEqual([
      { type: 'page', name: 'SLOs', path: '/a/%PLUGIN_ID%/slos', addToNav: true, defaultNav: true },
      {
        type: 'page',
        name: 'Burn-rate calculator',
        path: '/a/%PLUGIN_ID%/calculator',
        addToNav: true,
        defaultNav: false,
      },
    ]);
  });

  it('lists both nested panels by the path of their plugin.json', () => {
    const panels = pluginJson.includes.filter((include) => include.type === 'panel');
    expect(panels.map((include) => include.path)).toEqual([
      'panels/burndown/plugin.json',
      'panels/burnrate/plugin.json',
    ]);
    for (const include of panels) {
      const nested = json<{ type: string; id: string; name: string; info: { logos: { small: string } } }>(
        `src/${include.path}`
      );
      expect(nested.type).toBe('panel');
      expect(nested.name).toBe(include.name);
      expect(read(`src/${path.dirname(include.path)}/${nested.info.logos.small}`)).toContain('<svg');
    }
    expect([BURNDOWN_ID, BURNRATE_ID]).toEqual(['sloburn-burndown-panel', 'sloburn-burnrate-panel']);
  });

  it('lists every bundled dashboard, and only those', () => {
    const listed = pluginJson.includes.filter((include) => include.type === 'dashboard').map((include) => include.path);
    expect([...listed].sort()).toEqual([...bundled].sort());
    expect(bundled).toEqual(
      expect.arrayContaining([
        'dashboards/slo-overview.json',
        'dashboards/slo-details.json',
        'dashboards/slo-example.json',
      ])
    );
  });
});

describe.each(allDashboards)('%s', (file) => {
  const dashboard = json<Dashboard>(file);
  const panels = panelsOf(dashboard);
  const variables = dashboard.templating?.list ?? [];

  it('has a unique uid, a title and a schema version, and no import inputs (Grafana imports it as is)', () => {
    const uids = allDashboards.map((other) => json<Dashboard>(other).uid);
    expect(uids.filter((uid) => uid === dashboard.uid)).toHaveLength(1);
    expect(dashboard.uid).toMatch(/^sloburn-[a-z0-9-]+$/);
    expect(dashboard.title).toMatch(/^SLO Burn/);
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(39);
    expect(dashboard.__inputs).toBeUndefined();
    if (file.startsWith('dashboards/')) {
      expect(dashboard.revision).toBeGreaterThanOrEqual(1);
    }
  });

  it('uses only panel types that exist: the two SLO Burn panels and Grafana built-ins', () => {
    for (const panel of panels) {
      expect([BURNDOWN_ID, BURNRATE_ID, ...BUILT_IN_PANELS]).toContain(panel.type);
    }
    expect(panels.some((panel) => panel.type === BURNDOWN_ID || panel.type === BURNRATE_ID)).toBe(true);
    expect(new Set(panels.map((panel) => panel.id)).size).toBe(panels.length);
    for (const panel of panels) {
      expect(panel.gridPos).toBeDefined();
      expect(panel.gridPos!.x + panel.gridPos!.w).toBeLessThanOrEqual(24);
    }
  });

  it('queries through the data-source variable, never a hard-coded data source uid', () => {
    const datasourceVariable = variables.find((variable) => variable.type === 'datasource');
    expect(datasourceVariable).toMatchObject({ name: 'datasource', query: 'prometheus' });
    expect(datasourceVariable?.current?.value ?? '').toBe('');
    for (const panel of panels) {
      const refs = [panel.datasource, ...(panel.targets ?? []).map((target) => target.datasource)].filter(Boolean);
      for (const ref of refs) {
        const uid = typeof ref === 'string' ? ref : ref?.uid;
        expect(uid).toMatch(DATASOURCE_VARIABLE);
      }
      if ((panel.targets ?? []).length > 0) {
        expect(panel.datasource).toMatchObject({ uid: expect.stringMatching(DATASOURCE_VARIABLE) });
      }
    }
    const text = read(file);
    for (const uid of DEMO_DATASOURCE_UIDS) {
      expect(text).not.toContain(uid);
    }
  });

  it('gives the SLO Burn panels options they read, with events or an SLO to work on', () => {
    for (const panel of panels.filter(
      (candidate) => candidate.type === BURNDOWN_ID || candidate.type === BURNRATE_ID
    )) {
      const known = Object.keys(panel.type === BURNDOWN_ID ? DEFAULT_BURNDOWN_OPTIONS : DEFAULT_BURNRATE_OPTIONS);
      const options = panel.options ?? {};
      expect(Object.keys(options).filter((key) => !known.includes(key))).toEqual([]);
      if (options.source === 'slo') {
        const sloId = String(options.sloId ?? '');
        expect(sloId).not.toBe('');
        if (!sloId.startsWith('$')) {
          expect(DEMO_SLO_IDS).toContain(sloId);
        } else {
          expect(variables.map((variable) => variable.name)).toContain(sloId.replace(/^\$\{?|(:\w+)?\}$/g, ''));
        }
        // The panel's data source option overrides the SLO's own (sloSource.ts): left empty, each SLO
        // is read from its datasourceUid, else the app's default, as on the app's pages.
        expect(options.datasource ?? '').toBe('');
      } else if ((panel.targets ?? []).length > 0) {
        const refIds = (panel.targets ?? []).map((target) => target.refId);
        const labelled = (panel.targets ?? []).some((target) => /"type",\s*"bad"/.test(target.expr ?? ''));
        expect(labelled || (refIds.includes('bad') && refIds.includes('total'))).toBe(true);
      }
    }
  });

  it('gives every SLO Burn panel a query, so that Grafana gives it a query runner and the time picker', () => {
    // Grafana builds no query runner for a panel without queries (dashboard-scene createPanelDataProvider),
    // and Scenes then hands the panel a time range fixed when the page loaded (emptyPanelData). A panel
    // on an SLO of the app carries one trivial query to get the dashboard's range and refresh.
    for (const panel of panels.filter(
      (candidate) => candidate.type === BURNDOWN_ID || candidate.type === BURNRATE_ID
    )) {
      if (panel.options?.source === 'slo') {
        expect(panel.targets).toEqual([
          expect.objectContaining({ refId: 'time', expr: 'vector(1)', instant: true, range: false }),
        ]);
      }
    }
  });

  it('says what the data-source variable does, which is what the panels do', () => {
    const datasourceVariable = variables.find((variable) => variable.type === 'datasource') as Variable & {
      description?: string;
    };
    expect(datasourceVariable.description).toMatch(
      /SLO from its own data source \(its datasourceUid, else the app's default\)/
    );
    expect(datasourceVariable.description).not.toMatch(/keep theirs/);
  });

  it('names panels uniquely, so tests and links can find them', () => {
    const titles = panels.map((panel) => panel.title).filter((title) => title);
    expect(new Set(titles).size).toBe(titles.length);
  });
});

describe('SLO variables', () => {
  it('list the demo SLOs in the overview (all by default) and the details (one)', () => {
    for (const [file, multi] of [
      ['dashboards/slo-overview.json', true],
      ['dashboards/slo-details.json', false],
    ] as const) {
      const slo = json<Dashboard>(file).templating!.list.find((variable) => variable.name === 'slo') as Variable & {
        multi: boolean;
      };
      expect(slo.type).toBe('custom');
      expect(slo.multi).toBe(multi);
      const values = String(slo.query)
        .split(/(?<!\\),/)
        .map((option) => option.split(' : ').pop());
      expect(values).toEqual(DEMO_SLO_IDS);
    }
  });

  it('repeat the overview burndown once per chosen SLO', () => {
    const overview = json<Dashboard>('dashboards/slo-overview.json');
    const repeated = overview.panels.find((panel) => panel.type === BURNDOWN_ID);
    expect(repeated).toMatchObject({ repeat: 'slo', options: { source: 'slo', sloId: '${slo}' } });
  });
});

describe('end-to-end dashboards', () => {
  it('have one panel per state for each SLO Burn panel', () => {
    const titles = provisioned.flatMap((file) => json<Dashboard>(file).panels.map((panel) => panel.title));
    expect(titles).toEqual(
      expect.arrayContaining([
        'Burndown: data',
        'Burndown: no data',
        'Burndown: objective 100',
        'Burndown: query error',
        'Burndown: partial data',
        'Burndown: SLO reference',
        'Burn rate: calculator',
        'Burn rate: live',
        'Burn rate: no data',
        'Burn rate: objective 100',
        'Burn rate: query error',
        'Burn rate: SLO reference',
      ])
    );
  });

  it('are provisioned from the folder the provider reads', () => {
    const provider = parse(read('provisioning/dashboards/sloburn-tests.yaml'));
    expect(provider.providers[0].options.path).toBe('/etc/grafana/provisioning/dashboards/e2e');
  });
});
