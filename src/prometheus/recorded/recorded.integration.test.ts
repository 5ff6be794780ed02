/**
 * The rules path against the raw path on a real Prometheus: the demo data plus SLO Burn's own exported
 * rules (`rulesYaml`, with the spec hash on `sloth_slo_info`) backfilled for two demo SLOs by
 * scripts/demo/sloth-rules.ts (cached in .demo-data/sloth-tsdb). The records exist every minute in the
 * 30 minutes before two evaluation times: two hours into the calico outage, when API server reads page,
 * and the end of the data.
 *
 * When: a rule group evaluates once a minute, at a fixed offset into the minute, so a record always lags
 * `now` by up to a minute. Each comparison is made one second before a minute mark M, where every record
 * read was evaluated after the sample at M − 1 min and before M (the test checks that), and so saw the
 * same samples as the raw path evaluated at that instant: any difference is the paths', not the lag's.
 */
import { type SloSpec, formatDuration, sliKind } from '../../domain';
import { type SlothTsdb, demoSpecs, ensureSlothTsdb, slothEvaluationTimes } from '../../../scripts/demo/sloth-rules';
import { DEMO_END_DEFAULT, MINUTE_SECONDS, demoTimeline } from '../../../scripts/demo/timeline';
import { type RunningPrometheus, startPrometheus } from '../../../scripts/prometheus/prometheus';
import { describeWithPrometheus } from '../../../scripts/prometheus/testing';
import { readSpecFile } from '../../cli/specFile';
import { DEMO_SLOS_FILE } from '../../../scripts/demo/demo-slos';
import { PrometheusHttpClient } from '../httpClient';
import { loadSlo } from '../loadSlo';
import { resultFromPromApi } from '../promApiAdapter';
import type { SloReading } from '../readSlo';
import { BUDGET_ABSOLUTE_TOLERANCE, compareRatio } from '../testing/agreement';
import { type FleetReading, RangeCache, loadFleet } from '../fleet';
import { httpExecutor } from '../fleet/httpExecutor';
import { AdaptiveScheduler } from '../scheduler';
import { type RecordedLoad, loadRecordedSlos, recordedRulesReaders } from '.';

/** A cold cache backfills the rules first: about two minutes on two cores. */
const SET_UP_TIMEOUT_MILLIS = 15 * 60_000;
const timeline = demoTimeline(DEMO_END_DEFAULT);
const evaluationTimes = slothEvaluationTimes(timeline);
const RULE_SLOS = ['apiserver-read-availability', 'checkout-availability'];

/** One second before minute marks inside the backfilled 30 minutes before each evaluation time. */
const INSTANTS: Array<[string, number]> = [29, 20, 10, 0].flatMap((minutesBefore) =>
  (['calicoOutage', 'dataEnd'] as const).map((name): [string, number] => [
    `${name} − ${minutesBefore} min − 1 s`,
    evaluationTimes[name] - minutesBefore * MINUTE_SECONDS - 1,
  ])
);

type Evaluated = Extract<SloReading, { kind: 'evaluated' }>;

describeWithPrometheus('reading SLOs from their recording rules', () => {
  let tsdb: SlothTsdb;
  let prometheus: RunningPrometheus;
  let client: PrometheusHttpClient;
  const specs: SloSpec[] = readSpecFile(DEMO_SLOS_FILE).valid;
  const loads = new Map<number, RecordedLoad>();

  beforeAll(async () => {
    tsdb = await ensureSlothTsdb();
    prometheus = await startPrometheus({ dataDir: tsdb.dir });
    client = new PrometheusHttpClient({ url: prometheus.url, timeoutSeconds: 60, withStats: true });
  }, SET_UP_TIMEOUT_MILLIS);

  afterAll(async () => {
    await prometheus?.stop();
  });

  async function rulesAt(now: number): Promise<RecordedLoad> {
    if (!loads.has(now)) {
      loads.set(now, await loadRecordedSlos(client, specs, now));
    }
    return loads.get(now)!;
  }

  async function rawAt(spec: SloSpec, now: number): Promise<Evaluated> {
    const { reading } = await loadSlo(client, spec, { from: now - 86400, to: now, view: 'overview' });
    if (reading.kind !== 'evaluated') {
      throw new Error(`${spec.id} at ${now}: ${reading.message}`);
    }
    return reading;
  }

  /** Seconds since each record of the SLO was evaluated, as of `now`. */
  async function recordAges(slothId: string, now: number): Promise<number[]> {
    const expr = `${now} - timestamp({__name__=~"slo:sli_error:ratio_rate.+",sloth_id="${slothId}"})`;
    const { response } = await client.instant(expr, now);
    const result = resultFromPromApi('ages', response);
    if (result.error) {
      throw new Error(result.error);
    }
    return result.series.map((series) => series.values[0]);
  }

  it('the backfilled rules are the ones the demo SLOs export today', () => {
    expect(tsdb.specs.map((spec) => spec.id)).toEqual(RULE_SLOS);
    expect(demoSpecs().map((spec) => spec.id)).toEqual(RULE_SLOS);
  });

  it('detects the two SLOs with matching rules and says why every other demo SLO reads raw', async () => {
    const { detection } = await rulesAt(INSTANTS[0][1]);
    expect(detection.error).toBeNull();
    expect(detection.matched.map((match) => [match.spec.id, match.rules, match.slothId])).toEqual([
      ['apiserver-read-availability', 'sloburn', 'apiserver-read-availability'],
      ['checkout-availability', 'sloburn', 'checkout-availability'],
    ]);
    const raw = detection.verdicts.flatMap((verdict) =>
      verdict.kind === 'raw' ? [[verdict.spec.id, verdict.reason]] : []
    );
    expect(raw).toEqual(
      specs
        .filter((spec) => !RULE_SLOS.includes(spec.id))
        .map((spec) => [spec.id, 'calendar' in spec.period || sliKind(spec.sli) === 'raw' ? 'ineligible' : 'no-rules'])
    );
  });

  it('reads an SLO whose objective was edited since the rules were written raw', async () => {
    const edited = specs.map((spec) => (spec.id === 'checkout-availability' ? { ...spec, objective: 99.5 } : spec));
    const { detection } = await loadRecordedSlos(client, edited, INSTANTS[0][1]);
    expect(detection.verdicts.find((verdict) => verdict.spec.id === 'checkout-availability')).toMatchObject({
      kind: 'raw',
      reason: 'mismatch',
      message: "the rules were written for objective 99.9, the SLO's is 99.5",
    });
    expect(detection.matched.map((match) => match.spec.id)).toEqual(['apiserver-read-availability']);
  });

  describe.each(INSTANTS)('at %s', (_when, now) => {
    it.each(RULE_SLOS)('%s: same state, window ratios and budget as the raw path', async (id) => {
      const ages = await recordAges(id, now);
      expect(ages).toHaveLength(8);
      // The premise: every record saw the samples the raw path sees at `now` (see the module comment).
      expect(Math.max(...ages)).toBeLessThan(MINUTE_SECONDS - 1);
      expect(Math.min(...ages)).toBeGreaterThanOrEqual(0);

      const rules = (await rulesAt(now)).readings.get(id);
      if (rules?.kind !== 'evaluated') {
        throw new Error(`${id} was not read from rules: ${rules?.message}`);
      }
      expect(rules.source).toBe('rules');
      const fromRules = rules.groups[0].evaluation;
      const raw = await rawAt(rules.spec, now);
      expect(raw.source).toBeUndefined();
      const fromRaw = raw.groups[0].evaluation;

      expect({
        status: fromRules.status,
        page: fromRules.alerts.page,
        ticket: fromRules.alerts.ticket,
        pairs: fromRules.alerts.pairs.map((pair) => pair.state),
      }).toEqual({
        status: fromRaw.status,
        page: fromRaw.alerts.page,
        ticket: fromRaw.alerts.ticket,
        pairs: fromRaw.alerts.pairs.map((pair) => pair.state),
      });
      const windows = [...fromRules.windows, fromRules.periodWindow].map((window, index) => {
        const rawWindow = index < fromRaw.windows.length ? fromRaw.windows[index] : fromRaw.periodWindow;
        return {
          window: formatDuration(window.seconds),
          agrees: compareRatio(window.errorRatio, rawWindow.errorRatio ?? Number.NaN).agrees,
          rules: window.errorRatio,
          raw: rawWindow.errorRatio,
        };
      });
      expect(windows.filter((window) => !window.agrees)).toEqual([]);
      expect(windows.map((window) => window.window)).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d']);
      expect(Math.abs(fromRules.budgetRemaining! - fromRaw.budgetRemaining!)).toBeLessThanOrEqual(
        BUDGET_ABSOLUTE_TOLERANCE
      );
      expect(fromRules.sli).toBeCloseTo(fromRaw.sli!, 4);
    });
  });

  it('compares real states: pages during the outage, a ticket pair that starts firing, quiet at the end', async () => {
    const states = new Map<string, string[]>();
    for (const [when, now] of INSTANTS) {
      const reading = (await rulesAt(now)).readings.get('apiserver-read-availability') as Evaluated;
      const evaluation = reading.groups[0].evaluation;
      states.set(when, [evaluation.status, evaluation.alerts.pairs.map((pair) => pair.state[0]).join('')]);
    }
    expect(states.get('calicoOutage − 29 min − 1 s')).toEqual(['page', 'ffof']);
    expect(states.get('calicoOutage − 0 min − 1 s')).toEqual(['page', 'ffff']);
    expect(states.get('dataEnd − 0 min − 1 s')).toEqual(['ok', 'oooo']);
  });

  it('in the fleet loader: the SLOs with rules read from them, the others raw, every state as the raw load gives it', async () => {
    const now = INSTANTS[0][1];
    const fleetLoad = async (withRules: boolean) => {
      const readings = new Map<string, FleetReading>();
      const summary = await loadFleet(
        specs.map((spec) => ({ spec, datasource: prometheus.url })),
        { from: now - 86400, to: now },
        {
          executor: httpExecutor({ url: prometheus.url, timeoutSeconds: 60, withStats: true }),
          cache: new RangeCache(),
          clock: () => now,
          schedulerFor: () => new AdaptiveScheduler({ initialConcurrency: 2, maxConcurrency: 2 }),
          readers: withRules ? recordedRulesReaders() : undefined,
        },
        { onReading: (reading) => readings.set(reading.slo.spec.id, reading) }
      ).done;
      return { readings, summary };
    };
    const rules = await fleetLoad(true);
    const raw = await fleetLoad(false);
    const sources = [...rules.readings.values()].filter((reading) => reading.source === 'rules');
    expect(sources.map((reading) => reading.slo.spec.id).sort()).toEqual(RULE_SLOS);
    expect(rules.summary).toMatchObject({ errors: raw.summary.errors, evaluated: raw.summary.evaluated });
    const stateOf = (reading: FleetReading | undefined) =>
      reading?.reading.kind === 'evaluated'
        ? reading.reading.groups.map((group) => [group.evaluation.status, group.evaluation.alerts.page])
        : reading?.reading.message;
    for (const spec of specs) {
      expect({ id: spec.id, state: stateOf(rules.readings.get(spec.id)) }).toEqual({
        id: spec.id,
        state: stateOf(raw.readings.get(spec.id)),
      });
    }
    // Two SLOs read from 16 records and two detection queries instead of their periods of raw data.
    expect(rules.summary.samples).toBeLessThan(raw.summary.samples);
  });

  it('reads O(windows) samples per SLO: one per record, where the raw path reads the period', async () => {
    const now = INSTANTS[0][1];
    const load = await rulesAt(now);
    const reads = load.costs.slice(2);
    expect(reads).toHaveLength(1);
    expect(reads[0].samples).toBe(2 * 8);
    const rawSamples = await Promise.all(
      RULE_SLOS.map(async (id) => {
        const spec = specs.find((candidate) => candidate.id === id)!;
        const { costs } = await loadSlo(client, spec, { from: now - 86400, to: now, view: 'overview' });
        return costs.reduce((sum, cost) => sum + (cost.samples ?? 0), 0);
      })
    );
    expect(Math.min(...rawSamples)).toBeGreaterThan(1000 * (reads[0].samples ?? Infinity));
  });
});
