/** @jest-environment node */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SloSpec } from '../domain';
import { PlanTimeoutError, executePlan } from './executePlan';
import { PrometheusHttpClient } from './httpClient';
import { loadSlo } from './loadSlo';
import { planQueries } from './plan';
import { AdaptiveScheduler } from './scheduler';

const spec: SloSpec = {
  id: 'checkout',
  name: 'Checkout',
  service: 'checkout',
  objective: 99.9,
  period: { rolling: '30d' },
  budgetingMethod: 'occurrences',
  sli: {
    events: {
      errorQuery: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
      totalQuery: 'sum(rate(http_requests_total[{{.window}}]))',
    },
  },
};
const NOW = 1793491200;
const plan = planQueries(spec, { from: NOW - 86400, to: NOW, view: 'overview' });

interface Arrival {
  at: number;
  timeout: string | undefined;
  closedAt?: number;
  answered: boolean;
}

/** A Prometheus that takes `delayMillis` per answer (empty results of the right type) on a real socket. */
async function slowPrometheus(delayMillis: (query: string) => number, status = (_query: string) => 200) {
  const arrivals: Arrival[] = [];
  const server = createServer((raw: IncomingMessage, response: ServerResponse) => {
    let body = '';
    raw.on('data', (chunk: Buffer) => (body += chunk.toString()));
    raw.on('end', () => {
      const parameters = new URLSearchParams(body);
      const arrival: Arrival = { at: Date.now(), timeout: parameters.get('timeout') ?? undefined, answered: false };
      arrivals.push(arrival);
      raw.socket.once('close', () => (arrival.closedAt = Date.now()));
      const query = parameters.get('query') ?? '';
      const timer = setTimeout(() => {
        if (response.destroyed) {
          return;
        }
        arrival.answered = true;
        const code = status(query);
        response.writeHead(code, { 'Content-Type': 'application/json' });
        response.end(
          JSON.stringify(
            code === 200
              ? {
                  status: 'success',
                  data: { resultType: raw.url?.endsWith('query_range') ? 'matrix' : 'vector', result: [] },
                }
              : { status: 'error', errorType: 'unavailable', error: 'too busy' }
          )
        );
      }, delayMillis(query));
      timer.unref();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, arrivals };
}

/** Prometheus's `timeout` parameter as milliseconds: `1s`, `1234ms`. */
function millis(timeout: string | undefined): number {
  const match = /^(\d+)(ms|s)$/.exec(timeout ?? '');
  return match ? Number(match[1]) * (match[2] === 's' ? 1000 : 1) : Number.NaN;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve(undefined));
        })
    )
  );
});

describe('executePlan with a deadline', () => {
  it('bounds the whole plan: Prometheus gets the time left, and the queries are abandoned at the deadline', async () => {
    const prometheus = await slowPrometheus(() => 10_000);
    const client = new PrometheusHttpClient({ url: prometheus.url, timeoutSeconds: 30 });
    const started = Date.now();
    const failure = await executePlan(client, plan, { timeoutSeconds: 0.4 }).catch((error: unknown) => error);
    const elapsed = Date.now() - started;

    expect(failure).toBeInstanceOf(PlanTimeoutError);
    expect((failure as Error).message).toBe(
      'no complete answer within the timeout of 0.4 s: its queries were cancelled'
    );
    expect(elapsed).toBeGreaterThanOrEqual(390);
    expect(elapsed).toBeLessThan(2_000);
    expect(prometheus.arrivals).toHaveLength(plan.queries.length);
    for (const arrival of prometheus.arrivals) {
      expect(millis(arrival.timeout)).toBeLessThanOrEqual(400);
    }
    // Every connection is closed at the deadline, so Prometheus cancels the queries.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(prometheus.arrivals.every((arrival) => arrival.closedAt !== undefined && !arrival.answered)).toBe(true);
  });

  it('counts the deadline from the first query it runs, not from the time it waited in the queue', async () => {
    const prometheus = await slowPrometheus(() => 150);
    const client = new PrometheusHttpClient({ url: prometheus.url });
    const scheduler = new AdaptiveScheduler({ initialConcurrency: 1, maxConcurrency: 1 });
    // Three plans through one slot: the last waits about twice its own running time before it starts.
    const plans = [0, 1, 2].map((priority) => executePlan(client, plan, { scheduler, priority, timeoutSeconds: 1 }));
    const results = await Promise.allSettled(plans);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    const timeouts = prometheus.arrivals.map((arrival) => millis(arrival.timeout));
    // Within each plan the time left shrinks; each plan starts again near the full second.
    const perPlan = plan.queries.length;
    for (let index = 0; index < 3; index++) {
      const own = timeouts.slice(index * perPlan, (index + 1) * perPlan);
      expect(own[0]).toBeGreaterThan(950);
      expect(own[own.length - 1]).toBeLessThan(own[0]);
    }
  });

  it('retries overload answers through the scheduler and completes', async () => {
    let refusals = 2;
    const prometheus = await slowPrometheus(
      () => 5,
      () => (refusals-- > 0 ? 503 : 200)
    );
    const client = new PrometheusHttpClient({ url: prometheus.url });
    const scheduler = new AdaptiveScheduler({ baseBackoffMillis: 1 });
    const { results } = await executePlan(client, plan, { scheduler });
    expect(results.every((result) => result.error === undefined)).toBe(true);
    expect(prometheus.arrivals).toHaveLength(plan.queries.length + 2);
    expect(scheduler.stats().overloads).toBe(2);
  });

  it('abandons the queries when the caller gives up, with its reason', async () => {
    const prometheus = await slowPrometheus(() => 10_000);
    const client = new PrometheusHttpClient({ url: prometheus.url });
    const controller = new AbortController();
    const running = executePlan(client, plan, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort(new Error('slo evaluate gave up'));
    await expect(running).rejects.toThrow('slo evaluate gave up');
  });
});

describe('loadSlo', () => {
  it("makes the deadline that SLO's error, naming the timeout", async () => {
    const prometheus = await slowPrometheus((query) => (query.includes('5..') ? 10_000 : 0));
    const client = new PrometheusHttpClient({ url: prometheus.url });
    const { reading } = await loadSlo(
      client,
      spec,
      { from: NOW - 86400, to: NOW, view: 'overview' },
      { timeoutSeconds: 0.3 }
    );
    expect(reading).toMatchObject({
      kind: 'error',
      message: 'no complete answer within the timeout of 0.3 s: its queries were cancelled',
    });
  });
});
