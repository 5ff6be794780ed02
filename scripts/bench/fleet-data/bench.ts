/**
 * `npm run bench -- --fleet-data 1000`: a fleet of SLOs over the fleet dataset (200 services, 33 days at
 * 60 s; scripts/bench/fleet-data), measured with `stats=all` against a Prometheus over it, as of the end
 * of the data, with `--concurrency` SLOs (or scan queries, or rule reads) in flight:
 *
 * 1. The scan, the yardstick of issue 11's goals: each SLO's SLI error ratio over its period as ONE
 *    instant query (the bench's raw-samples reference, RAW_SAMPLES_DEFINITION), all of them at the given
 *    concurrency; wall time and samples. Run twice: cold (first read of the blocks) and warm.
 * 2. The raw path in Node: every SLO through the planner, the HTTP client and the engine (`loadSlo`,
 *    view overview), the SLOs `--concurrency` at a time, each SLO's queries at once; wall time, time to
 *    the first and the median state, errors, samples against the scan, Node's CPU time and heap.
 * 3. The rules path: SLO Burn's exported rules for the fleet evaluated once at the evaluation time and
 *    backfilled (rules-backfill.ts), then every state via src/prometheus/recorded — detection and batched
 *    reads for the SLOs whose rules match, the raw path for the others — wall time and samples, and how
 *    far its states and numbers are from the raw path's.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type SloSpec, formatDuration, sliKind } from '../../../src/domain';
import { PrometheusHttpClient } from '../../../src/prometheus/httpClient';
import { loadSlo } from '../../../src/prometheus/loadSlo';
import type { SloReading } from '../../../src/prometheus/readSlo';
import { type RecordedLoad, loadRecordedSlos } from '../../../src/prometheus/recorded';
import { DEMO_DATA_ROOT } from '../../demo/demo-tsdb';
import { findPromtoolBinary } from '../../prometheus/binaries';
import { runLimited } from '../../prometheus/concurrency';
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

export interface FleetDataBenchOptions {
  count: number;
  concurrency: number;
  out: string;
}

/** Every SLO's raw-path reading, and when each arrived. */
interface RawPathRun {
  wallMs: number;
  /** Milliseconds from the start until each SLO's state was known, in spec order. */
  doneMs: number[];
  readings: SloReading[];
  cost: Cost;
  cpuMs: number;
  heapMb: number;
}

async function rawPath(
  client: PrometheusHttpClient,
  specs: readonly SloSpec[],
  now: number,
  concurrency: number
): Promise<RawPathRun> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const doneMs: number[] = new Array(specs.length);
  let queries = 0;
  let samples = 0;
  let bytes = 0;
  const readings = await runLimited(
    specs.map((spec, index) => async () => {
      const { reading, costs } = await loadSlo(client, spec, {
        from: now - VISIBLE_RANGE_SECONDS,
        to: now,
        view: 'overview',
      });
      doneMs[index] = performance.now() - started;
      queries += costs.length;
      samples += costs.reduce((sum, cost) => sum + (cost.samples ?? 0), 0);
      bytes += costs.reduce((sum, cost) => sum + cost.bytes, 0);
      return reading;
    }),
    concurrency
  );
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  // What the readings hold, not the garbage of reading them (tsx --expose-gc, as `npm run bench` runs).
  (globalThis as { gc?: () => void }).gc?.();
  return {
    wallMs,
    doneMs,
    readings,
    cost: { queries, samples, bytes, wallMs },
    cpuMs: (used.user + used.system) / 1000,
    heapMb: process.memoryUsage().heapUsed / 1e6,
  };
}

export async function runFleetDataBench(options: FleetDataBenchOptions): Promise<void> {
  const log = (text = '') => console.log(text);
  const progress = (text: string) => process.stderr.write(`… ${text}\n`);
  const benchStarted = performance.now();
  log(`SLO Burn fleet benchmark: ${options.count} SLOs over the fleet dataset, ${options.concurrency} in flight`);
  log(`scan: ${RAW_SAMPLES_DEFINITION}`);
  const tsdb = await ensureFleetTsdb();
  log(describeFleetTsdb(tsdb));
  const specs = fleetDataSpecs(options.count);
  const now = tsdb.end;
  log(`evaluation time ${new Date(now * 1000).toISOString()} (the end of the data); overview view, 24 h range`);

  const work = await mkdtemp(path.join(DEMO_DATA_ROOT, 'fleet-rules-'));
  try {
    let prometheus = await startPrometheus({ dataDir: tsdb.dir });
    let client = new PrometheusHttpClient({
      url: prometheus.url,
      withStats: true,
      timeoutSeconds: QUERY_TIMEOUT_SECONDS,
    });
    const scanQueries = specs.map((spec) => rawSamplesQuery(spec, now));
    let scanCold: Cost;
    let scanWarm: Cost;
    let raw: RawPathRun;
    let rules: Awaited<ReturnType<typeof evaluateRules>>;
    let promtoolSeconds: number;
    try {
      progress('scan, cold');
      scanCold = (await runQueries(client, prometheus.url, scanQueries, options.concurrency)).cost;
      progress('scan, warm');
      scanWarm = (await runQueries(client, prometheus.url, scanQueries, options.concurrency)).cost;
      progress('raw path');
      raw = await rawPath(client, specs, now, options.concurrency);
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
    let recorded: RecordedLoad;
    let rulesMs: number;
    let fallback: RawPathRun;
    try {
      client = new PrometheusHttpClient({
        url: prometheus.url,
        withStats: true,
        timeoutSeconds: QUERY_TIMEOUT_SECONDS,
      });
      progress('rules path');
      const started = performance.now();
      recorded = await loadRecordedSlos(client, specs, now, { concurrency: options.concurrency });
      rulesMs = performance.now() - started;
      const unread = specs.filter((spec) => recorded.readings.get(spec.id)?.kind !== 'evaluated');
      progress(`raw path for the ${unread.length} SLOs without matching rules`);
      fallback = await rawPath(client, unread, now, options.concurrency);
    } finally {
      await prometheus.stop();
    }

    // ---- Output ----
    const rawErrors = raw.readings.filter((reading) => reading.kind === 'error');
    const rulesSamples = recorded.costs.reduce((sum, cost) => sum + (cost.samples ?? 0), 0);
    const comparison = compareReadings(specs, raw.readings, recorded);
    const everyStateMs = rulesMs + fallback.wallMs;
    log();
    log(
      formatTable(
        [
          { header: '' },
          { header: 'queries', align: 'right' },
          { header: 'samples', align: 'right' },
          { header: '/ scan', align: 'right' },
          { header: 'wall', align: 'right' },
          { header: '/ scan', align: 'right' },
          { header: 'errors', align: 'right' },
        ],
        [
          ['scan, cold', scanCold, 0],
          ['scan, warm', scanWarm, 0],
          ['raw path (loadSlo)', raw.cost, rawErrors.length],
          ['rules: detection + reads', { ...sumCosts(recorded), wallMs: rulesMs }, 0],
          [`rules: raw path for the other ${fallback.readings.length}`, fallback.cost, 0],
        ].map(([label, cost, errors]) => {
          const { queries, samples, wallMs } = cost as Cost;
          return [
            label as string,
            formatCount(queries),
            formatCount(samples),
            formatRatio(samples / scanWarm.samples),
            formatMs(wallMs),
            formatRatio(wallMs / scanWarm.wallMs),
            String(errors),
          ];
        })
      )
    );
    log();
    log(
      `Raw path: first state after ${formatMs(Math.min(...raw.doneMs))}, half after ${formatMs(median(raw.doneMs))}, ` +
        `every state after ${formatMs(raw.wallMs)} (${formatRatio(raw.wallMs / scanWarm.wallMs)} the warm scan); ` +
        `Node CPU ${formatMs(raw.cpuMs)} (planner, HTTP, JSON, buckets, engine), heap ${raw.heapMb.toFixed(0)} MB ` +
        `holding every reading; statuses: ${countBy(raw.readings.map(readingStatus))}.`
    );
    log(
      `Rules: ${rules.rules} recording rules (${formatCount(rules.series.length)} series) evaluated once in ` +
        `${formatMs(rules.wallMs)}, reading ${formatCount(rules.samples)} samples (${formatRatio(rules.samples / scanWarm.samples)} ` +
        `the scan: what Prometheus pays at every evaluation of them), backfilled in ${promtoolSeconds.toFixed(1)} s.`
    );
    log(
      `Rules path: ${recorded.detection.matched.length} of ${specs.length} SLOs read from rules in ${formatMs(rulesMs)} ` +
        `(${recorded.costs.length} queries, ${formatCount(rulesSamples)} samples); why the others read raw: ` +
        `${countBy(recorded.detection.verdicts.flatMap((verdict) => (verdict.kind === 'raw' ? [verdict.reason] : [])))}. ` +
        `Every state: ${formatMs(everyStateMs)} (rules, then the raw path for the rest).`
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
    const load = os.loadavg().map((value) => value.toFixed(1));
    log(
      `Machine: ${os.availableParallelism()} cores, load ${load.join(' / ')} at the end; benchmark took ${formatMs(performance.now() - benchStarted)}.`
    );

    await mkdir(path.dirname(options.out), { recursive: true });
    await writeFile(
      options.out,
      `${JSON.stringify(
        {
          generatedAt: new Date().toISOString(),
          options,
          dataset: { ...tsdb.build, days: tsdb.days, seed: tsdb.seed, end: tsdb.end, cached: tsdb.cached },
          scanDefinition: RAW_SAMPLES_DEFINITION,
          scan: { cold: scanCold, warm: scanWarm },
          rawPath: {
            ...raw.cost,
            firstMs: Math.min(...raw.doneMs),
            medianMs: median(raw.doneMs),
            errors: rawErrors.map((reading) => reading.kind === 'error' && `${reading.spec.id}: ${reading.message}`),
            cpuMs: raw.cpuMs,
            heapMb: raw.heapMb,
          },
          rules: {
            evaluation: {
              rules: rules.rules,
              series: rules.series.length,
              samples: rules.samples,
              wallMs: rules.wallMs,
            },
            promtoolSeconds,
            matched: recorded.detection.matched.length,
            readMs: rulesMs,
            readCost: sumCosts(recorded),
            fallback: fallback.cost,
            everyStateMs,
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

function sumCosts(load: RecordedLoad): Cost {
  return {
    queries: load.costs.length,
    samples: load.costs.reduce((sum, cost) => sum + (cost.samples ?? 0), 0),
    bytes: load.costs.reduce((sum, cost) => sum + cost.bytes, 0),
    wallMs: 0,
  };
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

/** The rules path's states and numbers against the raw path's, SLO by SLO. */
function compareReadings(
  specs: readonly SloSpec[],
  rawReadings: readonly SloReading[],
  recorded: RecordedLoad
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
  specs.forEach((spec, index) => {
    const fromRules = recorded.readings.get(spec.id);
    const fromRaw = rawReadings[index];
    if (fromRules?.kind !== 'evaluated' || fromRaw.kind !== 'evaluated') {
      return;
    }
    const rules = fromRules.groups[0].evaluation;
    const raw = fromRaw.groups[0].evaluation;
    result.compared++;
    const statesOf = (states: typeof rules) => states.alerts.pairs.map((pair) => pair.state).join(',');
    if (rules.status === raw.status) {
      result.sameStatus++;
    }
    if (statesOf(rules) === statesOf(raw)) {
      result.samePairs++;
    }
    if (rules.status !== raw.status || statesOf(rules) !== statesOf(raw)) {
      result.differences.push(`${spec.id} (${sliKind(spec.sli)}): rules ${rules.status}, raw ${raw.status}`);
    }
    [...rules.windows, rules.periodWindow].forEach((window, windowIndex) => {
      const other = windowIndex < raw.windows.length ? raw.windows[windowIndex] : raw.periodWindow;
      if (window.errorRatio !== null && other.errorRatio !== null && other.errorRatio > 0) {
        const relative = Math.abs(window.errorRatio - other.errorRatio) / other.errorRatio;
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
  });
  return result;
}

function countBy(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) {
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts.entries()].map(([value, count]) => `${value} ${count}`).join(', ');
}
