/** @jest-environment node */
import { queryInstant, queryRange, queryScalar, withWindow, type RangeSeries } from '../prometheus/client';
import { describeWithPrometheus, withDemoPrometheus } from '../prometheus/testing';
import { type SloSpec, errorBudget as budgetOf } from '../../src/domain';
import { PrometheusHttpClient } from '../../src/prometheus/httpClient';
import { loadSlo } from '../../src/prometheus/loadSlo';
import { demoSlo, readDemoSlos, type DemoSlo } from './demo-slos';

/** The engine's own budget arithmetic, so the scenarios are checked against the thresholds the app uses. */
const errorBudget = (slo: DemoSlo) => budgetOf(slo.objective);
import { DAY_SECONDS, HOUR_SECONDS, MINUTE_SECONDS } from './timeline';

const PAGE_FAST = { long: '1h', short: '5m', factor: 14.4 };
const PAGE_SLOW = { long: '6h', short: '30m', factor: 6 };
const TICKET_FAST = { long: '1d', short: '2h', factor: 3 };
const TICKET_SLOW = { long: '3d', short: '6h', factor: 1 };

/** The error ratio of an events SLO over `window`, as the app computes it: bad / total. */
function eventsErrorRatio(slo: DemoSlo, window: string): string {
  const events = slo.sli.events;
  if (!events) {
    throw new Error(`${slo.id} is not an events SLO`);
  }
  return `(${withWindow(events.errorQuery, window)}) / (${withWindow(events.totalQuery, window)})`;
}

/** The SLO's bad events per label value: every `sum(` aggregates by the labels instead. */
function badEventsBy(slo: DemoSlo, labels: string[], window: string): string {
  const errorQuery = slo.sli.events?.errorQuery ?? '';
  return withWindow(errorQuery, window)
    .split('sum(')
    .join(`sum by (${labels.join(', ')}) (`);
}

/** Share of the largest group in a `sum by` result, with its label value. */
function dominantShare(samples: Array<{ labels: Record<string, string>; value: number }>, label: string) {
  const total = samples.reduce((sum, sample) => sum + sample.value, 0);
  const largest = samples.reduce((best, sample) => (sample.value > best.value ? sample : best));
  return { value: largest.labels[label], share: largest.value / total };
}

function pointsOf(series: RangeSeries[]): Map<number, number> {
  return new Map(series[0]?.points ?? []);
}

describeWithPrometheus('demo data served by Prometheus', () => {
  const prometheus = withDemoPrometheus();
  const { incidents, end } = prometheus.timeline;
  const slos = readDemoSlos();

  const ratio = (id: string, window: string, time: number) =>
    queryScalar(prometheus.url, eventsErrorRatio(demoSlo(id, slos), window), time);

  describe('calicoOutage', () => {
    const slo = demoSlo('apiserver-read-availability', slos);
    const budget = errorBudget(slo);
    const { start, end: outageEnd } = incidents.calicoOutage;

    it('makes the fast page pair of the read SLO fire', async () => {
      const time = start + 2 * HOUR_SECONDS;
      expect(await ratio(slo.id, '1h', time)).toBeGreaterThan(PAGE_FAST.factor * budget);
      expect(await ratio(slo.id, '5m', time)).toBeGreaterThan(PAGE_FAST.factor * budget);
    });

    it('shows projectcalico.org as the group with the bad reads', async () => {
      const byGroup = await queryInstant(prometheus.url, badEventsBy(slo, ['group'], '1h'), start + 2 * HOUR_SECONDS);
      const dominant = dominantShare(byGroup, 'group');
      expect(dominant.value).toBe('projectcalico.org');
      expect(dominant.share).toBeGreaterThan(0.95);
    });

    it('is over a few hours after it ends', async () => {
      const time = outageEnd + 3 * HOUR_SECONDS;
      expect(await ratio(slo.id, '5m', time)).toBeLessThan(budget);
      expect(await ratio(slo.id, '1h', time)).toBeLessThan(budget);
    });
  });

  describe('member2Unreachable', () => {
    const slo = demoSlo('karmada-work-sync-availability', slos);
    const budget = errorBudget(slo);
    const time = incidents.member2Unreachable.start + 75 * MINUTE_SECONDS;

    it('makes the fast page pair of the work sync SLO fire', async () => {
      expect(await ratio(slo.id, '1h', time)).toBeGreaterThan(PAGE_FAST.factor * budget);
      expect(await ratio(slo.id, '5m', time)).toBeGreaterThan(PAGE_FAST.factor * budget);
    });

    it('shows member2 as the member cluster with the errors', async () => {
      const byMember = await queryInstant(prometheus.url, badEventsBy(slo, ['member_cluster'], '1h'), time);
      const dominant = dominantShare(byMember, 'member_cluster');
      expect(dominant.value).toBe('member2');
      expect(dominant.share).toBeGreaterThan(0.95);
    });

    it('reads NotReady for member2, a third of the member clusters', async () => {
      const notReady = await queryScalar(prometheus.url, '1 - avg(avg_over_time(cluster_ready_state[1h]))', time);
      expect(notReady).toBeCloseTo(1 / 3, 2);
    });
  });

  describe('member3Flapping', () => {
    it('keeps member3 NotReady for a few percent of six hours', async () => {
      const notReady = await queryInstant(
        prometheus.url,
        '1 - avg by (member_cluster) (avg_over_time(cluster_ready_state[6h]))',
        incidents.member3Flapping.end
      );
      const byMember = Object.fromEntries(notReady.map((sample) => [sample.labels.member_cluster, sample.value]));
      expect(byMember.member3).toBeGreaterThan(0.05);
      expect(byMember.member3).toBeLessThan(0.3);
      expect(byMember.member1 + byMember.member2).toBe(0);
    });
  });

  describe('checkoutSlowBurn', () => {
    const slo = demoSlo('checkout-availability', slos);
    const budget = errorBudget(slo);
    const { start, end: burnEnd } = incidents.checkoutSlowBurn;
    const step = 5 * MINUTE_SECONDS;

    /** Times, every 5 minutes from `from` to `to`, at which both windows of the pair burn faster than its factor. */
    async function firingTimes(pair: typeof PAGE_FAST, from: number, to: number): Promise<number[]> {
      const [long, short] = await Promise.all(
        [pair.long, pair.short].map(async (window) =>
          pointsOf(await queryRange(prometheus.url, eventsErrorRatio(slo, window), from, to, step))
        )
      );
      expect(long.size).toBe((to - from) / step + 1);
      return [...long.entries()]
        .filter(([time, value]) => value > pair.factor * budget && (short.get(time) ?? 0) > pair.factor * budget)
        .map(([time]) => time);
    }

    it('never makes a page pair fire, from its start to six hours after its end', async () => {
      expect(await firingTimes(PAGE_FAST, start, burnEnd + 6 * HOUR_SECONDS)).toEqual([]);
      expect(await firingTimes(PAGE_SLOW, start, burnEnd + 6 * HOUR_SECONDS)).toEqual([]);
    });

    it('makes both ticket pairs fire', async () => {
      expect(await ratio(slo.id, '1d', burnEnd)).toBeGreaterThan(TICKET_FAST.factor * budget);
      expect((await firingTimes(TICKET_FAST, start, burnEnd + 6 * HOUR_SECONDS)).length).toBeGreaterThan(0);
      expect((await firingTimes(TICKET_SLOW, start, burnEnd + 6 * HOUR_SECONDS)).length).toBeGreaterThan(0);
    });

    it('comes from the /payment route', async () => {
      const byRoute = await queryInstant(prometheus.url, badEventsBy(slo, ['route'], '6h'), burnEnd);
      expect(dominantShare(byRoute, 'route')).toEqual({ value: '/payment', share: expect.any(Number) });
      expect(dominantShare(byRoute, 'route').share).toBeGreaterThan(0.9);
    });
  });

  describe('checkoutQuietHour', () => {
    it('has no requests, so the 5m error ratio is 0/0', async () => {
      const time = incidents.checkoutQuietHour.start + 30 * MINUTE_SECONDS;
      expect(await ratio('checkout-availability', '5m', time)).toBeNaN();
      expect(await queryScalar(prometheus.url, 'sum(increase(http_requests_total[5m]))', time)).toBe(0);
    });
  });

  describe('checkoutRestart', () => {
    const restart = incidents.checkoutRestart;
    const hourlyRequests = (time: number) =>
      queryScalar(prometheus.url, 'sum(increase(http_requests_total[1h]))', time);

    it('resets the checkout counters after a scrape gap', async () => {
      // The window reaches back past the gap to the last sample before the restart.
      const resets = await queryScalar(
        prometheus.url,
        'sum(resets(http_requests_total[15m]))',
        restart.end + 5 * MINUTE_SECONDS
      );
      expect(resets).toBeGreaterThan(0);
      const samplesInGap = await queryScalar(
        prometheus.url,
        'sum(count_over_time(http_requests_total[4m]))',
        restart.end - MINUTE_SECONDS
      );
      expect(samplesInGap).toBeNaN();
    });

    it('keeps the hourly increase non-negative and close to the day before', async () => {
      for (
        let time = restart.start - 30 * MINUTE_SECONDS;
        time <= restart.end + 90 * MINUTE_SECONDS;
        time += 5 * MINUTE_SECONDS
      ) {
        const [now, dayBefore] = await Promise.all([hourlyRequests(time), hourlyRequests(time - DAY_SECONDS)]);
        expect(now).toBeGreaterThanOrEqual(0);
        expect(now / dayBefore).toBeGreaterThan(0.8);
        expect(now / dayBefore).toBeLessThan(1.2);
      }
    });
  });

  describe('histogram bounds as Prometheus 3 stores them', () => {
    const calm = end - 12 * HOUR_SECONDS;
    const count = (expr: string) => queryScalar(prometheus.url, `count(${expr})`, calm);

    it('writes whole-number bounds with .0 (le="1.0"), as Prometheus 3 normalises them on ingestion', async () => {
      expect(await count('apiserver_request_sli_duration_seconds_bucket{le="1"}')).toBeNaN();
      expect(await count('apiserver_request_sli_duration_seconds_bucket{le="1.0"}')).toBeGreaterThan(0);
      expect(await count('http_request_duration_seconds_bucket{le="1.0"}')).toBeGreaterThan(0);
      expect(await count('http_request_duration_seconds_bucket{le="0.3"}')).toBeGreaterThan(0);
    });

    it('the API server SLOs read the fast requests of every scope, where le="1" would match nothing', async () => {
      for (const id of ['apiserver-read-availability', 'apiserver-write-availability']) {
        const slo = demoSlo(id, slos);
        const errorQuery = withWindow(slo.sli.events?.errorQuery ?? '', '1h');
        const prometheus2Form = errorQuery.replace(/le=~"(\d+)\(\\\\\.0\)\?"/g, 'le="$1"');
        expect(prometheus2Form).not.toBe(errorQuery);
        // No series at all: the engine would count no bad event, a perfect SLO.
        expect(await queryScalar(prometheus.url, prometheus2Form, calm)).toBeNaN();
        const errorRatio = await ratio(id, '1h', calm);
        expect(errorRatio).toBeGreaterThan(0);
        expect(errorRatio).toBeLessThan(errorBudget(slo));
      }
    });

    it('a latency SLI with threshold 1 reads the le="1.0" bucket, as the engine evaluates it', async () => {
      const spec: SloSpec = {
        id: 'checkout-latency-1s',
        name: 'Checkout within 1 s',
        service: 'checkout',
        objective: 99,
        period: { rolling: '30d' },
        budgetingMethod: 'occurrences',
        sli: {
          latency: {
            bucketMetric: 'http_request_duration_seconds_bucket',
            threshold: '1',
            selector: '{service="checkout"}',
          },
        },
      };
      const bucket = (le: string) =>
        `sum(rate(http_request_duration_seconds_bucket{service="checkout",le="${le}"}[1h]))`;
      const expected = await queryScalar(prometheus.url, `1 - ${bucket('1.0')} / ${bucket('+Inf')}`, calm);
      expect(expected).toBeGreaterThan(0);
      const client = new PrometheusHttpClient({ url: prometheus.url });
      const { reading } = await loadSlo(client, spec, { from: calm - HOUR_SECONDS, to: calm, view: 'overview' });
      if (reading.kind !== 'evaluated') {
        throw new Error(reading.message);
      }
      expect(reading.notes).toEqual([]);
      const hour = reading.groups[0].evaluation.windows.find((window) => window.seconds === HOUR_SECONDS);
      expect(hour?.errorRatio).toBeCloseTo(expected, 12);
    });
  });

  describe('every demo SLO at a calm time', () => {
    const calm = end - 12 * HOUR_SECONDS;
    const errorRatioQueries: Record<string, (slo: DemoSlo, window: string) => string> = {
      events: eventsErrorRatio,
      ratio: (slo, window) =>
        `1 - (${withWindow(slo.sli.ratio?.goodQuery ?? '', window)}) / (${withWindow(slo.sli.ratio?.totalQuery ?? '', window)})`,
      raw: (slo, window) => withWindow(slo.sli.raw?.errorRatioQuery ?? '', window),
      latency: (slo, window) => {
        const latency = slo.sli.latency;
        const bucket = (le: string) =>
          `sum(rate(${latency?.bucketMetric}{${latency?.selector.slice(1, -1)},le="${le}"}[${window}]))`;
        return `1 - ${bucket(latency?.threshold ?? '')} / ${bucket('+Inf')}`;
      },
      boolGauge: (slo, window) => `1 - avg(avg_over_time(${slo.sli.boolGauge?.query}[${window}]))`,
    };

    it.each(slos.map((slo) => [slo.id, slo] as const))(
      '%s burns its budget slower than 1 over 1h',
      async (_id, slo) => {
        const kind = Object.keys(slo.sli)[0];
        const query = errorRatioQueries[kind](slo, '1h');
        const errorRatio = await queryScalar(prometheus.url, query, calm);
        expect(errorRatio).toBeGreaterThanOrEqual(0);
        expect(errorRatio / errorBudget(slo)).toBeLessThan(1);
      }
    );
  });
});
