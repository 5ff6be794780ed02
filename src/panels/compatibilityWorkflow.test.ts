/**
 * .github/workflows/is-compatible.yml checks every module of the plugin (the app's and each nested
 * panel's) with grafana/plugin-actions is-compatible, which takes one module path. Its module-finding
 * step runs here as GitHub would run it, and must list them all as the JSON array the matrix reads.
 * @jest-environment node
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..');

interface Workflow {
  jobs: Record<
    string,
    {
      needs?: string;
      strategy?: { matrix?: Record<string, unknown> };
      steps: Array<{ id?: string; run?: string; uses?: string; with?: Record<string, string> }>;
    }
  >;
}

describe('the compatibility workflow', () => {
  const workflow = parse(readFileSync(path.join(ROOT, '.github/workflows/is-compatible.yml'), 'utf8')) as Workflow;

  it('finds the app module and both panel modules, as a JSON array', () => {
    const step = workflow.jobs.modules.steps.find((candidate) => candidate.id === 'find-modules')!;
    const output = path.join(mkdtempSync(path.join(tmpdir(), 'sloburn-gh-')), 'output');
    execFileSync('bash', ['-e', '-c', step.run!], { cwd: ROOT, env: { ...process.env, GITHUB_OUTPUT: output } });
    const line = readFileSync(output, 'utf8').trim();
    expect(line.startsWith('modules=')).toBe(true);
    expect(JSON.parse(line.slice('modules='.length))).toEqual([
      './src/module.tsx',
      './src/panels/burndown/module.tsx',
      './src/panels/burnrate/module.tsx',
    ]);
  });

  it('checks each of them with is-compatible', () => {
    const check = workflow.jobs.compatibilitycheck;
    expect(check.needs).toBe('modules');
    expect(check.strategy?.matrix?.module).toBe('${{ fromJSON(needs.modules.outputs.modules) }}');
    const action = check.steps.find((step) => step.uses?.startsWith('grafana/plugin-actions/is-compatible'));
    expect(action?.with?.module).toBe('${{ matrix.module }}');
  });
});
