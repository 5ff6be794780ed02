import { type Server, createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { ensureDemoTsdb } from '../../scripts/demo/demo-tsdb';
import { DEMO_END_DEFAULT, demoTimeline } from '../../scripts/demo/timeline';
import { type RunningPrometheus, startPrometheus } from '../../scripts/prometheus/prometheus';
import { describeWithPrometheus } from '../../scripts/prometheus/testing';
import { ROOT, runCli as slo } from './testing/runCli';

const FLEET_SIZE = 200;
/** Two hours into the Calico outage: the API server read SLO's copies page, so some pairs say `firing`. */
const DURING_OUTAGE = demoTimeline(DEMO_END_DEFAULT).incidents.calicoOutage.start + 2 * 3600;
const directory = mkdtempSync(join(tmpdir(), 'slo-fleet-'));

/** The demo SLOs repeated under distinct ids until there are `size` of them, plus `extra` specs. */
function fleetFile(name: string, size: number, extra: unknown[] = []): string {
  const { slos } = parse(readFileSync(join(ROOT, 'demo', 'slos.yaml'), 'utf8')) as { slos: Array<{ id: string }> };
  const fleet = Array.from({ length: size }, (_, index) => ({
    ...slos[index % slos.length],
    id: `${slos[index % slos.length].id}-${Math.floor(index / slos.length)}`,
  }));
  const path = join(directory, name);
  writeFileSync(path, stringify({ slos: [...fleet, ...extra] }, { aliasDuplicateObjects: false }));
  return path;
}

/** Prometheus's own count of the answers it gave with this HTTP status. */
async function answersWithStatus(url: string, code: string): Promise<number> {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  return metrics
    .split('\n')
    .filter((line) => line.startsWith('prometheus_http_requests_total{') && line.includes(`code="${code}"`))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

/**
 * Prometheus's answer when a query waited in its queue longer than `--query.timeout`
 * (web/api/v1: promql.ErrQueryTimeout is errorTimeout, HTTP 503).
 */
const QUEUE_TIMEOUT_ANSWER = JSON.stringify({
  status: 'error',
  errorType: 'timeout',
  error: 'query timed out in query queue',
});

/**
 * In front of the real Prometheus, a query queue of length zero: a query that arrives while another is
 * being answered gets Prometheus's own queue-timeout answer at once. A real queue times a query out only
 * after it waited `--query.timeout`, which on a fast machine may never happen; this makes the overload
 * certain whatever the machine's speed, while every answered query is the real server's.
 */
function zeroLengthQueue(target: string): Promise<{ url: string; overloads: () => number; close: () => void }> {
  let inFlight = 0;
  let overloads = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const isQuery = (request.url ?? '').startsWith('/api/v1/query');
      if (isQuery && inFlight > 0) {
        overloads++;
        response.writeHead(503, { 'content-type': 'application/json' }).end(QUEUE_TIMEOUT_ANSWER);
        return;
      }
      inFlight += isQuery ? 1 : 0;
      try {
        const answer = await fetch(`${target}${request.url}`, {
          method: request.method,
          headers: { 'content-type': request.headers['content-type'] ?? 'application/x-www-form-urlencoded' },
          body: request.method === 'GET' || request.method === 'HEAD' ? undefined : Buffer.concat(chunks),
        });
        const body = Buffer.from(await answer.arrayBuffer());
        response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
        response.end(body);
      } catch (error) {
        response.writeHead(502).end(String(error));
      } finally {
        inFlight -= isQuery ? 1 : 0;
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        overloads: () => overloads,
        close: () => server.close(),
      })
    )
  );
}

describeWithPrometheus('slo evaluate against a Prometheus with a tiny query queue', () => {
  let prometheus: RunningPrometheus;
  beforeAll(async () => {
    const tsdb = await ensureDemoTsdb({ end: DEMO_END_DEFAULT });
    // One query at a time, and a query that waits in the queue for more than 3 s is answered 503
    // ("query timed out in query queue"): whatever queries at more than one at a time overloads it. The
    // heaviest demo query alone takes about a second on a loaded 2-core machine, so 3 s leaves it room.
    prometheus = await startPrometheus({
      dataDir: tsdb.dir,
      extraArgs: ['--query.max-concurrency=1', '--query.timeout=3s'],
    });
  }, 10 * 60_000);
  afterAll(() => prometheus?.stop());

  it(`prints a report of all ${FLEET_SIZE} SLOs, none in error, backing off instead of failing`, async () => {
    const overloadsBefore = await answersWithStatus(prometheus.url, '503');
    const queue = await zeroLengthQueue(prometheus.url);
    const file = fleetFile('fleet.yaml', FLEET_SIZE);
    const output = await slo([
      'evaluate',
      '--prometheus',
      queue.url,
      '--slos',
      file,
      '--at',
      String(DURING_OUTAGE),
      '--format',
      'json',
    ]);
    queue.close();
    const overloads = queue.overloads() + (await answersWithStatus(prometheus.url, '503')) - overloadsBefore;
    process.stderr.write(
      `slo evaluate, ${FLEET_SIZE} SLOs, tiny query queue: ${output.seconds.toFixed(1)} s, ${overloads} overloaded answers\n`
    );

    expect(output.stderr).toBe('');
    expect(output.exitCode).toBe(0);
    const report = JSON.parse(output.stdout) as {
      slos: Array<{
        id: string;
        status: string;
        error: string | null;
        pairs: Array<{ state: string; firing: boolean }>;
      }>;
    };
    expect(report.slos).toHaveLength(FLEET_SIZE);
    // Every pair says its state; the fleet's firing pairs are those that say `firing`.
    const pairs = report.slos.flatMap((one) => one.pairs);
    expect(pairs.filter((pair) => !['firing', 'ok', 'insufficient-traffic', 'no-data'].includes(pair.state))).toEqual(
      []
    );
    expect(pairs.filter((pair) => pair.firing !== (pair.state === 'firing'))).toEqual([]);
    expect(pairs.some((pair) => pair.state === 'firing')).toBe(true);
    expect(report.slos.filter((one) => one.status === 'error')).toEqual([]);
    // The queue was overloaded on the way, and the CLI kept going.
    expect(overloads).toBeGreaterThan(0);
  }, 300_000);

  it('reports an SLO with bad PromQL with its error among the others, and exits 2', async () => {
    const broken = {
      id: 'broken-promql',
      name: 'Broken PromQL',
      service: 'checkout',
      objective: 99.9,
      sli: {
        events: {
          errorQuery: 'sum(ratee(http_requests_total{code=~"5.."}[{{.window}}]))',
          totalQuery: 'sum(rate(http_requests_total[{{.window}}]))',
        },
      },
    };
    const file = fleetFile('broken.yaml', 16, [broken]);
    const output = await slo([
      'evaluate',
      '--prometheus',
      prometheus.url,
      '--slos',
      file,
      '--at',
      String(DEMO_END_DEFAULT),
    ]);

    expect(output.exitCode).toBe(2);
    expect(output.stderr).toMatch(/^slo evaluate: broken-promql: bad_data: .*unknown function with name "ratee"/);
    expect(output.stderr.trim().split('\n')).toHaveLength(1);
    // The table lists all 17, the broken one with its error.
    for (const id of ['apiserver-read-availability-0', 'checkout-error-ratio-raw-1', 'broken-promql']) {
      expect(output.stdout).toContain(id);
    }
  }, 300_000);
});
