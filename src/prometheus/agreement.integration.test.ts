/** @jest-environment node */
/**
 * Agreement with Prometheus: for every demo SLO, at evaluation times in and just after every incident
 * of the demo data (and at quiet times, near the data's start and end, and around a calendar-month
 * boundary), the client-side results must agree with what a real Prometheus computes for the same
 * definitions:
 * - each alert window's error ratio within 1 % relative (or 1e-6 absolute) of the SLI's error ratio
 *   over that window, evaluated by Prometheus at that time; NaN or no result (no traffic, no data) is
 *   the engine's null;
 * - the budget remaining over the period within 0.5 percentage points;
 * - every alert pair's state equal to the state of the exported alert expression (recordings inlined),
 *   except where a ratio lies within 2 % of the pair's threshold;
 * - and nothing the engine reports is NaN, ±Infinity or a negative count, across the counter reset,
 *   the scrape gap and the hour without traffic.
 * See src/prometheus/testing/agreement.ts for the Prometheus side of each comparison.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { queryInstant, queryScalar } from '../../scripts/prometheus/client';
import { describeWithPrometheus, withDemoPrometheus } from '../../scripts/prometheus/testing';
import {
  DAY_SECONDS,
  HOUR_SECONDS,
  MINUTE_SECONDS,
  type DemoTimeline,
  type TimeWindow,
} from '../../scripts/demo/timeline';
import { DEMO_SLOS_FILE } from '../../scripts/demo/demo-slos';
import { run } from '../cli/main';
import { type SloSpec, formatDuration, parseSloSpecsYaml, periodBounds } from '../domain';
import { PrometheusHttpClient } from './httpClient';
import { loadSlo } from './loadSlo';
import { type PlanView, planQueries } from './plan';
import { promDuration, withWindow } from './promql';
import {
  RangeReplayClient,
  type ReadPath,
  type SloAgreement,
  agreementAt,
  compareRatio,
  concurrencyLimit,
  numericDifferences,
} from './testing/agreement';

/** Prometheus requests in flight at once; the server is CPU-bound, so more would only queue. */
const PARALLELISM = 8;
const STEP = 300;
const MINIMUM_TIMES_PER_SLO = 20;
/** Share of alert pair comparisons that may be skipped as too close to their threshold. */
const MAXIMUM_SKIPPED_SHARE = 0.1;
const SET_UP_TIMEOUT_MILLIS = 600_000;
/**
 * The guarded SLO's minimum: checkout serves 70,000 to 180,000 requests an hour, so only a long window that
 * reaches into the quiet hour holds fewer.
 */
const GUARD_MIN_EVENTS = 50_000;

interface EvaluationTime {
  time: number;
  why: string;
}

/**
 * Where the engine is evaluated: inside and after every incident, mostly between two bucket boundaries
 * (37 s, 1 min, 2 min 13 s after a multiple of 5 minutes), as a time picker's `now` is, and some on the
 * grid. The same times serve every SLO: another service's incident is a quiet time for it.
 */
function evaluationTimes(timeline: DemoTimeline): EvaluationTime[] {
  const { incidents } = timeline;
  const times: EvaluationTime[] = [];
  const around = (name: string, incident: TimeWindow, inside: number[], after: number[]) => {
    for (const offset of inside) {
      times.push({ time: incident.start + offset, why: `${name} start + ${formatDuration(offset)}` });
    }
    for (const offset of after) {
      times.push({
        time: incident.end + offset,
        why: offset === 0 ? `${name} end` : `${name} end + ${formatDuration(offset)}`,
      });
    }
  };
  const M = MINUTE_SECONDS;
  const H = HOUR_SECONDS;
  const late = 2 * M + 13;
  // One minute after the outage ends: where reading as of the last 5-minute boundary was 33 % off.
  around('calicoOutage', incidents.calicoOutage, [30 * M + 37, 2 * H + late], [0, M, 5 * M + 37, H + late]);
  around('member2Unreachable', incidents.member2Unreachable, [30 * M + 37, H], [M, 5 * M, H + late]);
  around('member3Flapping', incidents.member3Flapping, [3 * H + 37], [late, 5 * M]);
  around('checkoutSlowBurn', incidents.checkoutSlowBurn, [6 * H + 37, DAY_SECONDS + late], [0, M, 2 * H + 37]);
  // The last sample before the gap is a minute before `start`; the sample at `end` has restarted counters.
  around('checkoutRestart', incidents.checkoutRestart, [0, 37], [0, M, 5 * M, H + late]);
  around('checkoutQuietHour', incidents.checkoutQuietHour, [30 * M + 37], [0, 5 * M + 37]);
  // Three days in: the 30-day windows (and September's calendar period) reach back before the data.
  times.push({ time: timeline.start + 3 * DAY_SECONDS, why: 'three days after the data starts' });
  times.push({ time: timeline.end - 12 * H + 37, why: 'a quiet time' });
  // November begins at 23:00 UTC in Berlin; October there had 31 days and an hour (DST ended).
  const berlinNovember = Date.UTC(2026, 9, 31, 23) / 1000;
  times.push({ time: berlinNovember - 5 * M, why: 'the last bucket of October in Berlin' });
  times.push({ time: berlinNovember + 5 * M, why: 'the first bucket of November in Berlin' });
  times.push({ time: berlinNovember + late, why: 'two minutes into November in Berlin' });
  times.push({ time: timeline.end, why: 'the end of the data' });
  return times.sort((a, b) => a.time - b.time);
}

function demoSpecs(): SloSpec[] {
  const { valid, problems } = parseSloSpecsYaml(readFileSync(DEMO_SLOS_FILE, 'utf8'));
  if (problems.some((problem) => problem.severity === 'error')) {
    throw new Error(`demo/slos.yaml is invalid: ${JSON.stringify(problems)}`);
  }
  return valid;
}

/** One way of reading one SLO, compared at every evaluation time. */
interface AgreementCase {
  name: string;
  spec: SloSpec;
  path: ReadPath;
  view: PlanView;
  visibleSeconds: number;
  /** The step the plan must read at. */
  step: number;
}

/**
 * Every demo SLO over HTTP (the command-line tool's path) and a latency SLI whose threshold is stored as
 * `le="1.0"`; on the Grafana path (a coarsened plan run as promlib runs it, answers as Grafana's frames),
 * the calendar-month SLO on an overview and on a detail page wide enough to coarsen its step, and
 * 2-minute time slices, whose own step fits the points limit over a 7-day period.
 */
function agreementCases(specs: SloSpec[]): AgreementCase[] {
  const http = (spec: SloSpec): AgreementCase => ({
    name: spec.id,
    spec,
    path: 'http',
    view: 'overview',
    visibleSeconds: HOUR_SECONDS,
    step: STEP,
  });
  const checkout = specs.find((spec) => spec.id === 'checkout-availability')!;
  const monthly = specs.find((spec) => spec.id === 'checkout-latency')!;
  const withinOneSecond: SloSpec = {
    ...monthly,
    id: 'checkout-latency-1s',
    name: 'Checkout latency within 1 s',
    objective: 99.9,
    period: { rolling: '30d' },
    breakdownLabels: undefined,
    sli: {
      latency: {
        bucketMetric: 'http_request_duration_seconds_bucket',
        threshold: '1',
        selector: '{service="checkout"}',
      },
    },
  };
  const slices: SloSpec = {
    ...checkout,
    id: 'checkout-availability-slices',
    name: 'Checkout availability (2-minute slices)',
    objective: 99,
    period: { rolling: '7d' },
    budgetingMethod: 'timeslices',
    timesliceTarget: 99.8,
    timesliceWindow: '2m',
    breakdownLabels: undefined,
  };
  const guarded: SloSpec = {
    ...checkout,
    id: 'checkout-availability-guarded',
    name: 'Checkout availability (low-traffic guard)',
    alerting: { windows: 'default', minEvents: GUARD_MIN_EVENTS },
  };
  return [
    ...specs.map(http),
    http(withinOneSecond),
    http(guarded),
    {
      name: 'grafana: checkout-latency',
      spec: monthly,
      path: 'grafana',
      view: 'overview',
      visibleSeconds: HOUR_SECONDS,
      step: STEP,
    },
    {
      name: 'grafana: checkout-latency, detail over 40 days',
      spec: monthly,
      path: 'grafana',
      view: 'detail',
      visibleSeconds: 40 * DAY_SECONDS,
      step: 2 * STEP,
    },
    {
      name: 'grafana: checkout-availability-slices',
      spec: slices,
      path: 'grafana',
      view: 'overview',
      visibleSeconds: HOUR_SECONDS,
      step: 120,
    },
  ];
}

function iso(time: number): string {
  return new Date(time * 1000).toISOString().replace('.000Z', 'Z');
}

function format(value: number | null): string {
  return value === null ? 'null' : Number.isNaN(value) ? 'NaN/none' : value.toPrecision(6);
}

describeWithPrometheus('agreement with Prometheus', () => {
  const prometheus = withDemoPrometheus();
  const { timeline } = prometheus;
  const specs = demoSpecs();
  const cases = agreementCases(specs);
  const names = cases.map((one) => one.name);
  const times = evaluationTimes(timeline);
  const whyAt = new Map(times.map(({ time, why }) => [time, why]));
  const limit = concurrencyLimit(PARALLELISM);
  const at = (agreement: SloAgreement) => `${iso(agreement.time)} (${whyAt.get(agreement.time)})`;

  it('reads ranges and subqueries as closed intervals, as the comparisons assume (Prometheus 2)', async () => {
    const time = timeline.end - DAY_SECONDS;
    const count = (expr: string) => queryScalar(prometheus.url, `count(${expr})`, time);
    // Subquery steps are multiples of the step; [W:5m] includes both ends, one millisecond less does not.
    expect(await queryScalar(prometheus.url, 'count_over_time(vector(1)[1h:5m])', time)).toBe(13);
    expect(
      await queryScalar(prometheus.url, `count_over_time(vector(1)[${promDuration(3600 - 0.001)}:5m])`, time)
    ).toBe(12);
    // Between two multiples of the step the subquery holds the W / step multiples inside (t − W, t].
    expect(
      await queryScalar(prometheus.url, `count_over_time(vector(1)[${promDuration(3600 - 0.001)}:5m])`, time + 37)
    ).toBe(12);
    // A gauge scraped every minute: [5m] reads six samples, the engine's left-open bucket five.
    expect(await count('count_over_time(cluster_ready_state[5m]) == 6')).toBe(3);
    expect(await count(`count_over_time(cluster_ready_state[${promDuration(300 - 0.001)}]) == 5`)).toBe(3);
  });

  describe(`every demo SLO, and three on the Grafana path, at ${times.length} evaluation times`, () => {
    const agreements = new Map<string, SloAgreement[]>();

    beforeAll(async () => {
      const started = performance.now();
      await Promise.all(
        cases.map(async (one) => {
          // The engine reads Prometheus through the real planner, client and reader for each time (an
          // overview as of that time), but their range queries are answered from one long range query
          // per expression and step: every overview reads 30 days of buckets, and hundreds of them take a
          // two-core machine's Prometheus many minutes. A test of this block checks replayed evaluations
          // against fresh ones.
          const plans = times.map(({ time }) =>
            planQueries(one.spec, {
              from: time - one.visibleSeconds,
              to: time,
              view: one.view,
              pointsLimit: one.path === 'grafana' ? 'coarsen' : 'chunk',
            })
          );
          const ranges = plans.flatMap((plan) => plan.queries.filter((query) => !query.instant));
          const client = new RangeReplayClient(
            prometheus.url,
            {
              start: Math.min(...ranges.map((query) => query.start)),
              end: Math.max(...ranges.map((query) => query.end)),
            },
            limit
          );
          const results = await Promise.all(
            times.map(({ time }) =>
              agreementAt(one.spec, time, {
                url: prometheus.url,
                client,
                limit,
                dataStart: timeline.start,
                path: one.path,
                view: one.view,
                visibleSeconds: one.visibleSeconds,
              })
            )
          );
          agreements.set(one.name, results);
        })
      );
      for (const one of cases) {
        process.stderr.write(`${summaryLine(one.name, agreements.get(one.name) ?? [])}\n`);
      }
      process.stderr.write(`${overallLine([...agreements.values()].flat())}\n`);
      process.stderr.write(
        `agreement: ${cases.length} cases × ${times.length} times in ${((performance.now() - started) / 1000).toFixed(1)} s\n`
      );
    }, SET_UP_TIMEOUT_MILLIS);

    const of = (name: string) => {
      const results = agreements.get(name);
      if (!results) {
        throw new Error(`no agreement results for ${name}: the set-up failed`);
      }
      return results;
    };

    it(`evaluates at ${MINIMUM_TIMES_PER_SLO} or more times inside the data, most between two bucket boundaries`, () => {
      expect(times.length).toBeGreaterThanOrEqual(MINIMUM_TIMES_PER_SLO);
      expect(new Set(times.map(({ time }) => time)).size).toBe(times.length);
      for (const { time } of times) {
        expect(time).toBeGreaterThan(timeline.start);
        expect(time).toBeLessThanOrEqual(timeline.end);
      }
      const offGrid = times.filter(({ time }) => time % STEP !== 0);
      expect(offGrid.length / times.length).toBeGreaterThan(0.6);
      // Inside and just after every incident, between two bucket boundaries.
      for (const incident of Object.values(timeline.incidents)) {
        const inside = offGrid.filter(({ time }) => time >= incident.start && time <= incident.end);
        const after = offGrid.filter(({ time }) => time > incident.end && time <= incident.end + 2 * HOUR_SECONDS);
        expect([inside.length > 0, after.length > 0]).toEqual([true, true]);
      }
    });

    it('evaluates each case as of the exact time, at the step it must read', () => {
      for (const one of cases) {
        for (const agreement of of(one.name)) {
          expect({ name: one.name, now: agreement.evaluation.now, step: agreement.step }).toEqual({
            name: one.name,
            now: agreement.time,
            step: one.step,
          });
          expect(agreement.notes).toEqual([]);
        }
      }
    });

    it.each(names)('%s: every window error ratio is within 1 %% of Prometheus', (name) => {
      const disagreements = of(name).flatMap((agreement) =>
        agreement.windows
          .filter((window) => !window.agrees)
          .map(
            (window) =>
              `${at(agreement)} ${formatDuration(window.seconds)}: engine ${format(window.engine)}, Prometheus ${format(window.prometheus)} (${(window.relativeError * 100).toFixed(2)} % apart)`
          )
      );
      expect(disagreements).toEqual([]);
    });

    it.each(names)('%s: budget remaining is within 0.5 percentage points of Prometheus', (name) => {
      const disagreements = of(name)
        .filter((agreement) => !agreement.budget.agrees)
        .map(
          ({ budget, ...agreement }) =>
            `${at({ budget, ...agreement })}: engine ${format(budget.engine)}, Prometheus ${format(budget.prometheus)}`
        );
      expect(disagreements).toEqual([]);
    });

    it.each(names)('%s: every alert pair fires exactly when Prometheus says it does', (name) => {
      const disagreements = of(name).flatMap((agreement) =>
        agreement.pairs
          .filter((pair) => !pair.agrees)
          .map(
            (pair) =>
              `${at(agreement)} ${pair.name}: engine ${pair.engineFiring ? 'firing' : 'ok'}, Prometheus ${pair.prometheusFiring ? 'firing' : 'ok'}`
          )
      );
      expect(disagreements).toEqual([]);
    });

    it('compares the states of most pairs, and sees pairs fire', () => {
      const pairs = [...agreements.values()].flat().flatMap((agreement) => agreement.pairs);
      const skipped = pairs.filter((pair) => pair.skipped).length;
      expect(pairs.length).toBe(cases.length * times.length * 4);
      expect(skipped / pairs.length).toBeLessThanOrEqual(MAXIMUM_SKIPPED_SHARE);
      // Not vacuous: the incidents make pairs of several SLOs fire, and Prometheus agrees.
      const firing = pairs.filter((pair) => !pair.skipped && pair.engineFiring && pair.prometheusFiring);
      expect(firing.length).toBeGreaterThanOrEqual(20);
      // The time slices page during the checkout slow burn.
      const slices = of('grafana: checkout-availability-slices').flatMap((agreement) => agreement.pairs);
      expect(
        slices.filter((pair) => !pair.skipped && pair.engineFiring && pair.prometheusFiring).length
      ).toBeGreaterThan(0);
    });

    it("checkout-availability-guarded: holds a pair back exactly when the exported alert's guard does, over the quiet hour", () => {
      const agreements = of('checkout-availability-guarded');
      const guards = agreements.flatMap((agreement) =>
        agreement.pairs.map((pair) => ({ agreement, pair, guard: pair.guard! }))
      );
      const disagreements = guards
        .filter(({ guard }) => !guard.agrees)
        .map(
          ({ agreement, pair, guard }) =>
            `${at(agreement)} ${pair.name}: engine ${guard.state} (${guard.enginePasses ? 'enough' : 'too few'} events), Prometheus ${guard.prometheusPasses ? 'enough' : 'too few'}`
        );
      expect(disagreements).toEqual([]);
      // Half an hour into the quiet hour, and five minutes after it, the last hour holds too few requests:
      // the fast page pair is held back, and the exported alert's guard holds it back too.
      const { checkoutQuietHour } = timeline.incidents;
      for (const time of [
        checkoutQuietHour.start + 30 * MINUTE_SECONDS + 37,
        checkoutQuietHour.end + 5 * MINUTE_SECONDS + 37,
      ]) {
        const fastPage = agreements.find((agreement) => agreement.time === time)!.pairs[0];
        expect(fastPage.name).toBe('page 1h/5m');
        expect(fastPage.guard).toMatchObject({ state: 'insufficient-traffic', prometheusPasses: false, agrees: true });
      }
      // Not vacuous: elsewhere the guard lets pairs through, and they fire as Prometheus's guarded alerts do.
      expect(guards.filter(({ guard }) => guard.enginePasses && guard.prometheusPasses).length).toBeGreaterThan(
        guards.length / 2
      );
      const firing = agreements.flatMap((agreement) => agreement.pairs).filter((pair) => pair.engineFiring);
      expect(firing.length).toBeGreaterThan(0);
      expect(firing.every((pair) => pair.prometheusFiring)).toBe(true);
    });

    it('says since when a pair fires within one step of the alert expression evaluated back from the time', () => {
      const compared = [...agreements.values()]
        .flat()
        .flatMap((agreement) => agreement.pairs.map((pair) => ({ agreement, pair })))
        .filter(({ pair }) => pair.since !== null);
      expect(compared.length).toBeGreaterThanOrEqual(10);
      const disagreements = compared
        .filter(({ pair }) => Math.abs(pair.since!.engine - pair.since!.prometheus) > pair.since!.step)
        .map(
          ({ agreement, pair }) =>
            `${agreement.sloId} (${agreement.path}) at ${at(agreement)} ${pair.name}: engine ${iso(pair.since!.engine)}, Prometheus ${iso(pair.since!.prometheus)}`
        );
      expect(disagreements).toEqual([]);
    });

    it.each(names)('%s: reports no NaN, no Infinity and no negative count', (name) => {
      const problems = of(name).flatMap((agreement) =>
        agreement.nonFinite.map((problem) => `${at(agreement)}: ${problem}`)
      );
      expect(problems).toEqual([]);
    });

    it.each(names.filter((name) => name.startsWith('checkout-availability') || name === 'checkout-error-ratio-raw'))(
      '%s: has no ratio over the quiet hour or the bucket after the restart, where Prometheus has none',
      (name) => {
        const { checkoutQuietHour, checkoutRestart } = timeline.incidents;
        const ratio = (time: number, seconds: number) => {
          const agreement = of(name).find((candidate) => candidate.time === time);
          return agreement?.windows.find((window) => window.seconds === seconds);
        };
        const quiet = checkoutQuietHour.start + 30 * MINUTE_SECONDS + 37;
        expect(ratio(quiet, 300)).toMatchObject({ engine: null, prometheus: NaN });
        expect(ratio(quiet, 1800)).toMatchObject({ engine: null, prometheus: NaN });
        expect(ratio(checkoutQuietHour.end, 3600)).toMatchObject({ engine: null, prometheus: NaN });
        // The bucket ending at the restart holds a single sample (the gap before it), so neither the
        // engine nor Prometheus's rate over 5 minutes has a value there.
        expect(ratio(checkoutRestart.end, 300)).toMatchObject({ engine: null, prometheus: NaN });
        expect(ratio(checkoutRestart.end + 5 * MINUTE_SECONDS, 300)?.engine).toEqual(expect.any(Number));
        // The budget is there all the same.
        expect(of(name).every((agreement) => agreement.evaluation.budgetRemaining !== null)).toBe(true);
      }
    );

    it.each(cases.filter((one) => one.path === 'http').map((one) => one.name))(
      '%s: reports how much of the period has data',
      (name) => {
        const spec = cases.find((candidate) => candidate.name === name)!.spec;
        for (const agreement of of(name)) {
          const period = periodBounds(spec.period, agreement.time);
          const elapsed = agreement.time - period.start;
          const expected = (agreement.time - Math.max(period.start, timeline.start)) / elapsed;
          // Within a bucket: the scrape gap of the checkout restart costs one.
          expect(Math.abs(agreement.evaluation.periodWindow.coverage - expected)).toBeLessThanOrEqual(
            STEP / elapsed + 1e-9
          );
        }
        const early = of(name).find((agreement) => agreement.time === timeline.start + 3 * DAY_SECONDS)!;
        expect(early.evaluation.periodWindow.coverage).toBeLessThan(0.11);
      }
    );

    it('says what Prometheus says one minute after the calico outage ends, not what it said at the last boundary', () => {
      const end = timeline.incidents.calicoOutage.end;
      const oneMinuteAfter = of('apiserver-read-availability').find(
        (agreement) => agreement.time === end + MINUTE_SECONDS
      )!;
      const atEnd = of('apiserver-read-availability').find((agreement) => agreement.time === end)!;
      const five = (agreement: SloAgreement) => agreement.windows.find((window) => window.seconds === 300)!;
      expect(five(oneMinuteAfter).agrees).toBe(true);
      expect(five(oneMinuteAfter).relativeError).toBeLessThan(1e-9);
      // A minute of recovery moves the 5-minute ratio by far more than the tolerance.
      expect(
        Math.abs(five(atEnd).prometheus - five(oneMinuteAfter).prometheus) / five(oneMinuteAfter).prometheus
      ).toBeGreaterThan(0.1);
    });

    it('evaluates exactly as fresh range queries do, during an incident of each service', async () => {
      const direct = new PrometheusHttpClient({ url: prometheus.url });
      const { checkoutRestart, calicoOutage, member2Unreachable } = timeline.incidents;
      const incidentTime: Record<string, number> = {
        checkout: checkoutRestart.end + MINUTE_SECONDS,
        'kube-apiserver': calicoOutage.start + 30 * MINUTE_SECONDS + 37,
        'karmada-controller-manager': member2Unreachable.start + 30 * MINUTE_SECONDS + 37,
      };
      const differences = await Promise.all(
        specs.map(async (spec) => {
          const time = incidentTime[spec.service];
          const { reading } = await loadSlo(direct, spec, { from: time - HOUR_SECONDS, to: time, view: 'overview' });
          const replayed = of(spec.id).find((agreement) => agreement.time === time)!;
          if (reading.kind !== 'evaluated') {
            return [`${spec.id} at ${iso(time)}: ${reading.message}`];
          }
          return numericDifferences(reading.groups[0].evaluation, replayed.evaluation).map(
            (difference) => `${spec.id} at ${iso(time)}: ${difference}`
          );
        })
      );
      expect(differences.flat()).toEqual([]);
    });
  });

  describe('the breakdown of the detail view', () => {
    /** The SLO's bad events split by `label`, as Prometheus sums them: every `sum(` keeps the label. */
    const badEventsBy = (spec: SloSpec, label: string, window: string) => {
      const errorQuery = withWindow(errorQueryOf(spec), window);
      const split = errorQuery.split('sum(').join(`sum by (${label}) (`);
      expect(split).not.toBe(errorQuery);
      return split;
    };

    it.each([
      ['apiserver-read-availability', 'calicoOutage', 'group', 'projectcalico.org'],
      ['karmada-work-sync-availability', 'member2Unreachable', 'member_cluster', 'member2'],
      ['checkout-availability', 'checkoutSlowBurn', 'route', '/payment'],
    ] as const)(
      '%s during %s puts %s %s first, and every share agrees with Prometheus',
      async (id, incident, label, culprit) => {
        const spec = specs.find((candidate) => candidate.id === id)!;
        const time = timeline.incidents[incident].start + HOUR_SECONDS + 37;
        const { reading } = await loadSlo(new PrometheusHttpClient({ url: prometheus.url }), spec, {
          from: time - HOUR_SECONDS,
          to: time,
          view: 'detail',
        });
        expect(reading.kind).toBe('evaluated');
        const breakdown = reading.kind === 'evaluated' ? reading.breakdown : null;
        expect(breakdown).not.toBeNull();
        const { from, to, labels } = breakdown!;
        // From the first bucket of the visible range to the instant asked.
        expect([from, to]).toEqual([time - HOUR_SECONDS - 37, time]);
        const first = labels.find((candidate) => candidate.label === label)?.entries[0];
        expect(first?.value).toBe(culprit);
        expect(first?.share).toBeGreaterThan(0.9);

        const window = promDuration(to - from);
        const totalBad = await queryScalar(prometheus.url, withWindow(errorQueryOf(spec), window), to);
        const disagreements: string[] = [];
        for (const { label: name, entries } of labels) {
          const samples = await queryInstant(prometheus.url, badEventsBy(spec, name, window), to);
          const prometheusShares = new Map(
            samples.map((sample) => [sample.labels[name] ?? '', sample.value / totalBad])
          );
          // Values without bad events are in the table with their traffic (share 0), not in Prometheus's split.
          const missing = [...prometheusShares.keys()].filter(
            (value) => !entries.some((entry) => entry.value === value)
          );
          expect(missing).toEqual([]);
          for (const entry of entries) {
            const comparison = compareRatio(entry.share, prometheusShares.get(entry.value) ?? 0);
            if (!comparison.agrees) {
              disagreements.push(`${name}=${entry.value}: engine ${entry.share}, Prometheus ${comparison.prometheus}`);
            }
          }
        }
        expect(disagreements).toEqual([]);
      }
    );
  });

  describe('slo evaluate', () => {
    const during = () => timeline.incidents.calicoOutage.start + 2 * HOUR_SECONDS + 37;
    const evaluate = (...extra: string[]) =>
      run([
        'evaluate',
        '--prometheus',
        prometheus.url,
        '--slos',
        DEMO_SLOS_FILE,
        '--at',
        iso(during()),
        '--format',
        'json',
        ...extra,
      ]);
    let directory = '';

    beforeAll(() => {
      directory = mkdtempSync(path.join(os.tmpdir(), 'sloburn-agreement-'));
    });
    afterAll(() => {
      rmSync(directory, { recursive: true, force: true });
    });

    /** A spec file with one SLO whose error query is `errorQuery`, which the validator accepts. */
    const specFile = async (id: string, errorQuery: string) => {
      const file = path.join(directory, `${id}.yaml`);
      writeFileSync(
        file,
        [
          'slos:',
          `  - id: ${id}`,
          `    name: ${id}`,
          '    service: checkout',
          '    objective: 99.9',
          '    period: { rolling: 30d }',
          '    budgetingMethod: occurrences',
          '    sli:',
          '      events:',
          `        errorQuery: '${errorQuery}'`,
          `        totalQuery: 'sum(rate(http_requests_total{service="checkout"}[{{.window}}]))'`,
          '',
        ].join('\n')
      );
      const validation = await run(['validate', file]);
      expect(validation).toMatchObject({ exitCode: 0 });
      return file;
    };

    it('reports the calico outage as a page, gates on it, and finds no budget exhausted', async () => {
      const [plain, page, exhausted] = await Promise.all([
        evaluate(),
        evaluate('--fail-on', 'page'),
        evaluate('--fail-on', 'exhausted'),
      ]);
      expect(plain).toMatchObject({ exitCode: 0, stderr: '' });
      const report = JSON.parse(plain.stdout) as {
        slos: Array<{ id: string; status: string; at: string; budgetRemaining: number | null }>;
      };
      // As of the instant asked, not the last 5-minute boundary.
      expect(report.slos.every((slo) => Date.parse(slo.at) === during() * 1000)).toBe(true);
      expect(report.slos.map((slo) => slo.id)).toEqual(specs.map((spec) => spec.id));
      expect(report.slos.find((slo) => slo.id === 'apiserver-read-availability')?.status).toBe('page');
      // Every demo budget is left (so the exhausted gate passes for the right reason).
      for (const slo of report.slos) {
        expect(slo.budgetRemaining).toBeGreaterThan(0);
      }
      expect(page.exitCode).toBe(1);
      expect(page.stderr).toBe('slo evaluate: --fail-on page: apiserver-read-availability\n');
      expect(exhausted).toMatchObject({ exitCode: 0, stderr: '' });
    });

    it('names the SLO whose query Prometheus rejects, in one line, and exits 2', async () => {
      const file = await specFile(
        'misspelled-rate',
        'sum(rat(http_requests_total{service="checkout",code=~"5.."}[{{.window}}]))'
      );
      const result = await run(['evaluate', '--prometheus', prometheus.url, '--slos', file, '--at', iso(during())]);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(/^slo evaluate: misspelled-rate: .*"rat".*\n$/);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    });

    it('gives up on a query slower than --timeout, naming the SLO, and exits 2', async () => {
      // Counting 86400 points of a 1-second subquery at each of the 8640 steps of the range query takes
      // far longer than a second, so Prometheus stops it at the timeout.
      const file = await specFile(
        'slow-query',
        'sum(rate(http_requests_total{service="checkout",code=~"5.."}[{{.window}}])) * count(count_over_time(vector(1)[1d:1s]))'
      );
      const result = await run([
        'evaluate',
        '--prometheus',
        prometheus.url,
        '--slos',
        file,
        '--at',
        iso(during()),
        '--timeout',
        '1',
      ]);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(/^slo evaluate: slow-query: .*timeout.*\n$/);
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    });
  });
});

function errorQueryOf(spec: SloSpec): string {
  if (!('events' in spec.sli)) {
    throw new Error(`${spec.id} is not an events SLO`);
  }
  return spec.sli.events.errorQuery;
}

/** One line per case: how many comparisons, the largest disagreement, skipped pairs. */
function summaryLine(name: string, agreements: SloAgreement[]): string {
  const windows = agreements.flatMap((agreement) => agreement.windows);
  const numeric = windows.filter((window) => window.engine !== null && Number.isFinite(window.prometheus));
  const pairs = agreements.flatMap((agreement) => agreement.pairs);
  const failures =
    windows.filter((window) => !window.agrees).length +
    agreements.filter((agreement) => !agreement.budget.agrees).length +
    pairs.filter((pair) => !pair.agrees).length;
  const worst = largestWindowError(agreements);
  return [
    `agreement ${name}: ${agreements.length} times`,
    `${windows.length} ratios (${windows.length - numeric.length} null = NaN), max relative error ${worst ? worst.relativeError.toExponential(2) : '0'}${worst ? ` (${formatDuration(worst.seconds)} at ${iso(worst.time)})` : ''}`,
    `budget max |Δ| ${largest(agreements.map((agreement) => agreement.budget.absoluteError)).toExponential(2)}`,
    `${pairs.length} pairs (${pairs.filter((pair) => pair.engineFiring).length} firing), ${pairs.filter((pair) => pair.skipped).length} skipped`,
    `${failures} disagreements`,
  ].join('; ');
}

/** The figures the README quotes: counts, largest errors, and where they are. */
function overallLine(agreements: SloAgreement[]): string {
  const windows = agreements.flatMap((agreement) => agreement.windows);
  const numeric = windows.filter((window) => window.engine !== null && Number.isFinite(window.prometheus));
  const errors = numeric.map((window) => window.relativeError).sort((a, b) => b - a);
  const pairs = agreements.flatMap((agreement) => agreement.pairs);
  const since = pairs.filter((pair) => pair.since !== null);
  const offGrid = agreements.filter((agreement) => agreement.time % STEP !== 0).length;
  return [
    `agreement overall: ${agreements.length} evaluations (${offGrid} between bucket boundaries)`,
    `${windows.length} window ratios, largest relative errors ${errors
      .slice(0, 5)
      .map((error) => error.toExponential(2))
      .join(', ')}`,
    `${errors.filter((error) => error > 1e-9).length} above 1e-9`,
    `windows up to 6h at most ${largest(numeric.filter((window) => window.seconds <= 6 * HOUR_SECONDS).map((window) => window.relativeError)).toExponential(2)}`,
    `on the grid at most ${largestWindowError(agreements.filter((agreement) => agreement.time % STEP === 0))?.relativeError.toExponential(2) ?? '0'}`,
    `${agreements.length} budgets, largest |Δ| ${largest(agreements.map((agreement) => agreement.budget.absoluteError)).toExponential(2)}`,
    `${pairs.length} pairs, ${pairs.filter((pair) => pair.skipped).length} skipped`,
    `${since.length} firing-since compared, largest |Δ| ${largest(since.map((pair) => Math.abs(pair.since!.engine - pair.since!.prometheus)))} s`,
  ].join('; ');
}

function largest(values: number[]): number {
  return values.reduce((max, value) => Math.max(max, value), 0);
}

function largestWindowError(
  agreements: SloAgreement[]
): { relativeError: number; seconds: number; time: number } | null {
  let worst: { relativeError: number; seconds: number; time: number } | null = null;
  for (const agreement of agreements) {
    for (const window of agreement.windows) {
      if (
        window.engine !== null &&
        Number.isFinite(window.prometheus) &&
        (!worst || window.relativeError > worst.relativeError)
      ) {
        worst = { relativeError: window.relativeError, seconds: window.seconds, time: agreement.time };
      }
    }
  }
  return worst;
}
