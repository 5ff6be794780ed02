/**
 * The e2e specs run against a real Grafana (npm run e2e), which CI has and this suite does not; the
 * paths they read must hold anyway. Every provisioned dashboard a spec reads is resolved here exactly
 * as plugin-e2e resolves it — by plugin-e2e's own `readProvisionedDashboard` fixture, with its default
 * `provisioningRootDir` — and every dashboard uid a spec opens exists in the repository.
 * @jest-environment node
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import * as fixtures from './fixtures';

const ROOT = path.resolve(__dirname, '..', '..');
const E2E_DIR = __dirname;

// plugin-e2e's fixture and option defaults, the modules its `test` is built from.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readProvisionedDashboard } = require('@grafana/plugin-e2e/dist/fixtures/commands/readProvisionedDashboard');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { options } = require('@grafana/plugin-e2e/dist/options');

type Reader = (args: { fileName: string }) => Promise<{ uid: string; title: string }>;

/**
 * plugin-e2e's reader with its default provisioning root (`<cwd>/provisioning`, computed when its
 * options load; jest and Playwright both run from the repository root).
 */
async function pluginE2eReader(): Promise<Reader> {
  const [defaultRoot] = options.provisioningRootDir;
  let reader: Reader | undefined;
  await readProvisionedDashboard({ provisioningRootDir: defaultRoot }, async (use: Reader) => {
    reader = use;
  });
  return reader!;
}

const specs = readdirSync(E2E_DIR)
  .filter((name) => name.endsWith('.spec.ts'))
  .map((name) => ({ name, text: readFileSync(path.join(E2E_DIR, name), 'utf8') }));

describe('the e2e specs’ fixtures', () => {
  it('use plugin-e2e’s default provisioning root, the repository’s provisioning/ folder', () => {
    const config = readFileSync(path.join(ROOT, 'playwright.config.ts'), 'utf8');
    expect(config).not.toMatch(/provisioningRootDir/);
    expect(options.provisioningRootDir[0]).toBe(path.join(ROOT, 'provisioning'));
  });

  it('name provisioned dashboards that plugin-e2e finds', async () => {
    const read = await pluginE2eReader();
    const used = specs.flatMap(({ name, text }) =>
      [...text.matchAll(/readProvisionedDashboard\(\{\s*fileName:\s*(\w+)\s*\}\)/g)].map((match) => ({
        spec: name,
        constant: match[1],
      }))
    );
    expect(used.map((use) => use.constant).sort()).toEqual(['BURNDOWN_STATES', 'BURNRATE_STATES']);
    for (const { spec, constant } of used) {
      const fileName = (fixtures as Record<string, unknown>)[constant];
      expect(typeof fileName).toBe('string');
      const dashboard = await read({ fileName: fileName as string });
      expect({ spec, uid: dashboard.uid }).toEqual({ spec, uid: expect.stringMatching(/^sloburn-/) });
    }
  });

  it('open dashboards by uids that the repository holds', () => {
    const dashboardFiles = [
      ...readdirSync(path.join(ROOT, 'dashboards')).map((name) => path.join(ROOT, 'dashboards', name)),
      ...readdirSync(path.join(ROOT, 'provisioning/dashboards/e2e')).map((name) =>
        path.join(ROOT, 'provisioning/dashboards/e2e', name)
      ),
    ].filter((file) => file.endsWith('.json'));
    const uids = dashboardFiles.map((file) => (JSON.parse(readFileSync(file, 'utf8')) as { uid: string }).uid);
    const opened = specs.flatMap(({ text }) =>
      [...text.matchAll(/gotoDashboardPage\(\{\s*uid:\s*'([^']+)'/g)].map((m) => m[1])
    );
    expect(opened.length).toBeGreaterThan(0);
    for (const uid of opened) {
      expect(uids).toContain(uid);
    }
  });
});
