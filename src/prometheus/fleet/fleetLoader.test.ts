import type { SloSpec } from '../../domain';
import { AdaptiveScheduler } from '../scheduler';
import type { SloReading } from '../readSlo';
import { type FleetLoaderOptions, loadFleet } from './fleetLoader';
import { lastFinalTime } from './incremental';
import { RangeCache } from './rangeCache';
import { syntheticPrometheus } from './testing/syntheticPrometheus';
import type { FleetReading, FleetSlo, SloReader } from './types';

/** A Thursday, 10:00:00 UTC: a multiple of 5 minutes. */
const T = 1793268000;
const MINUTE = 60;

const events = (id: string, period: SloSpec['period'] = { rolling: '30d' }): SloSpec => ({
  id,
  name: id,
  service: 'checkout',
  objective: 99.5,
  period,
  budgetingMethod: 'occurrences',
  sli: {
    events: {
      errorQuery: `sum(rate(http_requests_total{slo="${id}",code=~"5.."}[{{.window}}]))`,
      totalQuery: `sum(rate(http_requests_total{slo="${id}"}[{{.window}}]))`,
    },
  },
});

const SPECS: SloSpec[] = [
  events('checkout'),
  events('checkout-weekly', { calendar: 'week', timezone: 'Europe/Berlin' }),
  {
    ...events('routes-grouped'),
    sli: {
      events: {
        errorQuery: 'sum by (route) (rate(http_requests_total{code=~"5.."}[{{.window}}]))',
        totalQuery: 'sum by (route) (rate(http_requests_total[{{.window}}]))',
      },
    },
  },
  {
    ...events('ratio-raw'),
    sli: { raw: { errorRatioQuery: 'sum(rate(errors[{{.window}}])) / sum(rate(requests[{{.window}}]))' } },
  },
  {
    ...events('latency'),
    period: { rolling: '7d' },
    sli: { latency: { bucketMetric: 'duration_seconds_bucket', threshold: '0.3', selector: '{job="api"}' } },
  },
  {
    ...events('ratio-good'),
    period: { rolling: '28d' },
    sli: { ratio: { goodQuery: 'sum(rate(good[{{.window}}]))', totalQuery: 'sum(rate(all[{{.window}}]))' } },
  },
  {
    ...events('slices'),
    period: { rolling: '7d' },
    budgetingMethod: 'timeslices',
    timesliceTarget: 95,
    timesliceWindow: '5m',
  },
];

const fleetOf = (specs: readonly SloSpec[]): FleetSlo[] => specs.map((spec) => ({ spec, datasource: 'prom-a' }));

/** A wall clock the test moves; starts a few seconds after T, as a user's "now" is. */
function clockAt(seconds: number) {
  const clock = { now: seconds, read: () => clock.now };
  return clock;
}

async function load(
  slos: FleetSlo[],
  to: number,
  options: Partial<FleetLoaderOptions> & Pick<FleetLoaderOptions, 'executor'>
): Promise<Map<string, FleetReading>> {
  const readings = new Map<string, FleetReading>();
  const fleet = loadFleet(
    slos,
    { from: to - 86400, to },
    { schedulerFor: () => new AdaptiveScheduler(), ...options },
    { onReading: (reading) => readings.set(reading.slo.spec.id, reading) }
  );
  const summary = await fleet.done;
  expect(summary.aborted).toBe(false);
  return readings;
}

/**
 * Everything a reading says (buckets, prefix sums, windows, pairs, budget, burndown, notes), as text that
 * keeps NaN, ±Infinity and −0 apart: equal texts are equal numbers, to the last bit. (Much faster than a
 * deep toEqual over tens of thousands of buckets.)
 */
function exact(reading: SloReading | undefined): string {
  expect(reading?.kind).toBe('evaluated');
  return JSON.stringify(reading, (_key, value: unknown) => {
    if (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0))) {
      return `number:${Object.is(value, -0) ? '-0' : String(value)}`;
    }
    if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
      return Array.from(value as unknown as ArrayLike<number>);
    }
    return value;
  });
}

describe('an incremental refresh equals a cold load exactly', () => {
  it.each([
    ['60 s later', 60],
    ['7 min 13 s later (between two bucket boundaries)', 7 * MINUTE + 13],
    ['an hour later', 3600],
  ])('%s', async (_, later) => {
    const clock = clockAt(T + 5);
    const prometheus = syntheticPrometheus({ specs: SPECS, clock: clock.read });
    const cache = new RangeCache();
    const first = await load(fleetOf(SPECS), T + 5, { executor: prometheus.executor, cache, clock: clock.read });
    const firstPoints = prometheus.points();

    clock.now = T + 5 + later;
    const refreshed = await load(fleetOf(SPECS), clock.now, {
      executor: prometheus.executor,
      cache,
      clock: clock.read,
    });
    const refreshPoints = prometheus.points() - firstPoints;

    const coldSource = syntheticPrometheus({ specs: SPECS, clock: clock.read });
    const cold = await load(fleetOf(SPECS), clock.now, {
      executor: coldSource.executor,
      cache: new RangeCache(),
      clock: clock.read,
    });

    for (const spec of SPECS) {
      expect(exact(refreshed.get(spec.id)?.reading)).toBe(exact(cold.get(spec.id)?.reading));
      expect(first.get(spec.id)?.reading.kind).toBe('evaluated');
    }
    // The refresh read the newest buckets only: a few per query, not the period again.
    expect(refreshPoints).toBeLessThan(coldSource.points() * 0.05);
    expect(refreshPoints).toBeGreaterThan(0);
  });

  it('re-reads the newest buckets, which late samples still change', async () => {
    const clock = clockAt(T + 5);
    const spec = SPECS[0];
    const prometheus = syntheticPrometheus({ specs: [spec], clock: clock.read });
    const cache = new RangeCache();
    const early = await load(fleetOf([spec]), T + 5, { executor: prometheus.executor, cache, clock: clock.read });
    clock.now = T + 245;
    const late = await load(fleetOf([spec]), T + 245, { executor: prometheus.executor, cache, clock: clock.read });
    const bucketAt = (reading: FleetReading | undefined, end: number) =>
      reading?.reading.kind === 'evaluated' ? reading.reading.groups[0].buckets.find((b) => b.end === end) : undefined;
    // The bucket ending at T was half ingested at the first read and whole at the second: the refresh
    // asked for it again rather than keeping the first answer.
    expect(bucketAt(late.get(spec.id), T)!.total).toBeGreaterThan(bucketAt(early.get(spec.id), T)!.total * 1.2);
    const lastRequest = prometheus.requests[prometheus.requests.length - 1];
    const rangeStarts = lastRequest.queries.filter((query) => !query.instant).map((query) => query.start);
    expect(Math.max(...rangeStarts)).toBeLessThanOrEqual(lastFinalTime(T + 5, 300) + 300);
  });

  it('reuses what overlaps when the time range moves back a day, and equals a cold load there', async () => {
    const clock = clockAt(T + 5);
    const prometheus = syntheticPrometheus({ specs: SPECS, clock: clock.read });
    const cache = new RangeCache();
    await load(fleetOf(SPECS), T + 5, { executor: prometheus.executor, cache, clock: clock.read });
    const before = prometheus.points();
    const yesterday = T - 86400 + 137;
    const moved = await load(fleetOf(SPECS), yesterday, { executor: prometheus.executor, cache, clock: clock.read });
    const movedPoints = prometheus.points() - before;
    const coldSource = syntheticPrometheus({ specs: SPECS, clock: clock.read });
    const cold = await load(fleetOf(SPECS), yesterday, {
      executor: coldSource.executor,
      cache: new RangeCache(),
      clock: clock.read,
    });
    for (const spec of SPECS) {
      expect(exact(moved.get(spec.id)?.reading)).toBe(exact(cold.get(spec.id)?.reading));
    }
    // A day of buckets before what the cache holds, of periods of 7 to 30 days.
    expect(movedPoints).toBeLessThan(coldSource.points() * 0.2);
  });

  it('keeps a series that stopped reporting, in the order Prometheus gives', async () => {
    const clock = clockAt(T + 5);
    const grouped = SPECS.filter((spec) => spec.id === 'routes-grouped');
    const retiredAt = T - 3 * 3600;
    const prometheus = syntheticPrometheus({ specs: grouped, clock: clock.read, retiredAt });
    const cache = new RangeCache();
    await load(fleetOf(grouped), T + 5, { executor: prometheus.executor, cache, clock: clock.read });
    clock.now = T + 3600;
    const refreshed = await load(fleetOf(grouped), clock.now, {
      executor: prometheus.executor,
      cache,
      clock: clock.read,
    });
    const cold = await load(fleetOf(grouped), clock.now, {
      executor: syntheticPrometheus({ specs: grouped, clock: clock.read, retiredAt }).executor,
      cache: new RangeCache(),
      clock: clock.read,
    });
    const reading = refreshed.get('routes-grouped')!.reading;
    expect(reading.kind === 'evaluated' && reading.groups.map((group) => group.labels)).toEqual([
      {},
      { route: '/a' },
      { route: '/a-retired' },
      { route: '/b' },
    ]);
    expect(exact(reading)).toBe(exact(cold.get('routes-grouped')!.reading));
  });

  it('never serves an edited SLO the buckets of its former definition', async () => {
    const clock = clockAt(T + 5);
    const before = events('checkout');
    const after: SloSpec = {
      ...before,
      sli: {
        events: {
          ...('events' in before.sli ? before.sli.events : { errorQuery: '', totalQuery: '' }),
          errorQuery: 'sum(rate(http_requests_total{slo="checkout",code=~"4..|5.."}[{{.window}}]))',
        },
      },
    };
    const cache = new RangeCache();
    const prometheus = syntheticPrometheus({ specs: [before], clock: clock.read });
    await load(fleetOf([before]), T + 5, { executor: prometheus.executor, cache, clock: clock.read });
    const afterSource = syntheticPrometheus({ specs: [after], clock: clock.read });
    const edited = await load(fleetOf([after]), T + 5, { executor: afterSource.executor, cache, clock: clock.read });
    const cold = await load(fleetOf([after]), T + 5, {
      executor: syntheticPrometheus({ specs: [after], clock: clock.read }).executor,
      cache: new RangeCache(),
      clock: clock.read,
    });
    expect(exact(edited.get('checkout')?.reading)).toBe(exact(cold.get('checkout')?.reading));
    // Its error query is new PromQL, so it is read over the whole range.
    const bad = afterSource.requests[0].queries.find((query) => query.role === 'bad')!;
    const firstBad = prometheus.requests[0].queries.find((query) => query.role === 'bad')!;
    expect([bad.start, bad.end, bad.expr]).toEqual([firstBad.start, firstBad.end, expect.stringContaining('4..|5..')]);
  });
});

describe('SLOs that share a query', () => {
  it('share its history: a 28-day and a 30-day SLO over one SLI each refresh with one request, no history re-read', async () => {
    const clock = clockAt(T + 5);
    const thirty = events('shared');
    const shared: SloSpec[] = [
      { ...thirty, id: 'shared-30d' },
      { ...thirty, id: 'shared-28d', period: { rolling: '28d' } },
      { ...thirty, id: 'shared-7d', period: { rolling: '7d' } },
    ];
    const prometheus = syntheticPrometheus({ specs: shared, clock: clock.read });
    const cache = new RangeCache();
    await load(fleetOf(shared), T + 5, { executor: prometheus.executor, cache, clock: clock.read });
    const firstRequests = prometheus.requests.length;
    clock.now = T + 65;
    const refreshed = await load(fleetOf(shared), clock.now, {
      executor: prometheus.executor,
      cache,
      clock: clock.read,
    });
    const refresh = prometheus.requests.slice(firstRequests);
    expect(refresh.map((plan) => plan.sloId).sort()).toEqual(['shared-28d', 'shared-30d', 'shared-7d']);
    for (const plan of refresh) {
      for (const query of plan.queries.filter((candidate) => !candidate.instant)) {
        // The buckets since the last one kept, and the newest few again: never the history.
        const points = (query.end - query.start) / query.step + 1;
        expect({ slo: plan.sloId, fewPoints: points <= 4 }).toEqual({ slo: plan.sloId, fewPoints: true });
      }
    }
    const cold = await load(fleetOf(shared), clock.now, {
      executor: syntheticPrometheus({ specs: shared, clock: clock.read }).executor,
      cache: new RangeCache(),
      clock: clock.read,
    });
    for (const spec of shared) {
      expect(exact(refreshed.get(spec.id)?.reading)).toBe(exact(cold.get(spec.id)?.reading));
    }
  });
});

describe('loadFleet under a data source that refuses more than N requests at once', () => {
  it('evaluates every SLO, none in error, backing off to what the data source takes', async () => {
    const specs = Array.from({ length: 60 }, (_, index) => events(`slo-${index}`, { rolling: '7d' }));
    const clock = clockAt(T + 5);
    const prometheus = syntheticPrometheus({ specs, clock: clock.read, capacity: 3, latencyTicks: 3 });
    const scheduler = new AdaptiveScheduler({
      initialConcurrency: 8,
      maxConcurrency: 12,
      sleep: () => new Promise((resolve) => setTimeout(resolve, 0)),
    });
    const readings = await load(fleetOf(specs), T + 5, {
      executor: prometheus.executor,
      cache: new RangeCache(),
      clock: clock.read,
      schedulerFor: () => scheduler,
    });
    expect(readings.size).toBe(60);
    expect([...readings.values()].filter((reading) => reading.reading.kind === 'error')).toEqual([]);
    expect(scheduler.stats().overloads).toBeGreaterThan(0);
    expect(scheduler.stats().failed).toBe(0);
  });

  it('names the cause when the data source stays overloaded', async () => {
    const spec = events('checkout', { rolling: '7d' });
    const clock = clockAt(T + 5);
    const prometheus = syntheticPrometheus({ specs: [spec], clock: clock.read, capacity: 0 });
    const readings = await load(fleetOf([spec]), T + 5, {
      executor: prometheus.executor,
      cache: new RangeCache(),
      clock: clock.read,
      schedulerFor: () => new AdaptiveScheduler({ maxRetries: 2, sleep: async () => undefined }),
    });
    expect(readings.get('checkout')?.reading).toMatchObject({
      kind: 'error',
      message: 'still overloaded after 3 attempts: HTTP 503 Service Unavailable',
    });
  });
});

describe('loadFleet order and cancellation', () => {
  const specs = Array.from({ length: 8 }, (_, index) => events(`slo-${index}`, { rolling: '7d' }));

  it('reads the SLOs in view first, and follows a new order for those still queued', async () => {
    const clock = clockAt(T + 5);
    const prometheus = syntheticPrometheus({ specs, clock: clock.read });
    const order: string[] = [];
    const scheduler = new AdaptiveScheduler({ initialConcurrency: 1, maxConcurrency: 1 });
    const inView = new Set(['slo-5', 'slo-6']);
    const fleet = loadFleet(
      fleetOf(specs),
      { from: T - 86400, to: T + 5 },
      { executor: prometheus.executor, cache: new RangeCache(), clock: clock.read, schedulerFor: () => scheduler },
      {
        onReading: (reading) => {
          order.push(reading.slo.spec.id);
          if (order.length === 3) {
            // The user pages: slo-1 comes into view.
            fleet.prioritize((id) => (id === 'slo-1' ? -1 : Number(id.slice(4))));
          }
        },
        priorityOf: (id) => (inView.has(id) ? -10 + Number(id.slice(4)) : Number(id.slice(4))),
      }
    );
    await fleet.done;
    expect(order.slice(0, 2)).toEqual(['slo-5', 'slo-6']);
    // The third was already running when the page changed; the next one is slo-1.
    expect(order[3]).toBe('slo-1');
    expect(order).toHaveLength(8);
  });

  it('drops a superseded load: no more readings, its requests cancelled', async () => {
    const clock = clockAt(T + 5);
    const prometheus = syntheticPrometheus({ specs, clock: clock.read, latencyTicks: 5 });
    const readings: string[] = [];
    const fleet = loadFleet(
      fleetOf(specs),
      { from: T - 86400, to: T + 5 },
      {
        executor: prometheus.executor,
        cache: new RangeCache(),
        clock: clock.read,
        schedulerFor: () => new AdaptiveScheduler({ initialConcurrency: 2, maxConcurrency: 2 }),
      },
      { onReading: (reading) => readings.push(reading.slo.spec.id) }
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    fleet.abort();
    const summary = await fleet.done;
    expect(summary.aborted).toBe(true);
    expect(readings).toEqual([]);
    expect(prometheus.requests).toHaveLength(0);
    expect(fleet.pending()).toBe(8);
  });

  it('lets another reader read the SLOs it knows, the raw reader the rest', async () => {
    const clock = clockAt(T + 5);
    const prometheus = syntheticPrometheus({ specs, clock: clock.read });
    const readings = await load(fleetOf(specs), T + 5, {
      executor: prometheus.executor,
      cache: new RangeCache(),
      clock: clock.read,
      readers:
        () =>
        (slo, raw): SloReader =>
          slo.spec.id === 'slo-0'
            ? {
                source: 'recording rules',
                read: async (context) => {
                  const reading = await raw.read(context);
                  return reading;
                },
              }
            : raw,
    });
    expect(readings.get('slo-0')?.source).toBe('recording rules');
    expect(readings.get('slo-1')?.source).toBe('raw');
  });
});
