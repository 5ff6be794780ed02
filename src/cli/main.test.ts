/** @jest-environment node */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, parseTime } from './args';
import { run } from './main';

const directory = mkdtempSync(join(tmpdir(), 'slo-cli-'));
function specFile(name: string, text: string): string {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

const valid = specFile(
  'valid.yaml',
  `slos:
  - id: checkout-availability
    name: Checkout availability
    service: checkout
    objective: 99.9
    sli:
      events:
        errorQuery: sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))
        totalQuery: sum(rate(http_requests_total[{{.window}}]))
`
);
const invalid = specFile(
  'invalid.yaml',
  `slos:
  - id: ok
    name: OK
    service: s
    objective: 99
    sli: { raw: { errorRatioQuery: "x[{{.window}}]" } }
  - id: broken
    name: Broken
    service: s
    objective: 100
    sli: { events: { errorQuery: "sum(rate(x[5m]))", totalQuery: "sum(rate(y[{{.window}}]))" } }
`
);

describe('slo validate', () => {
  it('says how many SLOs are valid and exits 0', async () => {
    expect(await run(['validate', valid])).toEqual({ stdout: '', stderr: '1 valid SLO, 0 errors\n', exitCode: 0 });
  });

  it('lists every problem with its path and exits 2', async () => {
    const output = await run(['validate', invalid]);
    expect(output.exitCode).toBe(2);
    expect(output.stderr).toBe(
      'slos[1].objective: 100 leaves no error budget, so every bad event would exhaust it: use e.g. 99.99\n' +
        'slos[1].sli.events.errorQuery: missing {{.window}}\n' +
        '1 valid SLO, 2 errors\n'
    );
  });

  it('names a file it cannot read', async () => {
    expect(await run(['validate', join(directory, 'missing.yaml')])).toEqual({
      stdout: '',
      stderr: `slo: cannot read ${join(directory, 'missing.yaml')}: ENOENT\n`,
      exitCode: 2,
    });
  });
});

describe('slo rules', () => {
  it('prints rule YAML for the valid SLOs', async () => {
    const output = await run(['rules', valid]);
    expect(output.exitCode).toBe(0);
    expect(output.stdout).toContain('record: slo:sli_error:ratio_rate5m');
    expect(output.stdout).toContain('alert: CheckoutAvailabilityErrorBudgetBurn');
  });

  it('still prints the valid ones when some are invalid, and exits 2', async () => {
    const output = await run(['rules', invalid]);
    expect(output.exitCode).toBe(2);
    expect(output.stdout).toContain('sloth_id: ok');
    expect(output.stderr).toContain('slos[1].objective');
  });
});

describe('slo evaluate', () => {
  it('needs a Prometheus and a spec file', async () => {
    const output = await run(['evaluate', '--slos', valid]);
    expect(output.exitCode).toBe(2);
    expect(output.stderr).toMatch(/^slo: evaluate needs --prometheus URL and --slos FILE/);
  });

  it('rejects an unknown gate', async () => {
    const output = await run([
      'evaluate',
      '--prometheus',
      'http://127.0.0.1:1',
      '--slos',
      valid,
      '--fail-on',
      'warning',
    ]);
    expect(output.stderr).toMatch(/--fail-on must be one of page, ticket, exhausted/);
  });

  it('names the SLO and the cause in one line when Prometheus is unreachable, and exits 2', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const output = await run(['evaluate', '--prometheus', url, '--slos', valid, '--format', 'json']);
    expect(output.exitCode).toBe(2);
    expect(output.stderr).toBe(
      `slo evaluate: checkout-availability: Prometheus at ${url} is unreachable: ECONNREFUSED\n`
    );
    expect(JSON.parse(output.stdout).slos[0]).toMatchObject({ id: 'checkout-availability', status: 'error' });
  });
});

describe('arguments', () => {
  it('reads --name value and --name=value', () => {
    expect(parseArgs(['evaluate', '--prometheus=http://p', '--slos', 'f.yaml', 'extra'])).toEqual({
      command: 'evaluate',
      positional: ['extra'],
      options: { prometheus: 'http://p', slos: 'f.yaml' },
      flags: new Set(),
    });
  });

  it('reads RFC 3339 and Unix times', () => {
    expect(parseTime('2026-11-01T00:00:00Z')).toBe(1793491200);
    expect(parseTime('1793491200')).toBe(1793491200);
    expect(() => parseTime('yesterday')).toThrow(/neither RFC 3339/);
  });
});

/** A loopback port nothing listens on: bound once, then released. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
