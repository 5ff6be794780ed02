/**
 * `npm run bench -- --fleet-data 1000`: a fleet of SLOs over the fleet dataset (200 services, 33 days at
 * 60 s; scripts/bench/fleet-data), measured with `stats=all` against a Prometheus over it, as of the end
 * of the data:
 *
 * 1. The scan, the yardstick of issue 11's goals: each SLO's SLI error ratio over its period as ONE
 *    instant query (the bench's raw-samples reference, RAW_SAMPLES_DEFINITION), `--concurrency` at a
 *    time; wall time and samples. Run twice: cold (first read of the blocks) and warm.
 * 2. The overview's raw path in Node: every SLO through the fleet loader (`loadFleet`: one request per
 *    SLO through the adaptive scheduler, as the app sends them, `httpExecutor` instead of Grafana), a cold
 *    bucket cache; wall time, first and median state, errors, samples against the scan, CPU and heap.
 * 3. A refresh 60 s later with the same bucket cache: samples against the first load.
 * 4. The command line, `slo evaluate` over a spec file of the fleet (a child process, default options):
 *    wall time, exit code, SLOs in error, against the scan.
 * 5. The rules path: SLO Burn's exported rules for the fleet evaluated once at the evaluation time and
 *    backfilled (rules-backfill.ts), then the overview's load with `recordedRulesReaders` (detection and
 *    batched reads for the SLOs whose rules match, the raw path for the others, one scheduler): time to
 *    every state, samples, and how far its states and numbers are from the raw path's.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { type SloSpec, formatDuration, sliKind } from '../../../src/domain';
import { type FleetLoadSummary, type FleetReading, RangeCache, loadFleet } from '../../../src/prometheus/fleet';
import { httpExecutor } from '../../../src/prometheus/fleet/httpExecutor';
import { PrometheusHttpClient } from '../../../src/prometheus/httpClient';
import { RULES_SOURCE, recordedRulesReaders } from '../../../src/prometheus/recorded';
import { AdaptiveScheduler, type SchedulerStats } from '../../../src/prometheus/scheduler';
import { DEMO_DATA_ROOT } from '../../demo/demo-tsdb';
import { findPromtoolBinary } from '../../prometheus/binaries';
import { linkTree } from '../../prometheus/isolated-data-dir';
import { startPrometheus } from '../../prometheus/prometheus';
import { RAW_SAMPLES_DEFINITION, rawSamplesQuery } from '../queries';
import { formatCount, formatMs, formatRatio, formatTable } from '../report';
import { type Cost, median, readingStatus, runQueries } from '../run';
import { describeFleetTsdb, ensureFleetTsdb } from './fleet-tsdb';
import { backfillRecorded, evaluateRules } from './rules-backfill';
import { fleetDataSpecs } from './specs';

const VISIBLE_RANGE_SECONDS = 86400;
const QUERY_TIMEOUT_SECONDS = 300;
const REFRESH_AFTER_SECONDS = 60;
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export interface FleetDataBenchOptions {
  count: number;
  concurrency: number;
  out: string;
}

/** One SLO's reading, reduced to what the figures and the comparison of the paths use. */
interface Outcome {
  id: string;
  source: string;
  status: string;
  error: string | null;
  /** Every pair's state, joined. */
  pairs: string;
  /** Alert windows, then the period. */
  windows: Array<{ seconds: number; errorRatio: number | null }>;
  budgetRemaining: number | null;
  /** Why rules that exist did not serve it (`recordedRulesReaders`' note), or null. */
  rulesNote: string | null;
}

function outcomeOf({ slo, source, reading }: FleetReading): Outcome {
  if (reading.kind === 'error') {
    return {
      id: slo.spec.id,
      source,
      status: 'error',
      error: reading.message,
      pairs: '',
      windows: [],
      budgetRemaining: null,
      rulesNote: null,
    };
  }
  const evaluation = reading.groups[0].evaluation;
  return {
    id: slo.spec.id,
    source,
    status: readingStatus(reading),
    error: null,
    pairs: evaluation.alerts.pairs.map((pair) => pair.state).join(','),
    windows: [...evaluation.windows, evaluation.periodWindow].map((window) => ({
      seconds: window.seconds,
      errorRatio: window.errorRatio,
    })),
    budgetRemaining: evaluation.budgetRemaining,
    rulesNote: reading.notes.find((note) => note.startsWith('Recording rules not used')) ?? null,
  };
}

/** One load of the fleet through the overview's loader, and when each reading arrived. */
interface FleetRun {
  summary: FleetLoadSummary;
  /** Milliseconds from the start until each SLO's state was known, in the order they arrived. */
  doneMs: number[];
  /** The same, per SLO id. */
  doneAt: Map<string, number>;
  /** What the comparison needs of each reading: a thousand raw readings hold gigabytes of buckets. */
  readings: Map<string, Outcome>;
  cost: Cost;
  scheduler: SchedulerStats;
  cpuMs: number;
  /** After a collection: the JavaScript heap, and the array buffers outside it (the cache's buckets). */
  heapMb: number;
  arrayBuffersMb: number;
}

interface FleetRunOptions {
  cache: RangeCache;
  /** The load's instant; also the wall clock the cache judges finality by. */
  at: number;
  rules: boolean;
}

/** The overview's load of `specs` as of `at`, over the Prometheus HTTP API: the app's path without Grafana. */
async function fleetRun(url: string, specs: readonly SloSpec[], options: FleetRunOptions): Promise<FleetRun> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const doneMs: number[] = [];
  const doneAt = new Map<string, number>();
  const readings = new Map<string, Outcome>();
  // Default options: what the app's per-data-source scheduler starts with.
  const scheduler = new AdaptiveScheduler();
  const summary = await loadFleet(
    specs.map((spec) => ({ spec, datasource: url })),
    { from: options.at - VISIBLE_RANGE_SECONDS, to: options.at },
    {
      executor: httpExecutor({ url, withStats: true, timeoutSeconds: QUERY_TIMEOUT_SECONDS }),
      cache: options.cache,
      clock: () => options.at,
      schedulerFor: () => scheduler,
      readers: options.rules ? recordedRulesReaders() : undefined,
    },
    {
      onReading: (reading) => {
        doneMs.push(performance.now() - started);
        doneAt.set(reading.slo.spec.id, performance.now() - started);
        readings.set(reading.slo.spec.id, outcomeOf(reading));
      },
    }
  ).done;
  const used = process.cpuUsage(cpu);
  // What the readings hold, not the garbage of reading them (tsx --expose-gc, as `npm run bench` runs).
  (globalThis as { gc?: () => void }).gc?.();
  return {
    summary,
    doneMs,
    doneAt,
    readings,
    cost: { queries: summary.requests, samples: summary.samples, bytes: 0, wallMs: summary.wallMs },
    scheduler: scheduler.stats(),
    cpuMs: (used.user + used.system) / 1000,
    heapMb: process.memoryUsage().heapUsed / 1e6,
    arrayBuffersMb: process.memoryUsage().arrayBuffers / 1e6,
  };
}

interface CliRun {
  wallMs: number;
  exitCode: number | null;
  /** SLOs in the JSON report, and those in error (id: message). */
  reported: number;
  errors: string[];
  stderrTail: string;
}

/** `slo evaluate` over the fleet as a user runs it (default timeout and scheduling), JSON out. */
async function cliRun(url: string, specs: readonly SloSpec[], at: number, dir: string): Promise<CliRun> {
  const file = path.join(dir, 'fleet-slos.yaml');
  await writeFile(file, stringify({ slos: specs }));
  const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  const args = [
    'src/cli/main.ts',
    'evaluate',
    '--prometheus',
    url,
    '--slos',
    file,
    '--at',
    String(at),
    '--format',
    'json',
  ];
  const started = performance.now();
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(tsx, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', reject);
      child.on('close', (exitCode) =>
        resolve({ code: exitCode, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() })
      );
    }
  );
  const wallMs = performance.now() - started;
  let reports: Array<{ id: string; status: string; error: string | null }> = [];
  try {
    reports = (JSON.parse(stdout) as { slos: typeof reports }).slos;
  } catch {
    // No report at all: the figures say so (reported 0).
  }
  return {
    wallMs,
    exitCode: code,
    reported: reports.length,
    errors: reports.filter((report) => report.status === 'error').map((report) => `${report.id}: ${report.error}`),
    stderrTail: stderr.trim().split('\n').slice(-3).join('\n'),
  };
}

export async function runFleetDataBench(options: FleetDataBenchOptions): Promise<void> {
  const log = (text = '') => console.log(text);
  const progress = (text: string) => process.stderr.write(`… ${text} (load ${loadNow()})\n`);
  const benchStarted = performance.now();
  log(
    `SLO Burn fleet benchmark: ${options.count} SLOs over the fleet dataset; scan and rule evaluation ${options.concurrency} in flight`
  );
  log(`scan: ${RAW_SAMPLES_DEFINITION}`);
  const tsdb = await ensureFleetTsdb();
  log(describeFleetTsdb(tsdb));
  const specs = fleetDataSpecs(options.count);
  const now = tsdb.end;
  log(`evaluation time ${new Date(now * 1000).toISOString()} (the end of the data); overview view, 24 h range`);
  const loads: Record<string, string> = {};

  const work = await mkdtemp(path.join(DEMO_DATA_ROOT, 'fleet-rules-'));
  try {
    let prometheus = await startPrometheus({ dataDir: tsdb.dir });
    const client = new PrometheusHttpClient({
      url: prometheus.url,
      withStats: true,
      timeoutSeconds: QUERY_TIMEOUT_SECONDS,
    });
    const scanQueries = specs.map((spec) => rawSamplesQuery(spec, now));
    let scanCold: Cost;
    let scanWarm: Cost;
    let raw: FleetRun;
    let refresh: FleetRun;
    let cli: CliRun;
    let rules: Awaited<ReturnType<typeof evaluateRules>>;
    let promtoolSeconds: number;
    try {
      progress('scan, cold');
      loads.scanCold = loadNow();
      scanCold = (await runQueries(client, prometheus.url, scanQueries, options.concurrency)).cost;
      progress('scan, warm');
      loads.scanWarm = loadNow();
      scanWarm = (await runQueries(client, prometheus.url, scanQueries, options.concurrency)).cost;
      progress('raw path: first load through the fleet loader');
      loads.raw = loadNow();
      const cache = new RangeCache();
      raw = await fleetRun(prometheus.url, specs, { cache, at: now, rules: false });
      progress(`refresh ${REFRESH_AFTER_SECONDS} s later`);
      loads.refresh = loadNow();
      refresh = await fleetRun(prometheus.url, specs, { cache, at: now + REFRESH_AFTER_SECONDS, rules: false });
      progress('slo evaluate');
      loads.cli = loadNow();
      cli = await cliRun(prometheus.url, specs, now, work);
      progress('evaluating the exported rules once');
      rules = await evaluateRules(client, specs, now, options.concurrency);
    } finally {
      await prometheus.stop();
    }
    const promtool = findPromtoolBinary();
    if (!promtool) {
      throw new Error("promtool not found: install Debian's prometheus package or set PROMTOOL_BIN");
    }
    progress('backfilling the recordings');
    promtoolSeconds = (await backfillRecorded(promtool, rules, now, path.join(work, 'recorded'))).seconds;
    const combined = path.join(work, 'tsdb');
    for (const from of [tsdb.dir, path.join(work, 'recorded', 'blocks')]) {
      for (const entry of await readdir(from, { withFileTypes: true })) {
        if (entry.isDirectory()) {
          await linkTree(path.join(from, entry.name), path.join(combined, entry.name));
        }
      }
    }

    prometheus = await startPrometheus({ dataDir: combined });
    let withRules: FleetRun;
    try {
      progress('rules path: the overview with recordedRulesReaders');
      loads.rules = loadNow();
      withRules = await fleetRun(prometheus.url, specs, { cache: new RangeCache(), at: now, rules: true });
    } finally {
      await prometheus.stop();
    }

    // ---- Output ----
    const errorsOf = (run: FleetRun) =>
      [...run.readings.values()].flatMap((outcome) =>
        outcome.error !== null ? [`${outcome.id}: ${outcome.error}`] : []
      );
    const fromRules = [...withRules.readings.values()].filter((reading) => reading.source === RULES_SOURCE);
    const rulesDoneMs = Math.max(0, ...fromRules.map((outcome) => withRules.doneAt.get(outcome.id) ?? 0));
    const comparison = compareReadings(specs, raw.readings, withRules.readings);
    log();
    log(
      formatTable(
        [
          { header: '' },
          { header: 'requests', align: 'right' },
          { header: 'samples', align: 'right' },
          { header: '/ scan', align: 'right' },
          { header: 'wall', align: 'right' },
          { header: '/ scan', align: 'right' },
          { header: 'errors', align: 'right' },
          { header: 'load 1/5/15 min', align: 'right' },
        ],
        [
          ['scan, cold', scanCold, '0', loads.scanCold],
          ['scan, warm', scanWarm, '0', loads.scanWarm],
          ['overview, raw: first load', raw.cost, String(raw.summary.errors), loads.raw],
          [
            `overview, raw: refresh ${REFRESH_AFTER_SECONDS} s later`,
            refresh.cost,
            String(refresh.summary.errors),
            loads.refresh,
          ],
          [
            `slo evaluate (exit ${cli.exitCode})`,
            { queries: Number.NaN, samples: Number.NaN, bytes: 0, wallMs: cli.wallMs },
            String(cli.errors.length + (options.count - cli.reported)),
            loads.cli,
          ],
          ['overview with rules: every state', withRules.cost, String(withRules.summary.errors), loads.rules],
        ].map(([label, cost, errors, load]) => {
          const { queries, samples, wallMs } = cost as Cost;
          return [
            label as string,
            Number.isNaN(queries) ? '—' : formatCount(queries),
            Number.isNaN(samples) ? '—' : formatCount(samples),
            Number.isNaN(samples) ? '—' : formatRatio(samples / scanWarm.samples),
            formatMs(wallMs),
            formatRatio(wallMs / scanWarm.wallMs),
            errors as string,
            load as string,
          ];
        })
      )
    );
    log();
    log(
      `Overview, raw: first state after ${formatMs(Math.min(...raw.doneMs))}, half after ${formatMs(median(raw.doneMs))}, ` +
        `every state after ${formatMs(raw.summary.wallMs)} (${formatRatio(raw.summary.wallMs / scanWarm.wallMs)} the warm scan); ` +
        `scheduler: peak ${raw.scheduler.peakInFlight} in flight, ${raw.scheduler.overloads} overloads, ${raw.scheduler.failed} failed; ` +
        `Node CPU ${formatMs(raw.cpuMs)}, heap ${raw.heapMb.toFixed(0)} MB and array buffers ${raw.arrayBuffersMb.toFixed(0)} MB after a collection, holding the bucket cache; ` +
        `statuses: ${countBy([...raw.readings.values()].map((outcome) => outcome.status))}.`
    );
    log(
      `Refresh ${REFRESH_AFTER_SECONDS} s later: ${formatCount(refresh.summary.samples)} samples, ` +
        `${formatRatio(refresh.summary.samples / raw.summary.samples)} of the first load's, in ${formatMs(refresh.summary.wallMs)}.`
    );
    log(
      `slo evaluate: ${formatMs(cli.wallMs)} (${formatRatio(cli.wallMs / scanWarm.wallMs)} the warm scan), exit code ${cli.exitCode}, ` +
        `${cli.reported} of ${options.count} SLOs reported, ${cli.errors.length} in error` +
        (cli.errors.length > 0 ? ` (${cli.errors.slice(0, 3).join('; ')})` : '') +
        (cli.stderrTail ? `; stderr: ${cli.stderrTail.slice(0, 300)}` : '') +
        '.'
    );
    log(
      `Rules: ${rules.rules} recording rules (${formatCount(rules.series.length)} series) evaluated once in ` +
        `${formatMs(rules.wallMs)}, reading ${formatCount(rules.samples)} samples (${formatRatio(rules.samples / scanWarm.samples)} ` +
        `the scan: what Prometheus pays at every evaluation of them), backfilled in ${promtoolSeconds.toFixed(1)} s.`
    );
    log(
      `Overview with rules: ${fromRules.length} of ${specs.length} SLOs read from rules, every one of them within ` +
        `${formatMs(rulesDoneMs)}; every state (the others raw, cold cache) after ${formatMs(withRules.summary.wallMs)}; ` +
        `${formatCount(withRules.summary.requests)} requests, ${formatCount(withRules.summary.samples)} samples; ` +
        `sources ${JSON.stringify(withRules.summary.sources)}; rules present but not used: ` +
        `${countBy([...withRules.readings.values()].flatMap(unusedRulesReason)) || 'none'}.`
    );
    log(
      `Rules against raw, ${comparison.compared} SLOs: status equal for ${comparison.sameStatus}, every pair's state ` +
        `equal for ${comparison.samePairs}; largest window-ratio difference ${comparison.largestRatio.toExponential(1)} ` +
        `relative (${comparison.largestRatioAt}), largest budget difference ${(comparison.largestBudget * 100).toFixed(3)} ` +
        `points (${comparison.largestBudgetAt})` +
        (comparison.differences.length > 0
          ? `; different states: ${comparison.differences.slice(0, 8).join('; ')}`
          : '')
    );
    log(
      `Machine: ${os.availableParallelism()} cores, shared; load ${loadNow()} at the end; benchmark took ` +
        `${formatMs(performance.now() - benchStarted)}.`
    );

    await mkdir(path.dirname(options.out), { recursive: true });
    await writeFile(
      options.out,
      `${JSON.stringify(
        {
          generatedAt: new Date().toISOString(),
          options,
          machine: { cores: os.availableParallelism(), loadAtStartOfEachStep: loads, loadAtEnd: loadNow() },
          dataset: { ...tsdb.build, days: tsdb.days, seed: tsdb.seed, end: tsdb.end, cached: tsdb.cached },
          scanDefinition: RAW_SAMPLES_DEFINITION,
          scan: { cold: scanCold, warm: scanWarm },
          rawPath: runFigures(raw, errorsOf(raw)),
          refresh: {
            ...runFigures(refresh, errorsOf(refresh)),
            samplesOfFirstLoad: refresh.summary.samples / raw.summary.samples,
          },
          cli,
          rules: {
            evaluation: {
              rules: rules.rules,
              series: rules.series.length,
              samples: rules.samples,
              wallMs: rules.wallMs,
            },
            promtoolSeconds,
            overview: { ...runFigures(withRules, errorsOf(withRules)), fromRules: fromRules.length, rulesDoneMs },
            comparison,
          },
        },
        null,
        2
      )}\n`
    );
    log(`figures written to ${path.relative(process.cwd(), options.out)}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function runFigures(run: FleetRun, errors: string[]) {
  return {
    ...run.summary,
    firstMs: Math.min(...run.doneMs),
    medianMs: median(run.doneMs),
    errors,
    scheduler: run.scheduler,
    cpuMs: run.cpuMs,
    heapMb: run.heapMb,
    arrayBuffersMb: run.arrayBuffersMb,
  };
}

/** The 1-, 5- and 15-minute load averages, as `uptime` gives them. */
function loadNow(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');
}

interface Comparison {
  compared: number;
  sameStatus: number;
  samePairs: number;
  largestRatio: number;
  largestRatioAt: string;
  largestBudget: number;
  largestBudgetAt: string;
  differences: string[];
}

/** The rules path's states and numbers against the raw path's, for the SLOs read from rules. */
function compareReadings(
  specs: readonly SloSpec[],
  rawReadings: ReadonlyMap<string, Outcome>,
  rulesReadings: ReadonlyMap<string, Outcome>
): Comparison {
  const result: Comparison = {
    compared: 0,
    sameStatus: 0,
    samePairs: 0,
    largestRatio: 0,
    largestRatioAt: '',
    largestBudget: 0,
    largestBudgetAt: '',
    differences: [],
  };
  for (const spec of specs) {
    const rules = rulesReadings.get(spec.id);
    const raw = rawReadings.get(spec.id);
    if (rules?.source !== RULES_SOURCE || rules.error !== null || !raw || raw.error !== null) {
      continue;
    }
    result.compared++;
    if (rules.status === raw.status) {
      result.sameStatus++;
    }
    if (rules.pairs === raw.pairs) {
      result.samePairs++;
    }
    if (rules.status !== raw.status || rules.pairs !== raw.pairs) {
      result.differences.push(`${spec.id} (${sliKind(spec.sli)}): rules ${rules.status}, raw ${raw.status}`);
    }
    rules.windows.forEach((window, index) => {
      const other = raw.windows[index]?.errorRatio ?? null;
      if (window.errorRatio !== null && other !== null && other > 0) {
        const relative = Math.abs(window.errorRatio - other) / other;
        if (relative > result.largestRatio) {
          result.largestRatio = relative;
          result.largestRatioAt = `${spec.id} ${formatDuration(window.seconds)}`;
        }
      }
    });
    if (rules.budgetRemaining !== null && raw.budgetRemaining !== null) {
      const difference = Math.abs(rules.budgetRemaining - raw.budgetRemaining);
      if (difference > result.largestBudget) {
        result.largestBudget = difference;
        result.largestBudgetAt = spec.id;
      }
    }
  }
  return result;
}

/** The reason rules that exist did not serve an SLO, without the SLO's own names, so that reasons count. */
function unusedRulesReason(outcome: Outcome): string[] {
  return outcome.rulesNote === null
    ? []
    : [outcome.rulesNote.replace(/sloth_id "[^"]*"/g, 'sloth_id "…"').replace(/\(\d+ series\)/g, '(n series)')];
}

function countBy(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) {
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts.entries()].map(([value, count]) => `${value} ${count}`).join(', ');
}
