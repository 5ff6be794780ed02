import { recordedIneligibility, sliKind } from '../../../src/domain';
import { createStream } from '../../demo/random';
import { sampleGrid } from '../../demo/series';
import { DAY_SECONDS, DEMO_END_DEFAULT, HOUR_SECONDS } from '../../demo/timeline';
import { blockSlices } from './generate';
import { isReadRecord, recordedOpenMetrics } from './rules-backfill';
import { FLEET_SERVICE_COUNT, type FleetService, fleetServices } from './services';
import { conditionsAt, logNormalShares, simulateService } from './simulate';
import { fleetDataSpecs } from './specs';

const end = DEMO_END_DEFAULT;

describe('fleetServices', () => {
  const services = fleetServices(end);

  it('gives 200 services with distinct names, the same for the same seed', () => {
    expect(services).toHaveLength(FLEET_SERVICE_COUNT);
    expect(new Set(services.map((service) => service.name)).size).toBe(FLEET_SERVICE_COUNT);
    expect(fleetServices(end)).toEqual(services);
    expect(fleetServices(end, 33, 8)).not.toEqual(services);
    expect(services.filter((service) => service.clusters.length === 2)).toHaveLength(20);
  });

  it('places incidents at the end of the data, so that the evaluation time finds pages, tickets and slowness', () => {
    const atEnd = (service: FleetService) => conditionsAt(service, end);
    const every25th = (offset: number) => services.filter((_, index) => index % 25 === offset);
    expect(every25th(0).every((service) => atEnd(service).serverErrors >= 0.3)).toBe(true);
    expect(every25th(1).every((service) => atEnd(service).serverErrors >= 0.006)).toBe(true);
    expect(every25th(3).every((service) => atEnd(service).slowdown === 12)).toBe(true);
    // Ten days before the end, the long outage of every 25th service but two.
    expect(
      every25th(2).every((service) => conditionsAt(service, end - 10 * DAY_SECONDS + HOUR_SECONDS).serverErrors >= 0.2)
    ).toBe(true);
    expect(services.filter((service) => atEnd(service).serverErrors < 0.001).length).toBeGreaterThan(150);
  });
});

describe('simulateService', () => {
  const grid = sampleGrid(end - DAY_SECONDS, end);
  const [service] = fleetServices(end);
  const families = simulateService(grid, service, createStream(1, service.name));

  it('writes requests by code and a latency histogram with le as Prometheus 3 stores it', () => {
    expect(families.map((family) => [family.name, family.type, family.series.length])).toEqual([
      ['http_requests', 'counter', 4],
      ['http_request_duration_seconds', 'histogram', 8],
    ]);
    const les = families[1].series
      .filter((series) => series.name.endsWith('_bucket'))
      .map((series) => Object.fromEntries(series.labels).le);
    expect(les).toEqual(['0.1', '0.25', '0.5', '1.0', '2.5', '+Inf']);
    expect(Object.fromEntries(families[0].series[0].labels)).toEqual({
      cluster: 'eu-1',
      code: '200',
      service: 'cart-api',
    });
  });

  it('keeps counters cumulative, +Inf equal to the request total, the same on every run', () => {
    const [ok, notFound, internal, unavailable] = families[0].series.map((series) => series.values);
    const infinite = families[1].series.find((series) => Object.fromEntries(series.labels).le === '+Inf')!.values;
    for (let index = 1; index < grid.count; index++) {
      expect(ok[index]).toBeGreaterThanOrEqual(ok[index - 1]);
    }
    const last = grid.count - 1;
    expect(ok[last] + notFound[last] + internal[last] + unavailable[last]).toBe(infinite[last]);
    expect(ok[last]).toBeGreaterThan(0);
    const again = simulateService(grid, service, createStream(1, service.name));
    expect(again[0].series[0].values).toEqual(families[0].series[0].values);
  });

  it('leaves a gap before a restart and starts the counters again from zero', () => {
    const restarted: FleetService = { ...service, incidents: [], restartAt: end - 6 * HOUR_SECONDS };
    const [requests] = simulateService(grid, restarted, createStream(1, 'restart'));
    const index = (time: number) => (time - grid.start) / 60;
    const values = requests.series[0].values;
    expect(Number.isNaN(values[index(end - 6 * HOUR_SECONDS - 60)])).toBe(true);
    expect(values[index(end - 6 * HOUR_SECONDS)]).toBeLessThan(values[index(end - 6 * HOUR_SECONDS - 180)]);
  });
});

describe('blockSlices', () => {
  it("cuts the samples at multiples of the block range, as promtool's blocks are", () => {
    const grid = sampleGrid(3000, 3600 * 3);
    const slices = blockSlices(grid, 3600);
    expect(slices.map(({ firstIndex, lastIndex }) => [firstIndex * 60 + 3000, lastIndex * 60 + 3000])).toEqual([
      [3000, 3540],
      [3600, 7140],
      [7200, 10740],
      [10800, 10800],
    ]);
  });
});

describe('logNormalShares', () => {
  it('splits every request into one interval, slower medians shifting requests up', () => {
    const fast = logNormalShares(0.05, [0.1, 0.25, 0.5, 1, 2.5]);
    const slow = logNormalShares(0.5, [0.1, 0.25, 0.5, 1, 2.5]);
    expect(fast.reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 12);
    expect(fast[0]).toBeGreaterThan(0.85);
    // Half of the requests are below the median, which is a bound here.
    expect(slow.slice(0, 3).reduce((sum, share) => sum + share, 0)).toBeCloseTo(0.5, 6);
  });
});

describe('fleetDataSpecs', () => {
  const specs = fleetDataSpecs();

  it('gives 1,000 valid SLOs, five per service, with distinct ids', () => {
    expect(specs).toHaveLength(1000);
    expect(new Set(specs.map((spec) => spec.id)).size).toBe(1000);
    expect(new Set(specs.map((spec) => spec.service)).size).toBe(200);
    // Any prefix spreads over the fleet: the first 200 are every service's availability.
    expect(new Set(fleetDataSpecs(200).map((spec) => spec.service)).size).toBe(200);
  });

  it('holds every SLI kind, period and option the app supports, some of which only raw data can give', () => {
    const count = (predicate: (spec: (typeof specs)[number]) => boolean) => specs.filter(predicate).length;
    expect(count((spec) => sliKind(spec.sli) === 'events')).toBe(200 + 150 + 200);
    expect(count((spec) => sliKind(spec.sli) === 'latency')).toBe(200);
    expect(count((spec) => sliKind(spec.sli) === 'ratio')).toBe(200);
    expect(count((spec) => sliKind(spec.sli) === 'raw')).toBe(50);
    expect(count((spec) => 'calendar' in spec.period)).toBe(50);
    expect(count((spec) => spec.alerting?.minEvents !== undefined)).toBe(50);
    expect(count((spec) => spec.budgetingMethod === 'timeslices')).toBe(40);
    expect(count((spec) => /by \(cluster\)/.test(JSON.stringify(spec.sli)))).toBe(20);
    expect(count((spec) => recordedIneligibility(spec) !== null)).toBe(140);
    expect(new Set(specs.map((spec) => JSON.stringify(spec.period))).size).toBe(4);
  });
});

describe('the recordings as OpenMetrics', () => {
  it('groups each record, writes NaN and infinities as Go reads them, escapes labels', () => {
    const text = recordedOpenMetrics(
      [
        { name: 'slo:sli_error:ratio_rate5m', labels: { sloth_id: 'a' }, value: 0.001 },
        { name: 'sloth_slo_info', labels: { sloth_id: 'a', note: 'say "hi"' }, value: 1 },
        { name: 'slo:sli_error:ratio_rate5m', labels: { sloth_id: 'b' }, value: Number.NaN },
        { name: 'slo:sli_error:ratio_rate5m', labels: { sloth_id: 'c' }, value: Number.POSITIVE_INFINITY },
      ],
      1000
    );
    expect(text).toBe(
      [
        '# TYPE slo:sli_error:ratio_rate5m gauge',
        'slo:sli_error:ratio_rate5m{sloth_id="a"} 0.001 1000',
        'slo:sli_error:ratio_rate5m{sloth_id="b"} NaN 1000',
        'slo:sli_error:ratio_rate5m{sloth_id="c"} +Inf 1000',
        '# TYPE sloth_slo_info gauge',
        'sloth_slo_info{sloth_id="a",note="say \\"hi\\""} 1 1000',
        '# EOF',
        '',
      ].join('\n')
    );
  });

  it('evaluates only what the rules path reads', () => {
    expect(['slo:sli_error:ratio_rate5m', 'slo:sli_error:ratio_rate30d', 'sloth_slo_info'].every(isReadRecord)).toBe(
      true
    );
    expect(['slo:objective:ratio', 'slo:period_burn_rate:ratio'].some(isReadRecord)).toBe(false);
  });
});
