import type { SloSpec } from '../../domain';
import { type FleetLoadSummary, type FleetLoaderOptions, loadFleet } from '../fleet/fleetLoader';
import { RangeCache } from '../fleet/rangeCache';
import { syntheticPrometheus } from '../fleet/testing/syntheticPrometheus';
import type { FleetReading, FleetSlo, PlanExecutor } from '../fleet/types';
import { AdaptiveScheduler } from '../scheduler';
import { recordedRulesReaders } from './fleetReaders';
import { recordedWindows } from './records';

/** A Thursday, 10:00:00 UTC, and a user's "now" a few seconds later. */
const T = 1793268000;
const NOW = T + 5;

const events = (id: string, change: Partial<SloSpec> = {}): SloSpec => ({
  id,
  name: id,
  service: 'checkout',
  objective: 99.5,
  period: { rolling: '7d' },
  budgetingMethod: 'occurrences',
  sli: {
    events: {
      errorQuery: `sum(rate(http_requests_total{slo="${id}",code=~"5.."}[{{.window}}]))`,
      totalQuery: `sum(rate(http_requests_total{slo="${id}"}[{{.window}}]))`,
    },
  },
  ...change,
});

const fleetOf = (specs: readonly SloSpec[]): FleetSlo[] => specs.map((spec) => ({ spec, datasource: 'prom-a' }));

async function load(
  specs: readonly SloSpec[],
  options: Partial<FleetLoaderOptions> & Pick<FleetLoaderOptions, 'executor'>
): Promise<{ readings: Map<string, FleetReading>; summary: FleetLoadSummary }> {
  const readings = new Map<string, FleetReading>();
  const fleet = loadFleet(
    fleetOf(specs),
    { from: NOW - 86400, to: NOW },
    {
      schedulerFor: () => new AdaptiveScheduler(),
      cache: new RangeCache(),
      clock: () => NOW,
      readers: recordedRulesReaders(),
      ...options,
    },
    { onReading: (reading) => readings.set(reading.slo.spec.id, reading) }
  );
  const summary = await fleet.done;
  return { readings, summary };
}

const sourcesOf = (readings: Map<string, FleetReading>) =>
  Object.fromEntries([...readings].map(([id, reading]) => [id, reading.source]));

const notesOf = (reading: FleetReading | undefined) =>
  reading?.reading.kind === 'evaluated' ? reading.reading.notes.filter((note) => note.includes('Recording rules')) : [];

describe('recordedRulesReaders in the fleet loader', () => {
  it('reads the SLOs whose rules match from them, in one detection and one batched read, with their raw state', async () => {
    const specs = Array.from({ length: 6 }, (_, index) => events(`slo-${index}`));
    const deployed = specs.slice(0, 4);
    const prometheus = syntheticPrometheus({ specs, clock: () => NOW, rules: deployed });
    const { readings, summary } = await load(specs, { executor: prometheus.executor });

    expect(sourcesOf(readings)).toEqual({
      'slo-0': 'rules',
      'slo-1': 'rules',
      'slo-2': 'rules',
      'slo-3': 'rules',
      'slo-4': 'raw',
      'slo-5': 'raw',
    });
    expect(summary).toMatchObject({ errors: 0, evaluated: 6, sources: { rules: 4, raw: 2 } });
    // The rules path: one detection, one read of every matched SLO's windows; the raw path only for the rest.
    expect(prometheus.recordedRequests.map((plan) => plan.sloId)).toEqual([
      'recorded-rules-detection',
      'recorded-rules-recorded-0',
    ]);
    expect(prometheus.requests.map((plan) => plan.sloId).sort()).toEqual(['slo-4', 'slo-5']);
    expect(prometheus.recordedSamples()).toBe(4 * recordedWindows(specs[0]).length);
    expect(summary.requests).toBe(2 + 2);

    // The same states as the raw path over the same events.
    const raw = await load(deployed, {
      executor: syntheticPrometheus({ specs, clock: () => NOW }).executor,
      readers: undefined,
    });
    for (const spec of deployed) {
      const fromRules = readings.get(spec.id)!.reading;
      const fromRaw = raw.readings.get(spec.id)!.reading;
      expect(fromRules).toMatchObject({ kind: 'evaluated', source: 'rules' });
      if (fromRules.kind !== 'evaluated' || fromRaw.kind !== 'evaluated') {
        throw new Error('both evaluated');
      }
      const [rules, rawOne] = [fromRules.groups[0].evaluation, fromRaw.groups[0].evaluation];
      expect(rules.status).toBe(rawOne.status);
      expect(rules.alerts.pairs.map((pair) => pair.firing)).toEqual(rawOne.alerts.pairs.map((pair) => pair.firing));
      expect(Math.abs(rules.budgetRemaining! - rawOne.budgetRemaining!)).toBeLessThan(0.005);
    }
  });

  it('reads a fleet with rules in O(windows) samples per SLO, many SLOs per request, none raw', async () => {
    const specs = Array.from({ length: 60 }, (_, index) => events(`fleet-service-${index}-availability`));
    const prometheus = syntheticPrometheus({ specs, clock: () => NOW, rules: specs });
    // Short queries, so that the fleet needs several reads.
    const { readings, summary } = await load(specs, {
      executor: prometheus.executor,
      readers: recordedRulesReaders({ maxQueryLength: 1000 }),
    });
    expect(summary).toMatchObject({ errors: 0, evaluated: 60, sources: { rules: 60 } });
    expect(prometheus.requests).toHaveLength(0);
    const reads = prometheus.recordedRequests.length - 1;
    expect(reads).toBeGreaterThan(1);
    expect(reads).toBeLessThan(60 / 4);
    expect(summary.requests).toBe(1 + reads);
    expect(prometheus.recordedSamples()).toBe(60 * recordedWindows(specs[0]).length);
    expect([...readings.values()].every((reading) => reading.requests === 0)).toBe(true);
  }, 20_000);

  it('reads raw the SLOs whose rules are absent, written for another spec, or gone since detection', async () => {
    const absent = events('absent');
    const edited = events('edited', { objective: 99.5 });
    const calendar = events('calendar', { period: { calendar: 'month', timezone: 'UTC' } });
    const specs = [absent, edited, calendar];
    const prometheus = syntheticPrometheus({
      specs,
      clock: () => NOW,
      // Rules deployed before the objective was edited, and rules that exist for a calendar SLO.
      rules: [{ ...edited, objective: 99.9 }, calendar],
    });
    const { readings, summary } = await load(specs, { executor: prometheus.executor });
    expect(sourcesOf(readings)).toEqual({ absent: 'raw', edited: 'raw', calendar: 'raw' });
    expect(summary).toMatchObject({ errors: 0, evaluated: 3 });
    expect(prometheus.requests.map((plan) => plan.sloId).sort()).toEqual(['absent', 'calendar', 'edited']);
    // Rules that exist but cannot serve the SLO say why; no rules at all is the usual case and says nothing.
    expect(notesOf(readings.get('edited'))).toEqual([
      "Recording rules not used: the rules were written for objective 99.9, the SLO's is 99.5",
    ]);
    expect(notesOf(readings.get('absent'))).toEqual([]);
    expect(notesOf(readings.get('calendar'))).toEqual([]);
    // Only the detection: nothing matched, nothing to read.
    expect(prometheus.recordedRequests.map((plan) => plan.sloId)).toEqual(['recorded-rules-detection']);

    // Records detected, then gone (a stale series, rules removed) when read: raw, and the row says why.
    const vanished = syntheticPrometheus({
      specs,
      clock: () => NOW,
      rules: [absent],
      rulesError: { reads: 'execution: query timed out' },
    });
    const afterVanish = await load([absent], { executor: vanished.executor });
    expect(afterVanish.readings.get('absent')).toMatchObject({ source: 'raw', reading: { kind: 'evaluated' } });
    expect(notesOf(afterVanish.readings.get('absent'))).toEqual([
      'Recording rules not used: recording rules could not be read: execution: query timed out',
    ]);
  });

  it('sends no detection when no SLO of the load could be read from rules', async () => {
    const specs = [
      events('calendar', { period: { calendar: 'week', timezone: 'UTC' } }),
      events('slices', { budgetingMethod: 'timeslices', timesliceTarget: 95, timesliceWindow: '5m' }),
    ];
    const prometheus = syntheticPrometheus({ specs, clock: () => NOW, rules: specs });
    const { summary } = await load(specs, { executor: prometheus.executor });
    expect(summary).toMatchObject({ errors: 0, evaluated: 2, sources: { raw: 2 } });
    expect(prometheus.recordedRequests).toHaveLength(0);
  });

  it.each([
    ['answers the detection with an error', { rulesError: { detection: 'bad_data: parse error' } }, false],
    ['fails the detection request as a whole', {}, true],
  ])('reads every SLO raw, none in error, when Prometheus %s', async (_, failure, rejectDetection) => {
    const specs = Array.from({ length: 5 }, (_unused, index) => events(`slo-${index}`));
    const prometheus = syntheticPrometheus({ specs, clock: () => NOW, rules: specs, ...failure });
    const executor: PlanExecutor = async (request) => {
      if (rejectDetection && request.plan.sloId === 'recorded-rules-detection') {
        throw new Error('HTTP 502 Bad Gateway');
      }
      return prometheus.executor(request);
    };
    const { readings, summary } = await load(specs, { executor });
    expect(summary).toMatchObject({ errors: 0, evaluated: 5, sources: { raw: 5 } });
    expect([...readings.values()].map((reading) => notesOf(reading))).toEqual(specs.map(() => []));
    expect(prometheus.requests).toHaveLength(5);
  });

  it('detects once per load: a refresh detects again, as of its own instant', async () => {
    const specs = [events('checkout')];
    const prometheus = syntheticPrometheus({ specs, clock: () => NOW + 60, rules: specs });
    const cache = new RangeCache();
    await load(specs, { executor: prometheus.executor, cache });
    await load(specs, { executor: prometheus.executor, cache, clock: () => NOW + 60 });
    expect(prometheus.recordedRequests.map((plan) => plan.sloId)).toEqual([
      'recorded-rules-detection',
      'recorded-rules-recorded-0',
      'recorded-rules-detection',
      'recorded-rules-recorded-0',
    ]);
  });

  it('drops an aborted load while it detects: no reading, no unhandled rejection', async () => {
    const specs = Array.from({ length: 4 }, (_, index) => events(`slo-${index}`));
    const prometheus = syntheticPrometheus({ specs, clock: () => NOW, rules: specs, latencyTicks: 5 });
    const readings: string[] = [];
    const fleet = loadFleet(
      fleetOf(specs),
      { from: NOW - 86400, to: NOW },
      {
        executor: prometheus.executor,
        cache: new RangeCache(),
        clock: () => NOW,
        schedulerFor: () => new AdaptiveScheduler(),
        readers: recordedRulesReaders(),
      },
      { onReading: (reading) => readings.push(reading.slo.spec.id) }
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    fleet.abort();
    expect(await fleet.done).toMatchObject({ aborted: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(readings).toEqual([]);
    expect(prometheus.recordedRequests).toHaveLength(0);
    expect(prometheus.requests).toHaveLength(0);
  });
});
