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
import { planQueries } from './plan';
import { promDuration, withWindow } from './promql';
import {
  RangeReplayClient,
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
const SET_UP_TIMEOUT_MILLIS = 180_000;

interface EvaluationTime {
  time: number;
  why: string;
}

/**
 * Where the engine is evaluated, every time a multiple of 5 minutes (the end of the last complete
 * bucket). The same times serve every SLO: another service's incident is a quiet time for it.
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
  around('calicoOutage', incidents.calicoOutage, [30 * M, 2 * H], [0, 5 * M, H]);
  around('member2Unreachable', incidents.member2Unreachable, [30 * M, H], [0, 5 * M, H]);
  around('member3Flapping', incidents.member3Flapping, [3 * H], [0, 5 * M]);
  around('checkoutSlowBurn', incidents.checkoutSlowBurn, [6 * H, DAY_SECONDS], [0, 5 * M, 2 * H]);
  // The last sample before the gap is a minute before `start`; the sample at `end` has restarted counters.
  around('checkoutRestart', incidents.checkoutRestart, [0], [0, 5 * M, H]);
  around('checkoutQuietHour', incidents.checkoutQuietHour, [30 * M], [0, 5 * M]);
  // Three days in: the 30-day windows (and September's calendar period) reach back before the data.
  times.push({ time: timeline.start + 3 * DAY_SECONDS, why: 'three days after the data starts' });
  times.push({ time: timeline.end - 12 * H, why: 'a quiet time' });
  // November begins at 23:00 UTC in Berlin; October there had 31 days and an hour (DST ended).
  const berlinNovember = Date.UTC(2026, 9, 31, 23) / 1000;
  times.push({ time: berlinNovember - 5 * M, why: 'the last bucket of October in Berlin' });
  times.push({ time: berlinNovember + 5 * M, why: 'the first bucket of November in Berlin' });
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
  const ids = specs.map((spec) => spec.id);
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
    // A gauge scraped every minute: [5m] reads six samples, the engine's left-open bucket five.
    expect(await count('count_over_time(cluster_ready_state[5m]) == 6')).toBe(3);
    expect(await count(`count_over_time(cluster_ready_state[${promDuration(300 - 0.001)}]) == 5`)).toBe(3);
  });

  describe(`every demo SLO at ${times.length} evaluation times`, () => {
    const agreements = new Map<string, SloAgreement[]>();

    beforeAll(async () => {
      const started = performance.now();
      await Promise.all(
        specs.map(async (spec) => {
          // The engine reads Prometheus through the real planner, client and reader for each time (an
          // overview as of that time), but their range queries are answered from one long range query
          // per expression: every overview reads 30 days of buckets, and 240 of them take a two-core
          // machine's Prometheus about three minutes. The last test of this block checks the replayed
          // evaluations against fresh ones.
          const plans = times.map(({ time }) =>
            planQueries(spec, { from: time - HOUR_SECONDS, to: time, view: 'overview' })
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
              agreementAt(spec, time, { url: prometheus.url, client, limit, dataStart: timeline.start })
            )
          );
          agreements.set(spec.id, results);
        })
      );
      for (const spec of specs) {
        process.stderr.write(`${summaryLine(spec.id, agreements.get(spec.id) ?? [])}\n`);
      }
      process.stderr.write(
        `agreement: ${specs.length} SLOs × ${times.length} times in ${((performance.now() - started) / 1000).toFixed(1)} s\n`
      );
    }, SET_UP_TIMEOUT_MILLIS);

    const of = (id: string) => {
      const results = agreements.get(id);
      if (!results) {
        throw new Error(`no agreement results for ${id}: the set-up failed`);
      }
      return results;
    };

    it(`evaluates at ${MINIMUM_TIMES_PER_SLO} or more times, each the end of a bucket inside the data`, () => {
      expect(times.length).toBeGreaterThanOrEqual(MINIMUM_TIMES_PER_SLO);
      expect(new Set(times.map(({ time }) => time)).size).toBe(times.length);
      for (const { time } of times) {
        expect(time % STEP).toBe(0);
        expect(time).toBeGreaterThan(timeline.start);
        expect(time).toBeLessThanOrEqual(timeline.end);
      }
      // Inside and just after every incident.
      for (const incident of Object.values(timeline.incidents)) {
        expect(times.some(({ time }) => time >= incident.start && time <= incident.end)).toBe(true);
        expect(times.some(({ time }) => time > incident.end && time <= incident.end + HOUR_SECONDS)).toBe(true);
      }
    });

    it.each(ids)('%s: every window error ratio is within 1 %% of Prometheus', (id) => {
      const disagreements = of(id).flatMap((agreement) =>
        agreement.windows
          .filter((window) => !window.agrees)
          .map(
            (window) =>
              `${at(agreement)} ${formatDuration(window.seconds)}: engine ${format(window.engine)}, Prometheus ${format(window.prometheus)} (${(window.relativeError * 100).toFixed(2)} % apart)`
          )
      );
      expect(disagreements).toEqual([]);
    });

    it.each(ids)('%s: budget remaining is within 0.5 percentage points of Prometheus', (id) => {
      const disagreements = of(id)
        .filter((agreement) => !agreement.budget.agrees)
        .map(
          ({ budget, ...agreement }) =>
            `${at({ budget, ...agreement })}: engine ${format(budget.engine)}, Prometheus ${format(budget.prometheus)}`
        );
      expect(disagreements).toEqual([]);
    });

    it.each(ids)('%s: every alert pair fires exactly when the exported alert expression does', (id) => {
      const disagreements = of(id).flatMap((agreement) =>
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
      expect(pairs.length).toBe(specs.length * times.length * 4);
      expect(skipped / pairs.length).toBeLessThanOrEqual(MAXIMUM_SKIPPED_SHARE);
      // Not vacuous: the incidents make pairs of several SLOs fire, and Prometheus agrees.
      const firing = pairs.filter((pair) => !pair.skipped && pair.engineFiring && pair.prometheusFiring);
      expect(firing.length).toBeGreaterThanOrEqual(20);
    });

    it.each(ids)('%s: reports no NaN, no Infinity and no negative count', (id) => {
      const problems = of(id).flatMap((agreement) =>
        agreement.nonFinite.map((problem) => `${at(agreement)}: ${problem}`)
      );
      expect(problems).toEqual([]);
    });

    it.each(ids.filter((id) => id.startsWith('checkout-')))(
      '%s: has no ratio over the quiet hour or the bucket after the restart, where Prometheus has none',
      (id) => {
        const { checkoutQuietHour, checkoutRestart } = timeline.incidents;
        const ratio = (time: number, seconds: number) => {
          const agreement = of(id).find((candidate) => candidate.time === time);
          return agreement?.windows.find((window) => window.seconds === seconds);
        };
        const quiet = checkoutQuietHour.start + 30 * MINUTE_SECONDS;
        expect(ratio(quiet, 300)).toMatchObject({ engine: null, prometheus: NaN });
        expect(ratio(quiet, 1800)).toMatchObject({ engine: null, prometheus: NaN });
        expect(ratio(checkoutQuietHour.end, 3600)).toMatchObject({ engine: null, prometheus: NaN });
        // The bucket ending at the restart holds a single sample (the gap before it), so neither the
        // engine nor Prometheus's rate over 5 minutes has a value there.
        expect(ratio(checkoutRestart.end, 300)).toMatchObject({ engine: null, prometheus: NaN });
        expect(ratio(checkoutRestart.end + 5 * MINUTE_SECONDS, 300)?.engine).toEqual(expect.any(Number));
        // The budget is there all the same.
        expect(of(id).every((agreement) => agreement.evaluation.budgetRemaining !== null)).toBe(true);
      }
    );

    it.each(ids)('%s: reports how much of the period has data', (id) => {
      const spec = specs.find((candidate) => candidate.id === id)!;
      for (const agreement of of(id)) {
        const period = periodBounds(spec.period, agreement.time);
        const elapsed = agreement.time - period.start;
        const expected = (agreement.time - Math.max(period.start, timeline.start)) / elapsed;
        // Within a bucket: the scrape gap of the checkout restart costs one.
        expect(Math.abs(agreement.evaluation.periodWindow.coverage - expected)).toBeLessThanOrEqual(
          STEP / elapsed + 1e-9
        );
      }
      const early = of(id).find((agreement) => agreement.time === timeline.start + 3 * DAY_SECONDS)!;
      expect(early.evaluation.periodWindow.coverage).toBeLessThan(0.11);
    });

    it('evaluates exactly as fresh range queries do, during an incident of each service', async () => {
      const direct = new PrometheusHttpClient({ url: prometheus.url });
      const { checkoutRestart, calicoOutage, member2Unreachable } = timeline.incidents;
      const incidentTime: Record<string, number> = {
        checkout: checkoutRestart.end,
        'kube-apiserver': calicoOutage.start + 30 * MINUTE_SECONDS,
        'karmada-controller-manager': member2Unreachable.start + 30 * MINUTE_SECONDS,
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
        const time = timeline.incidents[incident].start + HOUR_SECONDS;
        const { reading } = await loadSlo(new PrometheusHttpClient({ url: prometheus.url }), spec, {
          from: time - HOUR_SECONDS,
          to: time,
          view: 'detail',
        });
        expect(reading.kind).toBe('evaluated');
        const breakdown = reading.kind === 'evaluated' ? reading.breakdown : null;
        expect(breakdown).not.toBeNull();
        const { from, to, labels } = breakdown!;
        expect(to - from).toBe(HOUR_SECONDS);
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
    const during = () => timeline.incidents.calicoOutage.start + 2 * HOUR_SECONDS;
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
        slos: Array<{ id: string; status: string; budgetRemaining: number | null }>;
      };
      expect(report.slos.map((slo) => slo.id)).toEqual(ids);
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
      expect(result.stderr).toMatch(/^slo evaluate: slow-query: timeout: .*timed out.*\n$/);
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

/** One line per SLO: how many comparisons, the largest disagreement, skipped pairs. */
function summaryLine(id: string, agreements: SloAgreement[]): string {
  const windows = agreements.flatMap((agreement) => agreement.windows);
  const numeric = windows.filter((window) => window.engine !== null && Number.isFinite(window.prometheus));
  const largest = (values: number[]) => values.reduce((max, value) => Math.max(max, value), 0);
  const pairs = agreements.flatMap((agreement) => agreement.pairs);
  const failures =
    windows.filter((window) => !window.agrees).length +
    agreements.filter((agreement) => !agreement.budget.agrees).length +
    pairs.filter((pair) => !pair.agrees).length;
  return [
    `agreement ${id}: ${agreements.length} times`,
    `${windows.length} ratios (${windows.length - numeric.length} null = NaN), max relative error ${largest(numeric.map((window) => window.relativeError)).toExponential(2)}`,
    `budget max |Δ| ${largest(agreements.map((agreement) => agreement.budget.absoluteError)).toExponential(2)}`,
    `${pairs.length} pairs (${pairs.filter((pair) => pair.engineFiring).length} firing), ${pairs.filter((pair) => pair.skipped).length} skipped`,
    `${failures} disagreements`,
  ].join('; ');
}
