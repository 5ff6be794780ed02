/** @jest-environment node */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { type LocalPrometheus, localPrometheus } from '../prometheus/testing/localPrometheus';
import { parseArgs, parseTime } from './args';
import { type CliProcess, main, run } from './main';

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

describe('slo backtest', () => {
  it('needs a Prometheus and a spec file, and a range that runs forwards', async () => {
    expect((await run(['backtest', '--slos', valid])).stderr).toMatch(
      /^slo: backtest needs --prometheus URL and --slos FILE/
    );
    const backwards = await run([
      'backtest',
      '--prometheus',
      'http://127.0.0.1:1',
      '--slos',
      valid,
      '--from',
      '2026-11-02T00:00:00Z',
      '--to',
      '2026-11-01T00:00:00Z',
    ]);
    expect(backwards.exitCode).toBe(2);
    expect(backwards.stderr).toMatch(/^slo: --from must be before --to/);
    const unreadable = await run(['backtest', '--prometheus', 'http://127.0.0.1:1', '--slos', valid, '--to', 'soon']);
    expect(unreadable.stderr).toMatch(/^slo: --to "soon" is neither RFC 3339/);
  });

  it('lists an SLO it cannot read with its error, and exits 2', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const output = await run(['backtest', '--prometheus', url, '--slos', valid, '--format', 'json']);
    expect(output.exitCode).toBe(2);
    expect(output.stderr).toBe(
      `slo backtest: checkout-availability: Prometheus at ${url} is unreachable: ECONNREFUSED\n`
    );
    expect(JSON.parse(output.stdout).slos[0]).toMatchObject({ id: 'checkout-availability', status: 'error' });
  });
});

describe('slo evaluate against a slow Prometheus', () => {
  let prometheus: LocalPrometheus;
  afterEach(() => prometheus.stop());

  it('bounds the whole evaluation of an SLO by --timeout, names it, and cancels the queries', async () => {
    prometheus = await localPrometheus(({ parameters }) => ({
      delayMillis: parameters.query.includes('5..') ? 60_000 : 0,
    }));
    const started = Date.now();
    const output = await run(['evaluate', '--prometheus', prometheus.url, '--slos', valid, '--timeout', '1']);
    const elapsed = Date.now() - started;
    expect(output.exitCode).toBe(2);
    expect(output.stderr).toBe(
      'slo evaluate: checkout-availability: no complete answer within the timeout of 1 s: its queries were cancelled\n'
    );
    expect(elapsed).toBeLessThan(2_500);
    const slow = prometheus.arrivals.filter((arrival) => arrival.parameters.query.includes('5..'));
    expect(slow.length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(slow.every((arrival) => arrival.closedAt !== undefined && !arrival.answered)).toBe(true);
  });

  it('gives up on the rest when Prometheus answers nothing for a whole timeout, instead of one timeout after another', async () => {
    prometheus = await localPrometheus(() => ({ delayMillis: 60_000 }));
    const copies = Array.from({ length: 12 }, (_, index) =>
      readFileSync(valid, 'utf8').replace('slos:\n', '').replace('checkout-availability', `checkout-${index}`)
    );
    const fleet = specFile('fleet.yaml', `slos:\n${copies.join('')}`);
    const started = Date.now();
    const output = await run([
      'evaluate',
      '--prometheus',
      prometheus.url,
      '--slos',
      fleet,
      '--timeout',
      '1',
      '--format',
      'json',
    ]);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(output.exitCode).toBe(2);
    const slos = JSON.parse(output.stdout).slos as Array<{ status: string; error: string }>;
    expect(slos).toHaveLength(12);
    expect(slos.every((one) => one.status === 'error')).toBe(true);
    expect(slos[0].error).toBe('no complete answer within the timeout of 1 s: its queries were cancelled');
    expect(slos[11].error).toMatch(
      new RegExp(`^Prometheus at ${prometheus.url} answered nothing for 2 s: gave up on the SLOs not evaluated yet$`)
    );
  });

  it('prints the report with every SLO it could not evaluate when interrupted, and exits 2', async () => {
    prometheus = await localPrometheus(() => ({ delayMillis: 60_000 }));
    const proc = fakeProcess();
    const done = main(['evaluate', '--prometheus', prometheus.url, '--slos', valid, '--format', 'json'], proc);
    await new Promise((resolve) => setTimeout(resolve, 200));
    proc.emit('SIGINT', 'SIGINT');
    await done;
    expect(proc.exitCode).toBe(2);
    expect(JSON.parse(proc.out.join('')).slos).toEqual([
      expect.objectContaining({
        id: 'checkout-availability',
        status: 'error',
        error: 'interrupted (SIGINT) before its answers arrived: its queries were cancelled',
      }),
    ]);
    expect(proc.err.join('')).toContain('slo: SIGINT: giving up; the report follows\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(prometheus.arrivals.every((arrival) => arrival.closedAt !== undefined)).toBe(true);
  });
});

describe('the slo process', () => {
  it('never ends silently: a run that can no longer complete says so and exits 2', async () => {
    const proc = fakeProcess();
    void main(['evaluate'], proc, () => new Promise(() => undefined));
    await new Promise((resolve) => setTimeout(resolve, 0));
    // What Node emits when its event loop runs dry with the run's promise still pending.
    proc.emit('beforeExit', 0);
    expect(proc.exitCode).toBe(2);
    expect(proc.out.join('')).toBe('');
    expect(proc.err.join('')).toMatch(/^slo: evaluate stopped before it completed: nothing was left running/);
  });

  it('prints what the command returns, sets its exit code, and lets go of the process', async () => {
    const proc = fakeProcess();
    await main(['validate', valid], proc);
    expect(proc.exitCode).toBe(0);
    expect(proc.err.join('')).toBe('1 valid SLO, 0 errors\n');
    expect(proc.listenerCount('beforeExit') + proc.listenerCount('SIGINT') + proc.listenerCount('SIGTERM')).toBe(0);
  });
});

function fakeProcess(): CliProcess & EventEmitter & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return Object.assign(new EventEmitter(), {
    out,
    err,
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    exitCode: undefined as number | string | null | undefined,
    exit: (code: number) => {
      throw new Error(`exit ${code}`);
    },
  });
}

describe('arguments', () => {
  it('reads --name value and --name=value', () => {
    expect(parseArgs(['evaluate', '--prometheus=http://p', '--slos', 'f.yaml', 'extra'])).toEqual({
      command: 'evaluate',
      positional: ['extra'],
      options: { prometheus: 'http://p', slos: 'f.yaml' },
    });
  });

  it('rejects an option the command does not take, instead of printing a report that ignores it', async () => {
    expect(() => parseArgs(['backtest', '--prometheus', 'http://p', '--at', '1793491200'])).toThrow(
      'backtest does not take --at; its options: --prometheus, --slos, --from, --to, --format, --timeout, --slo'
    );
    expect(() => parseArgs(['evaluate', '--form=json'])).toThrow(/^evaluate does not take --form; /);
    expect(() => parseArgs(['evaluate', '--from', '1'])).toThrow(/^evaluate does not take --from; /);
    expect(() => parseArgs(['rules', 'f.yaml', '--format', 'json'])).toThrow('rules takes no options, got --format');
    const output = await run(['backtest', '--prometheus', 'http://127.0.0.1:1', '--slos', valid, '--fail-on', 'page']);
    expect(output.exitCode).toBe(2);
    expect(output.stdout).toBe('');
    expect(output.stderr).toMatch(/^slo: backtest does not take --fail-on; .*\nusage:/);
    // An unknown command is named as such, whatever its options.
    expect((await run(['constructor', '--x', 'y'])).stderr).toMatch(/^slo: unknown command "constructor"/);
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
