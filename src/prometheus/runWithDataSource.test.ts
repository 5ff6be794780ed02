import type { DataQueryRequest, DataQueryResponse, DataSourceApi } from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';
import { Observable, delay, of, throwError } from 'rxjs';
import type { SloSpec } from '../domain';
import checkoutBad from '../../tests/fixtures/prometheus/checkout-bad.json';
import checkoutTotal from '../../tests/fixtures/prometheus/checkout-total.json';
import type { PrometheusDataQuery } from './grafanaQueries';
import { planQueries } from './plan';
import type { PromApiResponse } from './promApiAdapter';
import { readSlo } from './readSlo';
import { planRequest, runPlanWithDataSource } from './runWithDataSource';
import { AdaptiveScheduler } from './scheduler';
import { grafanaFramesFor } from './testing/grafanaFrames';
import { GrafanaBackendModel, failedResponse, httpFailure } from '../panels/shared/testing/grafanaBackend';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getDataSourceSrv: jest.fn(),
}));

// The fixtures hold the hour before T (5-minute steps) from the demo Prometheus.
const T = 1793491200 - 3 * 86400 + 6 * 3600;

const checkout: SloSpec = {
  id: 'checkout-availability',
  name: 'Checkout availability',
  service: 'checkout',
  objective: 99.9,
  period: { rolling: '30d' },
  budgetingMethod: 'occurrences',
  sli: {
    events: {
      errorQuery: 'sum(rate(http_requests_total{service="checkout",code=~"5.."}[{{.window}}]))',
      totalQuery: 'sum(rate(http_requests_total{service="checkout"}[{{.window}}]))',
    },
  },
};

const answers: Record<string, PromApiResponse> = {
  bad: checkoutBad as PromApiResponse,
  total: checkoutTotal as PromApiResponse,
};

function fakeDataSource(
  query: (request: DataQueryRequest<PrometheusDataQuery>) => ReturnType<DataSourceApi['query']>
): DataSourceApi {
  return { uid: 'sloburn-prometheus', type: 'prometheus', name: 'Prometheus', query } as unknown as DataSourceApi;
}

/** Answers like Grafana's Prometheus data source: one frame per series, per target. */
function answeringDataSource(seen: Array<DataQueryRequest<PrometheusDataQuery>> = []) {
  return fakeDataSource((request) => {
    seen.push(request);
    // The recorded answers cover the bucket queries; anything else (instant queries) answers empty.
    const data = request.targets.flatMap((target) =>
      answers[target.refId] ? grafanaFramesFor(target.refId, answers[target.refId], 300, target.expr) : []
    );
    return of<DataQueryResponse>({ data });
  });
}

describe('planRequest', () => {
  it('asks for exactly the planned buckets in one time range', () => {
    const plan = planQueries(checkout, { from: T - 3600, to: T, view: 'overview', pointsLimit: 'coarsen' });
    const request = planRequest(plan, { uid: 'sloburn-prometheus', type: 'prometheus' });
    expect(request.range.to.valueOf()).toBe(plan.now * 1000);
    expect(request.range.from.valueOf()).toBe((plan.bucketStart + plan.step) * 1000);
    expect(request.maxDataPoints).toBe((plan.now - plan.bucketStart) / plan.step);
    expect(request.intervalMs).toBe(plan.step * 1000);
    expect(request.targets.map((target) => target.refId)).toEqual(plan.queries.map((query) => query.refId));
    const rangeTargets = request.targets.filter((target) => target.range);
    expect(rangeTargets.map((target) => target.refId)).toEqual(['bad', 'total']);
    for (const target of rangeTargets) {
      expect(target).toMatchObject({
        instant: false,
        interval: '5m',
        datasource: { uid: 'sloburn-prometheus', type: 'prometheus' },
      });
      expect(target.expr).toContain('[5m]');
    }
    // Instant queries run at the end of the range, which is the plan's evaluation time.
    for (const target of request.targets.filter((candidate) => candidate.instant)) {
      expect(target).toMatchObject({ range: false, datasource: { uid: 'sloburn-prometheus' } });
    }
  });
});

describe('runPlanWithDataSource', () => {
  it('runs the plan through the data source and reads the frames back into results readSlo evaluates', async () => {
    const plan = planQueries(checkout, { from: T - 3600, to: T, view: 'overview', pointsLimit: 'coarsen' });
    const seen: Array<DataQueryRequest<PrometheusDataQuery>> = [];
    const results = await runPlanWithDataSource(plan, {
      datasource: 'sloburn-prometheus',
      getDataSource: async () => answeringDataSource(seen),
    });
    expect(seen).toHaveLength(1);
    const byRefId = new Map(results.map((result) => [result.refId, result]));
    expect(results.map((result) => result.refId)).toEqual(plan.queries.map((query) => query.refId));
    expect([byRefId.get('bad')?.series.length, byRefId.get('total')?.series.length]).toEqual([1, 1]);
    expect(results.every((result) => result.error === undefined)).toBe(true);
    expect(byRefId.get('bad')?.series[0].times[0]).toBe(1793250300);
    const reading = readSlo(checkout, plan, results);
    expect(reading.kind).toBe('evaluated');
  });

  it("uses Grafana's data source service by default, by name or uid", async () => {
    const get = jest.fn(async () => answeringDataSource());
    jest.mocked(getDataSourceSrv).mockReturnValue({ get } as unknown as ReturnType<typeof getDataSourceSrv>);
    const plan = planQueries(checkout, { from: T - 3600, to: T, view: 'overview', pointsLimit: 'coarsen' });
    const results = await runPlanWithDataSource(plan, { datasource: 'sloburn-prometheus' });
    expect(get).toHaveBeenCalledWith('sloburn-prometheus');
    expect(results.every((result) => result.error === undefined)).toBe(true);
  });

  it('keeps per-query errors with their queries', async () => {
    const plan = planQueries(checkout, { from: T - 3600, to: T, view: 'overview', pointsLimit: 'coarsen' });
    const datasource = fakeDataSource((request) =>
      of<DataQueryResponse>({
        data: grafanaFramesFor('total', answers.total, 300),
        errors: [{ refId: 'bad', message: 'parse error: unclosed left parenthesis' }],
      })
    );
    const results = await runPlanWithDataSource(plan, { datasource: 'x', getDataSource: async () => datasource });
    expect(results.find((result) => result.refId === 'bad')?.error).toBe('parse error: unclosed left parenthesis');
    expect(results.find((result) => result.refId === 'total')?.error).toBeUndefined();
    expect(readSlo(checkout, plan, results)).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('parse error'),
    });
  });

  it('gives every query the error when the request fails or the data source is unknown', async () => {
    const plan = planQueries(checkout, { from: T - 3600, to: T, view: 'overview', pointsLimit: 'coarsen' });
    const failing = fakeDataSource(() => throwError(() => ({ status: 502, data: { message: 'Bad Gateway' } })));
    const failed = await runPlanWithDataSource(plan, { datasource: 'x', getDataSource: async () => failing });
    expect(failed.map((result) => result.error)).toEqual(plan.queries.map(() => 'Bad Gateway'));

    const missing = await runPlanWithDataSource(plan, {
      datasource: 'nope',
      getDataSource: async () => {
        throw new Error('Datasource nope was not found');
      },
    });
    expect(missing.map((result) => result.error)).toEqual(
      plan.queries.map(() => 'data source nope not found: Datasource nope was not found')
    );
  });

  it('gives every request its own requestId, which Grafana cancels in-flight requests by', () => {
    const plan = planQueries(checkout, { from: T - 3600, to: T, view: 'overview', pointsLimit: 'coarsen' });
    const ids = new Set(
      Array.from({ length: 20 }, () => planRequest(plan, { uid: 'sloburn-prometheus', type: 'prometheus' }).requestId)
    );
    expect(ids.size).toBe(20);
    expect(planRequest(plan, { uid: 'x', type: 'prometheus' }, { requestId: 'mine' }).requestId).toBe('mine');
  });

  it('lets two panels read one SLO at the same time in front of Grafana’s backend service', async () => {
    const plan = planQueries(checkout, { from: T - 3600, to: T, view: 'overview', pointsLimit: 'coarsen' });
    const backend = new GrafanaBackendModel();
    const answering = answeringDataSource();
    const slow = fakeDataSource((request) =>
      backend.query(request.requestId, () =>
        (answering.query(request) as Observable<DataQueryResponse>).pipe(delay(20))
      )
    );
    const read = () => runPlanWithDataSource(plan, { datasource: 'x', getDataSource: async () => slow });
    const [first, second] = await Promise.all([read(), read()]);
    for (const results of [first, second]) {
      expect(results.every((result) => result.error === undefined)).toBe(true);
      expect(readSlo(checkout, plan, results).kind).toBe('evaluated');
    }
    // What the backend does to two requests that share an id: the first is cancelled.
    const shared = () =>
      runPlanWithDataSource(plan, { datasource: 'x', requestId: 'same', getDataSource: async () => slow });
    const [cancelled, kept] = await Promise.all([shared(), shared()]);
    expect(cancelled.map((result) => result.error)).toEqual(
      plan.queries.map(() => 'the request was cancelled before Prometheus answered')
    );
    expect(kept.every((result) => result.error === undefined)).toBe(true);
  });

  it('gives every query the error of a request that failed as a whole (no refId)', async () => {
    const plan = planQueries(checkout, { from: T - 3600, to: T, view: 'overview', pointsLimit: 'coarsen' });
    const timingOut = fakeDataSource(() =>
      of(failedResponse(httpFailure(504, 'Gateway Timeout', 'upstream request timeout')))
    );
    const results = await runPlanWithDataSource(plan, { datasource: 'x', getDataSource: async () => timingOut });
    expect(plan.queries.length).toBeGreaterThan(1);
    expect(results.map((result) => result.error)).toEqual(
      plan.queries.map(() => 'HTTP 504 Gateway Timeout: upstream request timeout')
    );
    expect(readSlo(checkout, plan, results)).toMatchObject({ kind: 'error' });
  });

  it('accepts data sources that answer with a promise', async () => {
    const plan = planQueries(checkout, { from: T - 3600, to: T, view: 'overview', pointsLimit: 'coarsen' });
    const promising = fakeDataSource(async () => ({ data: grafanaFramesFor('bad', answers.bad, 300) }));
    const results = await runPlanWithDataSource(plan, { datasource: 'x', getDataSource: async () => promising });
    expect(results.find((result) => result.refId === 'bad')?.series).toHaveLength(1);
    expect(results.find((result) => result.refId === 'total')?.series).toHaveLength(0);
  });
});

describe('runPlanWithDataSource through the data source’s scheduler', () => {
  const plan = () => planQueries(checkout, { from: T - 3600, to: T, view: 'overview', pointsLimit: 'coarsen' });
  const noWait = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

  it.each([
    ['an HTTP 503 for the request', () => of(failedResponse(httpFailure(503, 'Service Unavailable', 'overloaded')))],
    [
      "Prometheus's query-queue timeout for one query",
      () =>
        of<DataQueryResponse>({
          data: [],
          errors: [{ refId: 'bad', message: 'timeout: query timed out in query queue', status: 503 }],
        }),
    ],
  ])('waits and retries on %s: a dashboard of panels all get their data', async (_, overloadAnswer) => {
    const capacity = 2;
    let inFlight = 0;
    let refused = 0;
    const answering = answeringDataSource();
    const crowded = fakeDataSource(
      (request) =>
        new Observable<DataQueryResponse>((subscriber) => {
          inFlight++;
          const timer = setTimeout(() => {
            const source =
              inFlight > capacity
                ? (refused++, overloadAnswer())
                : (answering.query(request) as Observable<DataQueryResponse>);
            inFlight--;
            source.subscribe(subscriber);
          }, 1);
          return () => clearTimeout(timer);
        })
    );
    const scheduler = new AdaptiveScheduler({ initialConcurrency: 6, sleep: noWait });
    const panels = await Promise.all(
      Array.from({ length: 24 }, () =>
        runPlanWithDataSource(plan(), {
          datasource: 'x',
          getDataSource: async () => crowded,
          schedulerFor: () => scheduler,
        })
      )
    );
    expect(refused).toBeGreaterThan(0);
    for (const results of panels) {
      expect(results.filter((result) => result.error)).toEqual([]);
    }
    expect(scheduler.stats()).toMatchObject({ completed: 24, failed: 0 });
  });

  it('cancels the request in flight when its signal fires (Grafana aborts the HTTP request on unsubscribe)', async () => {
    let unsubscribed = false;
    const hanging = fakeDataSource(() => new Observable<DataQueryResponse>(() => () => void (unsubscribed = true)));
    const controller = new AbortController();
    const pending = runPlanWithDataSource(plan(), {
      datasource: 'x',
      getDataSource: async () => hanging,
      signal: controller.signal,
      schedulerFor: () => new AdaptiveScheduler(),
    });
    await noWait();
    controller.abort(new Error('the time range changed'));
    const results = await pending;
    expect(unsubscribed).toBe(true);
    expect(results.map((result) => result.error)).toEqual(plan().queries.map(() => 'the time range changed'));
  });

  it('shares one scheduler per data source between the bundles of the app and the panels', () => {
    let first: unknown;
    let second: unknown;
    jest.isolateModules(() => {
      first = require('./fleet/sharedScheduler').sharedSchedulerFor('uid-1');
    });
    jest.isolateModules(() => {
      second = require('./fleet/sharedScheduler').sharedSchedulerFor('uid-1');
    });
    expect(first).toBeDefined();
    expect(second).toBe(first);
  });
});
