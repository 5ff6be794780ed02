/**
 * `npm run bench`: what SLO Burn costs Prometheus, measured with `stats=all` on the demo data, next to
 * two baselines on the same data: the naive way (an instant query per alert window and a rolling
 * burndown of `ratio[30d]` every 5 minutes) and Sloth's two Grafana dashboards over Sloth's recording
 * rules (backfilled by scripts/demo/sloth-rules.ts). Then the overview of a generated fleet of SLOs.
 * One Prometheus serves it all: the demo blocks merged with the Sloth recordings (.demo-data/sloth-tsdb),
 * so the raw series are the demo data's.
 *
 * Usage: npm run bench [-- --runs 15 --fleet 242 --concurrency 6 --naive-full --out artifacts/bench.json]
 *        npm run bench -- --fleet-data 1000 [--concurrency 6 --out artifacts/bench-fleet.json]
 *   --runs         engine timing: median over this many runs per SLO and view (default 15)
 *   --fleet        fleet size (default: all 242 of scripts/bench/fleet.ts)
 *   --concurrency  SLOs (fleet) or baseline queries in flight at once (default 6)
 *   --naive-full   run every naive burndown at all 8,641 points instead of every 30th, scaled up
 *   --fleet-data   instead of all the above: this many SLOs (up to 1,000) over the fleet dataset of 200
 *                  services, 33 days (scripts/bench/fleet-data/bench.ts: the scan, the overview's first load
 *                  and its refresh, slo evaluate, the overview with recording rules); --concurrency is then
 *                  the scan's and the rule evaluation's, the overview and the CLI schedule their own
 * Run through `tsx --expose-gc` (as the npm script does), the engine is timed after a garbage collection.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import {
  type SloSpec,
  alertWindowLengths,
  alertingPeriodSeconds,
  formatDuration,
  isCalendarPeriod,
  periodBounds,
  resolveAlertWindows,
  sliKind,
} from '../../src/domain';
import { readSpecFile } from '../../src/cli/specFile';
import { PrometheusHttpClient } from '../../src/prometheus/httpClient';
import type { PlanView } from '../../src/prometheus/plan';
import { rulesYaml } from '../../src/prometheus/rules';
import { discoverFromPrometheus } from '../../src/prometheus/slothDiscovery';
import { DEMO_SLOS_FILE } from '../demo/demo-slos';
import {
  type RecordingRuleFile,
  type SlothTsdb,
  describeSlothBuild,
  ensureSlothTsdb,
  slothEvaluationTimes,
} from '../demo/sloth-rules';
import { DEMO_END_DEFAULT, demoTimeline } from '../demo/timeline';
import { startPrometheus } from '../prometheus/prometheus';
import { generateFleet } from './fleet';
import { runFleetDataBench } from './fleet-data/bench';
import {
  NAIVE_BURNDOWN_DAYS,
  RAW_SAMPLES_DEFINITION,
  naiveQueries,
  rangePoints,
  rawSamplesQuery,
  rawWindowSeconds,
} from './queries';
import {
  type Column,
  type Measured,
  type TargetCheck,
  checkAtMost,
  formatBytes,
  formatCount,
  formatMs,
  formatRatio,
  formatTable,
  formatTargets,
} from './report';
import {
  type Cost,
  type PlanMeasure,
  addCosts,
  executePlanMeasured,
  measurePlan,
  median,
  readingStatus,
  runLimited,
  runQueries,
  timeEngine,
} from './run';
import { recordingRuleQueries, slothDetailQueries, slothOverviewQueries } from './slothDashboards';

const VISIBLE_RANGE_SECONDS = 86400;
/** The naive burndown is measured at every 30th of its 8,641 points and scaled up (unless --naive-full). */
const NAIVE_STRIDE = 30;
const RULE_EVALUATIONS_PER_DAY = 1440;
const TARGET_RATIO = 1.3;
const TARGET_OVERVIEW_QUERIES = 4;
const TARGET_ENGINE_MS = 2;
const OUTPUT = path.resolve(__dirname, '..', '..', 'artifacts', 'bench.json');
const FLEET_DATA_OUTPUT = path.resolve(__dirname, '..', '..', 'artifacts', 'bench-fleet.json');

interface Options {
  runs: number;
  /** Default: generateFleet()'s own size. */
  fleet: number | undefined;
  concurrency: number;
  naiveFull: boolean;
  out: string | undefined;
  /** Run the fleet-dataset benchmark with this many SLOs instead. */
  fleetData: number | undefined;
}

interface Moment {
  label: string;
  time: number;
}

interface ViewRow {
  id: string;
  kind: string;
  moment: string;
  view: PlanView;
  queries: number;
  samples: number;
  raw: number;
  ratio: number;
  bytes: number;
  wallMs: number;
  /** Medians: readSlo (answers → buckets → engine), its first part alone, evaluateSlo alone. */
  readSloMs: number;
  bucketsMs: number;
  evaluateMs: number;
  fastestReadSloMs: number;
  fastestEvaluateMs: number;
  status: string;
  /** Samples per query, kept for the JSON (and printed when the ratio is high). */
  perQuery: Array<{ refId: string; expr: string; instant: boolean; points: number; samples: number }>;
  why?: string;
}

interface NaiveRow {
  id: string;
  moment: string;
  queries: number;
  windowSamples: number;
  burndownSamples: number;
  burndownMeasuredPoints: number;
  burndownPoints: number;
  extrapolated: boolean;
  samples: number;
  raw: number;
  ratio: number;
  bytes: number;
  wallMs: number;
}

interface SlothRow {
  id: string;
  moment: string;
  raw: number;
  detail: Cost;
  overviewShare: Cost;
  rules: { count: number; samplesPerEvaluation: number; samplesPerDay: number };
  perQuery: Array<{ label: string; samples: number; bytes: number }>;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = {
    runs: 15,
    fleet: undefined,
    concurrency: 6,
    naiveFull: false,
    out: undefined,
    fleetData: undefined,
  };
  for (let index = 0; index < argv.length; index++) {
    const name = argv[index];
    const value = () => {
      const text = argv[++index];
      if (text === undefined || !/^\d+$/.test(text)) {
        throw new Error(`${name} needs a whole number`);
      }
      return Number(text);
    };
    if (name === '--runs') {
      options.runs = value();
    } else if (name === '--fleet') {
      options.fleet = value();
    } else if (name === '--concurrency') {
      options.concurrency = value();
    } else if (name === '--naive-full') {
      options.naiveFull = true;
    } else if (name === '--fleet-data') {
      options.fleetData = value();
    } else if (name === '--out') {
      options.out = path.resolve(argv[++index] ?? OUTPUT);
    } else {
      throw new Error(`unknown argument ${name}; see the comment at the top of scripts/bench/bench.ts`);
    }
  }
  return options;
}

const iso = (time: number) => new Date(time * 1000).toISOString().replace(':00.000Z', 'Z');

/** Why a plan reads more than the raw reference, where the reason is structural. */
function whyAboveRaw(spec: SloSpec, now: number, view: PlanView): string | undefined {
  if (!isCalendarPeriod(spec.period)) {
    return undefined;
  }
  const elapsed = rawWindowSeconds(spec, now);
  const longest = Math.max(...alertWindowLengths(resolveAlertWindows(spec, alertingPeriodSeconds(spec.period))));
  if (elapsed >= longest) {
    return undefined;
  }
  return (
    `the calendar period began ${formatDuration(elapsed)} before (${iso(periodBounds(spec.period, now).start)}), so the raw ` +
    `reference covers ${formatDuration(elapsed)}; the alert windows still need ${formatDuration(longest)} of data` +
    (view === 'detail' ? ' (and the detail view a 24 h range before that)' : '')
  );
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.fleetData !== undefined) {
    await runFleetDataBench({
      count: options.fleetData,
      concurrency: options.concurrency,
      out: options.out ?? FLEET_DATA_OUTPUT,
    });
    return;
  }
  const out = options.out ?? OUTPUT;
  const benchStarted = performance.now();
  const log = (text = '') => console.log(text);
  log('SLO Burn benchmark: Prometheus cost per SLO and view, against two baselines, on the demo data');
  log(`raw reference: ${RAW_SAMPLES_DEFINITION}`);
  log();

  const sloth = await ensureSlothTsdb({ log: (line) => log(line) });
  log(describeSlothBuild(sloth));
  const prometheus = await startPrometheus({ dataDir: sloth.dir });
  log(`Prometheus (2.42, demo data + Sloth recordings) at ${prometheus.url}`);
  try {
    const client = new PrometheusHttpClient({ url: prometheus.url, withStats: true, timeoutSeconds: 120 });
    const timeline = demoTimeline(DEMO_END_DEFAULT);
    const times = slothEvaluationTimes(timeline);
    const moments: Moment[] = [
      { label: 'calico outage', time: times.calicoOutage },
      { label: 'data end', time: times.dataEnd },
    ];
    log(
      `evaluation times: ${moments.map((moment) => `${moment.label} ${iso(moment.time)}`).join(', ')}; visible range 24 h`
    );
    const specs = readSpecFile(DEMO_SLOS_FILE).valid;

    const progress = (text: string) => process.stderr.write(`… ${text}\n`);
    progress('raw references');
    // Raw reference of every SLO at every moment (this also warms Prometheus's page cache).
    const raw = new Map<string, number>();
    for (const moment of moments) {
      for (const spec of specs) {
        const { cost } = await runQueries(client, prometheus.url, [rawSamplesQuery(spec, moment.time)]);
        raw.set(`${spec.id}@${moment.label}`, cost.samples);
      }
    }
    const rawOf = (id: string, moment: Moment) => raw.get(`${id}@${moment.label}`) ?? Number.NaN;

    progress('SLO Burn, every demo SLO, both views and moments');
    // SLO Burn: every demo SLO, both views, both moments.
    const viewRows: ViewRow[] = [];
    for (const moment of moments) {
      for (const view of ['overview', 'detail'] as const) {
        for (const spec of specs) {
          const measure = await measurePlan(
            client,
            spec,
            { from: moment.time - VISIBLE_RANGE_SECONDS, to: moment.time, view },
            options.runs
          );
          viewRows.push(viewRow(spec, moment, view, measure, rawOf(spec.id, moment)));
        }
      }
    }

    progress('naive baseline');
    // Naive baseline.
    const naiveRows: NaiveRow[] = [];
    let extrapolationCheck: { id: string; moment: string; measured: number; extrapolated: number } | null = null;
    for (const moment of moments) {
      for (const spec of specs) {
        const stride = options.naiveFull ? 1 : NAIVE_STRIDE;
        const naive = naiveQueries(spec, moment.time, stride);
        const windows = await runQueries(client, prometheus.url, naive.windows, options.concurrency);
        const burndown = await runQueries(client, prometheus.url, naive.burndown, 1);
        const measuredPoints = naive.burndown.reduce((sum, query) => sum + rangePoints(query), 0);
        const scale = naive.fullPoints / measuredPoints;
        const burndownSamples = burndown.cost.samples * scale;
        const fullQueries = naiveQueries(spec, moment.time).burndown.length;
        naiveRows.push({
          id: spec.id,
          moment: moment.label,
          queries: naive.windows.length + fullQueries,
          windowSamples: windows.cost.samples,
          burndownSamples,
          burndownMeasuredPoints: measuredPoints,
          burndownPoints: naive.fullPoints,
          extrapolated: stride > 1,
          samples: windows.cost.samples + burndownSamples,
          raw: rawOf(spec.id, moment),
          ratio: (windows.cost.samples + burndownSamples) / rawOf(spec.id, moment),
          bytes: windows.cost.bytes + burndown.cost.bytes * scale,
          wallMs: windows.cost.wallMs + burndown.cost.wallMs * scale,
        });
        if (stride > 1 && spec.id === 'checkout-availability' && moment.label === 'data end') {
          // One burndown in full, to check the extrapolation against.
          const measured = await runQueries(client, prometheus.url, naiveQueries(spec, moment.time).burndown, 1);
          extrapolationCheck = {
            id: spec.id,
            moment: moment.label,
            measured: measured.cost.samples,
            extrapolated: burndownSamples,
          };
        }
      }
    }

    progress("Sloth's dashboards and recording rules");
    // Sloth: the two dashboards over the recordings, and the recording rules' own cost.
    const slothRows: SlothRow[] = [];
    const overviewCosts = new Map<
      string,
      { cost: Cost; perQuery: Array<{ label: string; samples: number; bytes: number }> }
    >();
    for (const moment of moments) {
      const overview = await runQueries(
        client,
        prometheus.url,
        slothOverviewQueries(moment.time, VISIBLE_RANGE_SECONDS),
        options.concurrency
      );
      overviewCosts.set(moment.label, overview);
      for (const spec of sloth.specs) {
        const detail = await runQueries(
          client,
          prometheus.url,
          slothDetailQueries({ service: spec.service, slo: spec.id }, moment.time, VISIBLE_RANGE_SECONDS),
          options.concurrency
        );
        const recordings = (parse(rulesYaml([spec])) as RecordingRuleFile).groups
          .flatMap((group) => group.rules)
          .filter((rule): rule is { record: string; expr: string } => Boolean(rule.record));
        const rules = await runQueries(
          client,
          prometheus.url,
          recordingRuleQueries(recordings, moment.time),
          options.concurrency
        );
        const share = sloth.specs.length;
        slothRows.push({
          id: spec.id,
          moment: moment.label,
          raw: rawOf(spec.id, moment),
          detail: detail.cost,
          overviewShare: {
            queries: overview.cost.queries / share,
            samples: overview.cost.samples / share,
            bytes: overview.cost.bytes / share,
            wallMs: overview.cost.wallMs / share,
          },
          rules: {
            count: recordings.length,
            samplesPerEvaluation: rules.cost.samples,
            samplesPerDay: rules.cost.samples * RULE_EVALUATIONS_PER_DAY,
          },
          perQuery: detail.perQuery.map(({ label, samples, bytes }) => ({ label, samples, bytes })),
        });
      }
    }

    progress('SLOs discovered from the Sloth rules');
    // SLO Burn over Sloth's recordings: the discovered SLOs.
    const discoveredRows: ViewRow[] = [];
    for (const moment of moments) {
      const discovery = await discoverFromPrometheus(client, moment.time);
      for (const view of ['overview', 'detail'] as const) {
        for (const spec of discovery.specs) {
          const measure = await measurePlan(
            client,
            spec,
            { from: moment.time - VISIBLE_RANGE_SECONDS, to: moment.time, view },
            options.runs
          );
          discoveredRows.push(viewRow(spec, moment, view, measure, rawOf(spec.id, moment)));
        }
      }
    }

    progress('the fleet');
    // The fleet's overview, at the end of the data.
    const fleet = generateFleet(options.fleet);
    const fleetMoment = moments[1];
    const fleetStarted = performance.now();
    const fleetExecuted = await runLimited(
      fleet.map(
        (spec) => () =>
          executePlanMeasured(client, spec, {
            from: fleetMoment.time - VISIBLE_RANGE_SECONDS,
            to: fleetMoment.time,
            view: 'overview',
          })
      ),
      options.concurrency
    );
    const fleetWallMs = performance.now() - fleetStarted;
    // The engine is timed after every answer has arrived, one SLO after the other, as in a page.
    const fleetMeasures = fleet.map((spec, index) => {
      const executed = fleetExecuted[index];
      const { reading, ...times } = timeEngine(spec, executed.plan, executed.results, 5, false);
      executed.results = [];
      return { cost: executed.cost, ...times, status: readingStatus(reading) };
    });
    const fleetRaw = await runLimited(
      fleet.map(
        (spec) => async () =>
          (await runQueries(client, prometheus.url, [rawSamplesQuery(spec, fleetMoment.time)])).cost.samples
      ),
      options.concurrency
    );
    const fleetRows = fleet.map((spec, index) => ({
      id: spec.id,
      kind: sliKind(spec.sli),
      queries: fleetMeasures[index].cost.queries,
      samples: fleetMeasures[index].cost.samples,
      bytes: fleetMeasures[index].cost.bytes,
      raw: fleetRaw[index],
      ratio: fleetMeasures[index].cost.samples / fleetRaw[index],
      readSloMs: fleetMeasures[index].readSloMs,
      evaluateMs: fleetMeasures[index].evaluateMs,
      fastestReadSloMs: fleetMeasures[index].fastestReadSloMs,
      fastestEvaluateMs: fleetMeasures[index].fastestEvaluateMs,
      status: fleetMeasures[index].status,
    }));
    const fleetTotal = addCosts(...fleetMeasures.map((measure) => measure.cost));
    const fleetReadSloMs = fleetRows.reduce((sum, row) => sum + row.readSloMs, 0);
    const fleetEvaluateMs = fleetRows.reduce((sum, row) => sum + row.evaluateMs, 0);

    // ---- Output ----
    const viewColumns: Column[] = [
      { header: 'SLO' },
      { header: 'kind' },
      { header: 'queries', align: 'right' },
      { header: 'samples', align: 'right' },
      { header: 'raw', align: 'right' },
      { header: 'ratio', align: 'right' },
      { header: 'bytes', align: 'right' },
      { header: 'wall', align: 'right' },
      { header: 'to buckets', align: 'right' },
      { header: 'evaluate', align: 'right' },
      { header: 'readSlo', align: 'right' },
      { header: 'status' },
    ];
    const viewLine = (row: ViewRow) => [
      row.id,
      row.kind,
      String(row.queries),
      formatCount(row.samples),
      formatCount(row.raw),
      formatRatio(row.ratio),
      formatBytes(row.bytes),
      formatMs(row.wallMs),
      formatMs(row.bucketsMs),
      formatMs(row.evaluateMs),
      formatMs(row.readSloMs),
      row.status,
    ];
    const totalLine = (rows: ViewRow[]) => [
      'total',
      '',
      String(rows.reduce((sum, row) => sum + row.queries, 0)),
      formatCount(rows.reduce((sum, row) => sum + row.samples, 0)),
      formatCount(rows.reduce((sum, row) => sum + row.raw, 0)),
      formatRatio(rows.reduce((sum, row) => sum + row.samples, 0) / rows.reduce((sum, row) => sum + row.raw, 0)),
      formatBytes(rows.reduce((sum, row) => sum + row.bytes, 0)),
      formatMs(rows.reduce((sum, row) => sum + row.wallMs, 0)),
      formatMs(rows.reduce((sum, row) => sum + row.bucketsMs, 0)),
      formatMs(rows.reduce((sum, row) => sum + row.evaluateMs, 0)),
      formatMs(rows.reduce((sum, row) => sum + row.readSloMs, 0)),
      '',
    ];
    for (const moment of moments) {
      for (const view of ['overview', 'detail'] as const) {
        const rows = viewRows.filter((row) => row.moment === moment.label && row.view === view);
        log();
        log(
          `SLO Burn, ${view} (${view === 'overview' ? 'range queries only' : 'range queries from a period before the range, plus breakdown'}), ` +
            `${moment.label} ${iso(moment.time)}, visible range 24 h; times are medians of ${options.runs} runs`
        );
        log(formatTable(viewColumns, [...rows.map(viewLine), totalLine(rows)]));
      }
    }
    log();
    log(
      'Columns: queries and samples (totalQueryableSamples) per page for one SLO; raw = the reference above; wall = all the ' +
        "page's queries sent at once; to buckets = groupsFromResults (Prometheus's answers → 5-minute buckets), evaluate = " +
        'evaluateSlo on those buckets, readSlo = both plus the breakdown (what a page runs after its queries return).'
    );
    const highRows = viewRows.filter(
      (row) => row.ratio > TARGET_RATIO || (row.view === 'detail' && row.moment === moments[0].label)
    );
    if (highRows.length > 0) {
      log();
      log(
        `Where the samples go, query by query (every detail page at ${moments[0].label}, and every plan above ${TARGET_RATIO}x raw):`
      );
      for (const row of highRows) {
        log(
          `  ${row.id}, ${row.view}, ${row.moment}: ${formatCount(row.samples)} samples = ${formatRatio(row.ratio)} raw${row.why ? `; ${row.why}` : ''}`
        );
        for (const query of row.perQuery) {
          log(
            `    ${query.refId}: ${formatCount(query.samples)} samples (${query.instant ? 'instant' : `${query.points} points`}) ${query.expr.replace(/\s+/g, ' ').slice(0, 120)}`
          );
        }
      }
    }

    log();
    log(
      `Naive baseline: an instant query of the error ratio per alert window and for the period, plus a rolling burndown ` +
        `1 - ratio(${NAIVE_BURNDOWN_DAYS}d)/budget every 5 min over the last ${NAIVE_BURNDOWN_DAYS} days (8,641 points, one range query).`
    );
    log(
      options.naiveFull
        ? 'Every burndown ran in full.'
        : `Each burndown was run at every ${NAIVE_STRIDE}th of its 8,641 points (same 30 days, step ${NAIVE_STRIDE * 5} min) and scaled up by 8,641 / points run; ` +
            'samples, bytes and time per point depend only on how much of its 30-day window holds data.' +
            (extrapolationCheck
              ? ` Check: ${extrapolationCheck.id} at ${extrapolationCheck.moment}, run in full: ${formatCount(extrapolationCheck.measured)} samples; extrapolated ${formatCount(extrapolationCheck.extrapolated)} (${((extrapolationCheck.extrapolated / extrapolationCheck.measured - 1) * 100).toFixed(2)} %).`
              : '')
    );
    log(
      '  The demo data begins 35 days before its end, so the windows of the first 25 days of the burndown are partly empty; ' +
        'on a Prometheus holding 60 days every point would read a full 30 days and the burndown would cost about 8,641x raw.'
    );
    for (const moment of moments) {
      const rows = naiveRows.filter((row) => row.moment === moment.label);
      log(`${moment.label} ${iso(moment.time)}:`);
      log(
        formatTable(
          [
            { header: 'SLO' },
            { header: 'queries', align: 'right' },
            { header: 'window samples', align: 'right' },
            { header: 'burndown samples', align: 'right' },
            { header: 'total', align: 'right' },
            { header: 'ratio', align: 'right' },
            { header: 'bytes', align: 'right' },
            { header: 'time', align: 'right' },
            { header: 'burndown' },
          ],
          rows.map((row) => [
            row.id,
            String(row.queries),
            formatCount(row.windowSamples),
            formatCount(row.burndownSamples),
            formatCount(row.samples),
            formatRatio(row.ratio),
            formatBytes(row.bytes),
            formatMs(row.wallMs),
            row.extrapolated ? `scaled from ${row.burndownMeasuredPoints} points` : 'measured',
          ])
        )
      );
    }

    log();
    log(
      `Sloth: the queries of "SLO / Detail" (14348) for one SLO and of "High level Sloth SLOs" (14643), shared by the ` +
        `${sloth.specs.length} SLOs with rules, over Sloth's recordings; range 24 h. Sloth also pays its recording rules ` +
        `continuously: "rules/eval" is what one evaluation of an SLO's ${
          slothRows[0]?.rules.count ?? 0
        } recording rules reads (stats of each rule's expression as an instant query), "rules/day" that at one evaluation a minute.`
    );
    log(
      formatTable(
        [
          { header: 'SLO' },
          { header: 'moment' },
          { header: 'detail queries', align: 'right' },
          { header: 'detail samples', align: 'right' },
          { header: 'detail ratio', align: 'right' },
          { header: 'detail bytes', align: 'right' },
          { header: 'overview share q/samples', align: 'right' },
          { header: 'rules/eval', align: 'right' },
          { header: 'rules/day', align: 'right' },
          { header: 'rules/day ratio', align: 'right' },
        ],
        slothRows.map((row) => [
          row.id,
          row.moment,
          String(row.detail.queries),
          formatCount(row.detail.samples),
          formatRatio(row.detail.samples / row.raw),
          formatBytes(row.detail.bytes),
          `${row.overviewShare.queries} / ${formatCount(row.overviewShare.samples)}`,
          formatCount(row.rules.samplesPerEvaluation),
          formatCount(row.rules.samplesPerDay),
          formatRatio(row.rules.samplesPerDay / row.raw),
        ])
      )
    );
    for (const moment of moments) {
      const overview = overviewCosts.get(moment.label)!;
      log(
        `  High level Sloth SLOs at ${moment.label}: ${overview.cost.queries} queries, ${formatCount(overview.cost.samples)} samples, ${formatBytes(overview.cost.bytes)}`
      );
    }
    const heaviest =
      slothRows[0]?.perQuery
        .slice()
        .sort((a, b) => b.samples - a.samples)
        .slice(0, 3) ?? [];
    if (heaviest.length > 0) {
      log(
        `  heaviest detail queries (${slothRows[0].id}, ${slothRows[0].moment}): ${heaviest.map((query) => `${query.label} ${formatCount(query.samples)}`).join('; ')}`
      );
    }
    log(
      '  ("month burn chart: B ideal" reads no series at all: totalQueryableSamples counts the points of its 32-day hourly subquery at every step.)'
    );
    log('  Backfill of the recordings (one-off here; Sloth evaluates them all the time): see the build summary above.');

    log();
    log(
      "SLO Burn over Sloth's recordings (SLOs discovered from sloth_slo_info, reading slo:sli_error:ratio_rate5m); ratio against the raw samples of the SLI the rules record:"
    );
    log(
      formatTable(
        [{ header: 'moment' }, ...viewColumns.slice(0, 1), { header: 'view' }, ...viewColumns.slice(2)],
        discoveredRows.map((row) => {
          const line = viewLine(row);
          return [row.moment, line[0], row.view, ...line.slice(2)];
        })
      )
    );

    const fleetRatios = fleetRows.map((row) => row.ratio).filter(Number.isFinite);
    log();
    log(
      `Fleet: ${fleet.length} generated SLOs (scripts/bench/fleet.ts), overview at ${fleetMoment.label}, ${options.concurrency} SLOs in flight:`
    );
    log(
      formatTable(
        [
          { header: 'kind' },
          { header: 'SLOs', align: 'right' },
          { header: 'queries', align: 'right' },
          { header: 'samples', align: 'right' },
          { header: 'raw', align: 'right' },
          { header: 'ratio', align: 'right' },
          { header: 'bytes', align: 'right' },
          { header: 'evaluate/SLO', align: 'right' },
          { header: 'readSlo/SLO', align: 'right' },
        ],
        [...new Set(fleetRows.map((row) => row.kind)), 'all'].map((kind) => {
          const rows = fleetRows.filter((row) => kind === 'all' || row.kind === kind);
          const samples = rows.reduce((sum, row) => sum + row.samples, 0);
          const rawSum = rows.reduce((sum, row) => sum + row.raw, 0);
          return [
            kind,
            String(rows.length),
            String(rows.reduce((sum, row) => sum + row.queries, 0)),
            formatCount(samples),
            formatCount(rawSum),
            formatRatio(samples / rawSum),
            formatBytes(rows.reduce((sum, row) => sum + row.bytes, 0)),
            formatMs(rows.reduce((sum, row) => sum + row.evaluateMs, 0) / rows.length),
            formatMs(rows.reduce((sum, row) => sum + row.readSloMs, 0) / rows.length),
          ];
        })
      )
    );
    log(
      `  total: ${fleetTotal.queries} queries, ${formatCount(fleetTotal.samples)} samples, ${formatBytes(fleetTotal.bytes)}, ` +
        `wall ${formatMs(fleetWallMs)} for the whole fleet's queries; evaluateSlo ${formatMs(fleetEvaluateMs)} in all, ${formatMs(fleetEvaluateMs / fleet.length)} per SLO; ` +
        `readSlo ${formatMs(fleetReadSloMs)} in all, ${formatMs(fleetReadSloMs / fleet.length)} per SLO; ` +
        `per-SLO ratio to raw: min ${formatRatio(Math.min(...fleetRatios))}, median ${formatRatio(median(fleetRatios))}, max ${formatRatio(Math.max(...fleetRatios))}; ` +
        `statuses: ${Object.entries(countBy(fleetRows.map((row) => row.status)))
          .map(([status, count]) => `${status} ${count}`)
          .join(', ')}`
    );

    // ---- Targets ----
    const measured = (rows: ViewRow[], value: (row: ViewRow) => number): Measured[] =>
      rows.map((row) => ({ id: row.id, when: `${row.view}, ${row.moment}`, value: value(row), why: row.why }));
    const overviewRows = viewRows.filter((row) => row.view === 'overview');
    const detailRows = viewRows.filter((row) => row.view === 'detail');
    const checks: TargetCheck[] = [
      checkAtMost(
        `samples scanned per SLO, overview: at most ${TARGET_RATIO}x raw`,
        TARGET_RATIO,
        measured(overviewRows, (row) => row.ratio),
        formatRatio
      ),
      checkAtMost(
        `page load (detail view, with breakdown): at most ${TARGET_RATIO}x raw`,
        TARGET_RATIO,
        measured(detailRows, (row) => row.ratio),
        formatRatio
      ),
      checkAtMost(
        `fleet overview samples per SLO: at most ${TARGET_RATIO}x raw`,
        TARGET_RATIO,
        fleetRows.map((row) => ({ id: row.id, when: `overview, ${fleetMoment.label}`, value: row.ratio })),
        formatRatio
      ),
      checkAtMost(
        `Prometheus queries per SLO on the overview: at most ${TARGET_OVERVIEW_QUERIES}`,
        TARGET_OVERVIEW_QUERIES,
        [
          ...measured(overviewRows, (row) => row.queries),
          ...fleetRows.map((row) => ({ id: row.id, when: `overview, ${fleetMoment.label}`, value: row.queries })),
        ],
        (value) => String(value)
      ),
      checkAtMost(
        `engine time per SLO (evaluateSlo on 30 days of 5-minute buckets): under ${TARGET_ENGINE_MS} ms`,
        TARGET_ENGINE_MS,
        [
          ...measured(viewRows, (row) => row.evaluateMs),
          ...fleetRows.map((row) => ({
            id: row.id,
            when: `fleet overview, ${fleetMoment.label}`,
            value: row.evaluateMs,
          })),
        ],
        formatMs
      ),
      checkAtMost(
        `engine time per SLO including turning the answers into buckets (readSlo): under ${TARGET_ENGINE_MS} ms`,
        TARGET_ENGINE_MS,
        [
          ...measured(viewRows, (row) => row.readSloMs),
          ...fleetRows.map((row) => ({
            id: row.id,
            when: `fleet overview, ${fleetMoment.label}`,
            value: row.readSloMs,
          })),
        ],
        formatMs
      ),
    ];
    const load = os.loadavg().map((value) => value.toFixed(1));
    log();
    log(
      `Machine: ${os.availableParallelism()} cores, load average ${load.join(' / ')} (1/5/15 min) at the end of the run; ` +
        'wall and engine times are from this shared machine, samples and bytes do not depend on it.'
    );
    const allTimes = [...viewRows, ...fleetRows];
    log(
      `Fastest of the runs, per SLO (what an idle machine comes close to): evaluateSlo median ${formatMs(median(allTimes.map((row) => row.fastestEvaluateMs)))}, ` +
        `max ${formatMs(Math.max(...allTimes.map((row) => row.fastestEvaluateMs)))}; readSlo median ${formatMs(median(allTimes.map((row) => row.fastestReadSloMs)))}, ` +
        `max ${formatMs(Math.max(...allTimes.map((row) => row.fastestReadSloMs)))}.`
    );
    log();
    log('Targets');
    log(formatTargets(checks));
    log();
    log(`benchmark took ${formatMs(performance.now() - benchStarted)}`);

    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(
      out,
      `${JSON.stringify(
        {
          generatedAt: new Date().toISOString(),
          prometheus: '2.42 (Debian), demo data + backfilled Sloth recordings',
          rawDefinition: RAW_SAMPLES_DEFINITION,
          visibleRangeSeconds: VISIBLE_RANGE_SECONDS,
          moments,
          options: { ...options, out: undefined },
          slothBuild: slothBuildSummary(sloth),
          sloBurn: viewRows,
          naive: {
            stride: options.naiveFull ? 1 : NAIVE_STRIDE,
            extrapolationCheck,
            rows: naiveRows,
          },
          sloth: {
            overview: Object.fromEntries(overviewCosts),
            rows: slothRows,
          },
          discovered: discoveredRows,
          fleet: {
            count: fleet.length,
            moment: fleetMoment,
            wallMs: fleetWallMs,
            total: fleetTotal,
            readSloMs: fleetReadSloMs,
            evaluateMs: fleetEvaluateMs,
            rows: fleetRows,
          },
          targets: checks,
        },
        null,
        2
      )}\n`
    );
    log(`figures written to ${path.relative(process.cwd(), out)}`);
  } finally {
    await prometheus.stop();
  }
}

function viewRow(spec: SloSpec, moment: Moment, view: PlanView, measure: PlanMeasure, raw: number): ViewRow {
  const ratio = measure.cost.samples / raw;
  return {
    id: spec.id,
    kind: sliKind(spec.sli) + (isCalendarPeriod(spec.period) ? ' (calendar)' : ''),
    moment: moment.label,
    view,
    queries: measure.cost.queries,
    samples: measure.cost.samples,
    raw,
    ratio,
    bytes: measure.cost.bytes,
    wallMs: measure.cost.wallMs,
    readSloMs: measure.readSloMs,
    bucketsMs: measure.bucketsMs,
    evaluateMs: measure.evaluateMs,
    fastestReadSloMs: measure.fastestReadSloMs,
    fastestEvaluateMs: measure.fastestEvaluateMs,
    status: readingStatus(measure.reading),
    perQuery: measure.plan.queries.map((query, index) => ({
      refId: query.refId,
      expr: query.expr,
      instant: query.instant,
      points: query.instant ? 1 : Math.floor((query.end - query.start) / query.step) + 1,
      samples: measure.perQuerySamples[index] ?? 0,
    })),
    why: ratio > TARGET_RATIO ? whyAboveRaw(spec, moment.time, view) : undefined,
  };
}

function slothBuildSummary(sloth: SlothTsdb) {
  return { dir: sloth.dir, cached: sloth.cached, specs: sloth.specs.map((spec) => spec.id), ...sloth.build };
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) {
    counts[value] = (counts[value] ?? 0) + 1;
  }
  return counts;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
