/**
 * Sloth compatibility against a real Prometheus holding Sloth's recording rules: the demo data plus the
 * backfilled recordings of scripts/demo/sloth-rules.ts (built once, cached in .demo-data/sloth-tsdb).
 */
import { type SloSpec, formatDuration } from '../domain';
import { type SlothTsdb, ensureSlothTsdb, slothEvaluationTimes } from '../../scripts/demo/sloth-rules';
import { DEMO_END_DEFAULT, demoTimeline } from '../../scripts/demo/timeline';
import { type RunningPrometheus, startPrometheus } from '../../scripts/prometheus/prometheus';
import { describeWithPrometheus } from '../../scripts/prometheus/testing';
import { PrometheusHttpClient } from './httpClient';
import { loadSlo } from './loadSlo';
import { resultFromPromApi } from './promApiAdapter';
import type { SloReading } from './readSlo';
import { discoverFromPrometheus } from './slothDiscovery';

/** A cold cache backfills the rules first: about three minutes on two cores. */
const SET_UP_TIMEOUT_MILLIS = 15 * 60_000;
const STEP = 300;
const times = slothEvaluationTimes(demoTimeline(DEMO_END_DEFAULT));

describeWithPrometheus('SLOs discovered from Sloth recording rules', () => {
  let tsdb: SlothTsdb;
  let prometheus: RunningPrometheus;
  let client: PrometheusHttpClient;
  let discovered: SloSpec[];

  beforeAll(async () => {
    tsdb = await ensureSlothTsdb();
    prometheus = await startPrometheus({ dataDir: tsdb.dir });
    client = new PrometheusHttpClient({ url: prometheus.url, timeoutSeconds: 60 });
    discovered = (await discoverFromPrometheus(client, times.dataEnd)).specs;
  }, SET_UP_TIMEOUT_MILLIS);

  afterAll(async () => {
    await prometheus?.stop();
  });

  const spec = (id: string): SloSpec => {
    const found = discovered.find((candidate) => candidate.id === id);
    if (!found) {
      throw new Error(`${id} was not discovered; found ${discovered.map((one) => one.id).join(', ')}`);
    }
    return found;
  };

  /** Instant value of a query that returns at most one series (NaN when none). */
  async function scalar(expr: string, time: number): Promise<number> {
    const { response } = await client.instant(expr, time);
    const result = resultFromPromApi(expr, response);
    if (result.error) {
      throw new Error(result.error);
    }
    expect(result.series.length).toBeLessThanOrEqual(1);
    return result.series[0]?.values[0] ?? Number.NaN;
  }

  /** The recorded 5m ratio at every bucket end in (time − window, time], as the plan reads it. */
  async function recorded5mRatios(slothId: string, windowSeconds: number, time: number): Promise<number[]> {
    const expr = `slo:sli_error:ratio_rate5m{sloth_id="${slothId}"}`;
    const { response } = await client.rangeQuery(expr, time - windowSeconds + STEP, time, STEP);
    const result = resultFromPromApi(expr, response);
    if (result.error) {
      throw new Error(result.error);
    }
    expect(result.series.length).toBeLessThanOrEqual(1);
    return result.series[0]?.values ?? [];
  }

  async function evaluate(id: string, time: number): Promise<Extract<SloReading, { kind: 'evaluated' }>> {
    const { reading } = await loadSlo(client, spec(id), { from: time - 86400, to: time, view: 'overview' });
    if (reading.kind !== 'evaluated') {
      throw new Error(`${id} at ${time}: ${reading.message}`);
    }
    return reading;
  }

  it('discovers the SLOs whose rules Prometheus holds, with their objectives and periods', () => {
    expect(discovered.map(({ id, service, objective, period }) => ({ id, service, objective, period }))).toEqual([
      { id: 'apiserver-read-availability', service: 'kube-apiserver', objective: 99, period: { rolling: '30d' } },
      { id: 'checkout-availability', service: 'checkout', objective: 99.9, period: { rolling: '30d' } },
    ]);
    expect(spec('checkout-availability').sli).toEqual({
      raw: { errorRatioQuery: 'slo:sli_error:ratio_rate{{.window}}{sloth_id="checkout-availability"}' },
    });
  });

  describe.each([
    ['during the calico outage', times.calicoOutage],
    ['at the end of the data', times.dataEnd],
  ])('%s', (_when, time) => {
    it.each(['apiserver-read-availability', 'checkout-availability'])(
      '%s: the 5m window is the recorded 5m ratio',
      async (id) => {
        const reading = await evaluate(id, time);
        const fiveMinutes = reading.groups[0].evaluation.windows[0];
        expect(fiveMinutes.seconds).toBe(300);
        const recorded = await scalar(`slo:sli_error:ratio_rate5m{sloth_id="${id}"}`, time);
        expect(Number.isFinite(recorded)).toBe(true);
        expect(fiveMinutes.errorRatio).toBeCloseTo(recorded, 12);
      }
    );

    it.each(['apiserver-read-availability', 'checkout-availability'])(
      '%s: longer windows and the period are the mean of the recorded 5m ratios in them',
      async (id) => {
        const evaluation = (await evaluate(id, time)).groups[0].evaluation;
        for (const window of [...evaluation.windows.slice(1), evaluation.periodWindow]) {
          const values = (await recorded5mRatios(id, window.seconds, time)).filter(Number.isFinite);
          const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
          expect({ window: formatDuration(window.seconds), ratio: window.errorRatio }).toEqual({
            window: formatDuration(window.seconds),
            ratio: expect.closeTo(mean, 12),
          });
        }
      }
    );
  });

  it('reads only the recorded 5m ratio on the Grafana path, where a wide detail page coarsens the step', async () => {
    // "Last 9 days" on the detail page: 39 days of 5-minute buckets exceed one request's 11,000 points.
    const time = times.calicoOutage;
    const { reading } = await loadSlo(client, spec('apiserver-read-availability'), {
      from: time - 9 * 86400,
      to: time,
      view: 'detail',
      pointsLimit: 'coarsen',
    });
    if (reading.kind !== 'evaluated') {
      throw new Error(reading.message);
    }
    expect(reading.plan.step).toBe(600);
    const records = reading.plan.queries.flatMap((query) =>
      [...query.expr.matchAll(/ratio_rate(\w+)/g)].map((m) => m[1])
    );
    expect(new Set(records)).toEqual(new Set(['5m']));
    // 10-minute buckets are the mean of their two 5-minute ratios, so windows are still their means.
    const evaluation = reading.groups[0].evaluation;
    for (const window of evaluation.windows.filter((candidate) => candidate.seconds % 600 === 0)) {
      const values = (await recorded5mRatios('apiserver-read-availability', window.seconds, time)).filter(
        Number.isFinite
      );
      const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
      expect({ window: formatDuration(window.seconds), ratio: window.errorRatio }).toEqual({
        window: formatDuration(window.seconds),
        ratio: expect.closeTo(mean, 12),
      });
    }
  });

  it('ends with the latest recorded ratio between two bucket boundaries', async () => {
    const time = times.calicoOutage + 133;
    for (const id of ['apiserver-read-availability', 'checkout-availability']) {
      const reading = await evaluate(id, time);
      const buckets = reading.groups[0].buckets;
      const partial = buckets[buckets.length - 1];
      expect([partial.start, partial.end]).toEqual([time - 133, time]);
      const recorded = await scalar(`slo:sli_error:ratio_rate5m{sloth_id="${id}"}`, time);
      expect(partial.bad / partial.total).toBeCloseTo(recorded, 12);
    }
  });

  it('stays close to the recorded event-weighted ratios of the longer windows while traffic is steady', async () => {
    // The recorded 30m…3d ratios weight each request equally; the engine, reading only the 5m ratio,
    // weights each 5 minutes equally. Demo traffic varies over the day, so they differ by a few percent
    // (at most 8.5 % here; up to about 10 % for checkout's quieter traffic).
    const evaluation = (await evaluate('apiserver-read-availability', times.calicoOutage)).groups[0].evaluation;
    for (const window of evaluation.windows.slice(1)) {
      const recorded = await scalar(
        `slo:sli_error:ratio_rate${formatDuration(window.seconds)}{sloth_id="apiserver-read-availability"}`,
        times.calicoOutage
      );
      expect(Math.abs(window.errorRatio! - recorded) / recorded).toBeLessThan(0.15);
    }
  });

  it('pages for API server reads during the calico outage, and not for checkout', async () => {
    const apiserver = (await evaluate('apiserver-read-availability', times.calicoOutage)).groups[0].evaluation;
    expect(apiserver.status).toBe('page');
    expect(apiserver.alerts.pairs[0]).toMatchObject({ firing: true, window: { longSeconds: 3600, shortSeconds: 300 } });
    const checkout = (await evaluate('checkout-availability', times.calicoOutage)).groups[0].evaluation;
    expect(checkout.alerts.page).toBe(false);
  });

  it('no longer pages for API server reads at the end of the data', async () => {
    const apiserver = (await evaluate('apiserver-read-availability', times.dataEnd)).groups[0].evaluation;
    expect(apiserver.alerts.page).toBe(false);
  });
});
