/** @jest-environment node */
import { getEventListeners } from 'node:events';
import type { SloSpec } from '../domain';
import { PlanTimeoutError, executePlan } from './executePlan';
import { PrometheusHttpClient } from './httpClient';
import { loadSlo } from './loadSlo';
import { planQueries } from './plan';
import { AdaptiveScheduler } from './scheduler';
import { type LocalPrometheus, localPrometheus, timeoutMillis } from './testing/localPrometheus';

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

const running: LocalPrometheus[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((prometheus) => prometheus.stop()));
});

/** A stand-in Prometheus taking `delayMillis` per query, answering `status`. */
async function slowPrometheus(delayMillis: (query: string) => number, status = (_query: string) => 200) {
  const prometheus = await localPrometheus(({ parameters }) => {
    const code = status(parameters.query);
    return {
      delayMillis: delayMillis(parameters.query),
      status: code,
      body: code === 200 ? undefined : { status: 'error', errorType: 'unavailable', error: 'too busy' },
    };
  });
  running.push(prometheus);
  return prometheus;
}

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
      expect(timeoutMillis(arrival.parameters.timeout)).toBeLessThanOrEqual(400);
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
    const timeouts = prometheus.arrivals.map((arrival) => timeoutMillis(arrival.parameters.timeout));
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

describe('executePlan with many queries', () => {
  it('gives each query a signal of its own, so a long plan never passes the 10 abort listeners Node warns about', async () => {
    // A 90-day backtest's plan, chunked; the scheduler and the HTTP client each listen on a query's signal.
    const long = planQueries(spec, { from: NOW, to: NOW, view: 'overview', historySeconds: 90 * 86400 });
    expect(long.queries.length).toBeGreaterThan(5);
    const prometheus = await slowPrometheus(() => 20);
    const listeners: number[] = [];
    const client = new (class extends PrometheusHttpClient {
      override run(...args: Parameters<PrometheusHttpClient['run']>) {
        const running = super.run(...args);
        listeners.push(getEventListeners(args[1]!.signal!, 'abort').length);
        return running;
      }
    })({ url: prometheus.url });
    const { results } = await executePlan(client, long, {
      scheduler: new AdaptiveScheduler({ initialConcurrency: 16, maxConcurrency: 16 }),
      signal: new AbortController().signal,
      timeoutSeconds: 10,
    });
    expect(results).toHaveLength(long.queries.length);
    expect(listeners).toHaveLength(long.queries.length);
    expect(Math.max(...listeners)).toBeLessThanOrEqual(2);
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
