/**
 * The demo data plus Sloth's recording rules, as a Prometheus that has been running them: the series
 * `sloRuleGroups` records (Sloth-compatible names and labels) for a few demo SLOs, backfilled with
 * `promtool tsdb create-blocks-from rules` against a running demo Prometheus, merged into the demo
 * blocks and cached in .demo-data/sloth-tsdb.
 *
 * What is backfilled, every minute, and why only that (how long each job took is in the stamp):
 *   - the 5m error ratio from a period and a day before the first evaluation time on: SLO Burn reads a
 *     discovered SLO's 5-minute buckets, over its 30-day period and the detail view's 24 h, from it;
 *   - the 1h error ratio over all the demo data, and the error budget from the first of the calico
 *     evaluation's month on: Sloth's "month error budget" panels read the 1h ratio 32 days back from
 *     every hour of the month, and divide by the budget;
 *   - the objective, period and info series, the other alert windows (30m…3d) and
 *     `slo:current_burn_rate:ratio` over the last 2.5 days (the 24 h before each evaluation time and
 *     everything after): discovery and the dashboards read them at "now" and over their 24 h range;
 *   - the period ratio and what depends on it (`slo:period_burn_rate:ratio`,
 *     `slo:period_error_budget_remaining:ratio`) only in the 30 minutes before each evaluation time:
 *     a 30-day window every minute for 35 days would dominate the backfill, and the dashboards read
 *     these series only at "now".
 * promtool writes a block per rule, rule group and 2 hours; most of its time goes there, so each job
 * runs as several promtool processes over 2-day segments, six at a time.
 * promtool evaluates rules against the Prometheus it is pointed at, so a rule that reads another
 * recording rule sees nothing unless that rule was backfilled and loaded before: rules are backfilled
 * in passes by dependency depth (the error ratios and metadata; then the burn rates; then the remaining
 * budget), restarting Prometheus over the new blocks between passes. Alerting rules are not backfilled
 * (promtool skips them), so Sloth's ALERTS panels stay empty.
 *
 * Usage: npx tsx scripts/demo/sloth-rules.ts   (prints what was backfilled and how long it took)
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse, stringify } from 'yaml';
import { linkTree } from '../prometheus/isolated-data-dir';
import { type SloSpec, parseDuration } from '../../src/domain';
import { readSpecFile } from '../../src/cli/specFile';
import { rulesYaml } from '../../src/prometheus/rules';
import { findPromtoolBinary } from '../prometheus/binaries';
import { runCommand } from '../prometheus/process-output';
import { type RunningPrometheus, startPrometheus } from '../prometheus/prometheus';
import { DEMO_DATA_ROOT, ensureDemoTsdb } from './demo-tsdb';
import { DEMO_SLOS_FILE } from './demo-slos';
import { withFileLock } from './file-lock';
import {
  DAY_SECONDS,
  DEMO_END_DEFAULT,
  type DemoTimeline,
  HOUR_SECONDS,
  MINUTE_SECONDS,
  demoTimeline,
} from './timeline';

/** The demo SLOs whose Sloth rules are backfilled: one quiet, one that pages in the calico outage. */
export const SLOTH_RULE_SLO_IDS: readonly string[] = ['apiserver-read-availability', 'checkout-availability'];
export const SLOTH_TSDB_DIR = path.join(DEMO_DATA_ROOT, 'sloth-tsdb');

/** Bump when the blocks change in a way the rules, jobs and demo data do not show. */
const FORMAT_VERSION = 1;
const STAMP_FILE = 'sloth-stamp.json';
const LOCK_TIMEOUT_MILLIS = 20 * 60_000;
const COMPACTION_TIMEOUT_MILLIS = 5 * 60_000;
const EVAL_INTERVAL_SECONDS = MINUTE_SECONDS;
/** One promtool process per this much of a job; PROMTOOL_CONCURRENCY processes at a time. */
const SEGMENT_SECONDS = 2 * DAY_SECONDS;
const PROMTOOL_CONCURRENCY = 6;

export interface RecordingRuleFile {
  groups: Array<{ name: string; interval?: string; rules: Array<{ record?: string; alert?: string; expr: string }> }>;
}

/** One promtool run: these records, of every SLO, evaluated every `intervalSeconds` in [start, end]. */
export interface BackfillJob {
  name: string;
  records: string[];
  start: number;
  end: number;
  intervalSeconds: number;
}

export interface BackfillJobResult extends BackfillJob {
  level: number;
  seconds: number;
  blocks: number;
  series: number;
  samples: number;
}

export interface SlothTsdb {
  dir: string;
  cached: boolean;
  /** Seconds this call took (a cache hit is well under one). */
  seconds: number;
  specs: SloSpec[];
  /** The rule file that was backfilled (recording and alerting rules, as deployed). */
  rules: string;
  build: SlothBuild;
}

/** How the cached blocks were made: kept in the stamp, reported by the benchmark. */
export interface SlothBuild {
  jobs: BackfillJobResult[];
  /** Seconds to (re)start Prometheus before each pass, over the demo blocks plus earlier passes. */
  restartSeconds: number[];
  /** Wall-clock seconds of each pass's promtool runs (several at a time). */
  passSeconds: number[];
  /** Seconds until Prometheus had merged the backfilled blocks into the demo blocks. */
  compactionSeconds: number;
  totalSeconds: number;
}

interface Stamp {
  key: string;
  sloIds: string[];
  build: SlothBuild;
}

/** The times the tests and the benchmark evaluate at: during the calico outage, and the end of the data. */
export function slothEvaluationTimes(timeline: DemoTimeline): { calicoOutage: number; dataEnd: number } {
  return { calicoOutage: timeline.incidents.calicoOutage.start + 2 * HOUR_SECONDS, dataEnd: timeline.end };
}

/** The window of every `slo:sli_error:ratio_rate<window>` record in the rule file, in file order. */
export function recordedWindows(rules: RecordingRuleFile): string[] {
  const windows = recordNames(rules)
    .map((name) => /^slo:sli_error:ratio_rate(.+)$/.exec(name)?.[1])
    .filter((window): window is string => window !== undefined);
  return windows.filter((window, index) => windows.indexOf(window) === index);
}

/** What to backfill where (see the module comment). */
export function slothBackfillJobs(timeline: DemoTimeline, rules: RecordingRuleFile): BackfillJob[] {
  const { calicoOutage, dataEnd } = slothEvaluationTimes(timeline);
  const windows = recordedWindows(rules);
  const period = windows[windows.length - 1];
  const ratio = (window: string) => `slo:sli_error:ratio_rate${window}`;
  const margin = 10 * MINUTE_SECONDS;
  // SLO Burn's detail view of a discovered SLO reads the 5m ratio from a period before its 24 h range.
  const periodSeconds = parseDuration(period);
  const discoveredReach = { start: calicoOutage - DAY_SECONDS - periodSeconds - margin, end: timeline.end };
  // Sloth's month panels read the 1h ratio 32 days back from every hour of the month (all of the data),
  // and divide by the error budget at every hour of the month.
  const allData = { start: timeline.start + HOUR_SECONDS, end: timeline.end };
  const month = { start: utcMonthStart(calicoOutage) - HOUR_SECONDS, end: timeline.end };
  // Dashboards and discovery read everything else over their 24 h range or at "now".
  const recent = { start: calicoOutage - DAY_SECONDS - HOUR_SECONDS, end: timeline.end };
  const before = (time: number) => ({ start: time - 30 * MINUTE_SECONDS, end: time });
  const job = (name: string, records: string[], range: { start: number; end: number }): BackfillJob => ({
    name,
    records,
    ...range,
    intervalSeconds: EVAL_INTERVAL_SECONDS,
  });
  const atEvaluationTimes = (records: string[], label: string) => [
    job(`${label}, 30 min before the calico-outage evaluation`, records, before(calicoOutage)),
    job(`${label}, 30 min before the end of the data`, records, before(dataEnd)),
  ];
  return [
    job('5m error ratio, a period and a day before the first evaluation on', [ratio('5m')], discoveredReach),
    job('1h error ratio, all data', [ratio('1h')], allData),
    job("error budget, the calico evaluation's month on", ['slo:error_budget:ratio'], month),
    job(
      'objective, period and info series, last 2.5 days',
      ['slo:objective:ratio', 'slo:time_period:days', 'sloth_slo_info'],
      recent
    ),
    job(
      'other alert-window ratios, last 2.5 days',
      windows.filter((window) => !['5m', '1h', period].includes(window)).map(ratio),
      recent
    ),
    ...atEvaluationTimes([ratio(period)], 'period ratio'),
    job('current burn rate, last 2.5 days', ['slo:current_burn_rate:ratio'], recent),
    ...atEvaluationTimes(['slo:period_burn_rate:ratio'], 'period burn rate'),
    ...atEvaluationTimes(['slo:period_error_budget_remaining:ratio'], 'remaining budget'),
  ];
}

/** 00:00 UTC on the first of the month containing `time` (Grafana's `now/M` in a UTC browser). */
export function utcMonthStart(time: number): number {
  const date = new Date(time * 1000);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / 1000;
}

/**
 * promtool writes one block per rule, group and 2 hours, and most of its time goes into writing them;
 * several promtool processes over consecutive segments of a job run side by side.
 */
export function jobSegments(job: BackfillJob, maxSeconds: number): Array<{ start: number; end: number }> {
  const segments: Array<{ start: number; end: number }> = [];
  for (let start = job.start; start < job.end; start += maxSeconds) {
    segments.push({ start, end: Math.min(job.end, start + maxSeconds) });
  }
  return segments.length > 0 ? segments : [{ start: job.start, end: job.end }];
}

export function recordNames(rules: RecordingRuleFile): string[] {
  return rules.groups.flatMap((group) => group.rules.flatMap((rule) => (rule.record ? [rule.record] : [])));
}

/**
 * Dependency depth of every record: 0 when its expression reads no other record of the file, else one
 * more than the deepest record it reads. promtool must backfill depth k before depth k + 1.
 */
export function recordLevels(rules: RecordingRuleFile): Map<string, number> {
  const names = new Set(recordNames(rules));
  const dependencies = new Map<string, Set<string>>();
  for (const group of rules.groups) {
    for (const rule of group.rules) {
      if (!rule.record) {
        continue;
      }
      const used = dependencies.get(rule.record) ?? new Set<string>();
      for (const name of metricNamesIn(rule.expr)) {
        if (names.has(name) && name !== rule.record) {
          used.add(name);
        }
      }
      dependencies.set(rule.record, used);
    }
  }
  const levels = new Map<string, number>();
  const levelOf = (name: string, visiting: Set<string>): number => {
    const known = levels.get(name);
    if (known !== undefined) {
      return known;
    }
    if (visiting.has(name)) {
      throw new Error(`recording rules depend on each other in a cycle through ${name}`);
    }
    visiting.add(name);
    const level = Math.max(-1, ...[...(dependencies.get(name) ?? [])].map((dep) => levelOf(dep, visiting))) + 1;
    visiting.delete(name);
    levels.set(name, level);
    return level;
  };
  for (const name of names) {
    levelOf(name, new Set());
  }
  return levels;
}

/** Identifiers in a PromQL expression outside strings: metric names, functions, keywords. */
function metricNamesIn(expr: string): string[] {
  const withoutStrings = expr.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""');
  return withoutStrings.match(/[a-zA-Z_:][a-zA-Z0-9_:]*/g) ?? [];
}

/** The recording rules of `records` only, in their groups (names kept, so evaluation offsets are too). */
export function rulesSubset(rules: RecordingRuleFile, records: readonly string[]): RecordingRuleFile {
  return {
    groups: rules.groups
      .map((group) => ({ ...group, rules: group.rules.filter((rule) => rule.record && records.includes(rule.record)) }))
      .filter((group) => group.rules.length > 0),
  };
}

/** Jobs grouped into passes by the dependency depth of their records; a job must not mix depths. */
export function jobPasses(jobs: readonly BackfillJob[], levels: ReadonlyMap<string, number>): BackfillJob[][] {
  const passes: BackfillJob[][] = [];
  for (const job of jobs) {
    const depths = new Set(job.records.map((record) => levels.get(record)));
    if (depths.size !== 1 || depths.has(undefined)) {
      throw new Error(`backfill job "${job.name}" mixes dependency depths or names unknown records`);
    }
    const level = [...depths][0]!;
    (passes[level] ??= []).push(job);
  }
  return passes.map((pass) => pass ?? []);
}

export function demoSpecs(ids: readonly string[] = SLOTH_RULE_SLO_IDS): SloSpec[] {
  const { valid } = readSpecFile(DEMO_SLOS_FILE);
  return ids.map((id) => {
    const spec = valid.find((candidate) => candidate.id === id);
    if (!spec) {
      throw new Error(`no valid SLO ${id} in ${DEMO_SLOS_FILE}`);
    }
    return spec;
  });
}

export interface SlothTsdbOptions {
  /** Default: SLOTH_RULE_SLO_IDS. */
  sloIds?: readonly string[];
  dir?: string;
  promtool?: string;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

/**
 * Makes sure `dir` holds the demo blocks merged with the backfilled Sloth recordings of these SLOs,
 * rebuilding it unless a stamp shows it was built from the same rules, jobs and demo data.
 */
export async function ensureSlothTsdb(options: SlothTsdbOptions = {}): Promise<SlothTsdb> {
  const started = performance.now();
  const specs = demoSpecs(options.sloIds);
  const rules = rulesYaml(specs);
  const ruleFile = parse(rules) as RecordingRuleFile;
  const timeline = demoTimeline(DEMO_END_DEFAULT);
  const jobs = slothBackfillJobs(timeline, ruleFile);
  const demo = await ensureDemoTsdb({ end: DEMO_END_DEFAULT });
  const demoKey = await readFile(path.join(demo.dir, 'demo-stamp.json'), 'utf8');
  const key = createHash('sha256').update(JSON.stringify({ FORMAT_VERSION, rules, jobs, demoKey })).digest('hex');
  const dir = path.resolve(options.dir ?? SLOTH_TSDB_DIR);
  await mkdir(path.dirname(dir), { recursive: true });
  const result = await withFileLock(
    `${dir}.lock`,
    async () => {
      const existing = await readStamp(dir);
      if (existing?.key === key) {
        return { build: existing.build, cached: true };
      }
      const promtool = options.promtool ?? findPromtoolBinary();
      if (!promtool) {
        throw new Error("promtool not found: install Debian's prometheus package or set PROMTOOL_BIN");
      }
      const build = await buildSlothTsdb({ dir, demoDir: demo.dir, ruleFile, jobs, promtool, log: options.log });
      const stamp: Stamp = { key, sloIds: specs.map((spec) => spec.id), build };
      await writeFile(path.join(dir, STAMP_FILE), `${JSON.stringify(stamp, null, 2)}\n`);
      return { build, cached: false };
    },
    LOCK_TIMEOUT_MILLIS
  );
  return {
    dir,
    cached: result.cached,
    seconds: (performance.now() - started) / 1000,
    specs,
    rules,
    build: result.build,
  };
}

interface BuildInput {
  dir: string;
  demoDir: string;
  ruleFile: RecordingRuleFile;
  jobs: BackfillJob[];
  promtool: string;
  log?: (line: string) => void;
}

async function buildSlothTsdb(input: BuildInput): Promise<SlothBuild> {
  const { dir, demoDir, ruleFile, promtool } = input;
  const log = input.log ?? (() => undefined);
  const started = performance.now();
  const work = `${dir}.building`;
  const staging = path.join(work, 'tsdb');
  await rm(work, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const passes = jobPasses(input.jobs, recordLevels(ruleFile));
  const results: BackfillJobResult[] = [];
  const restartSeconds: number[] = [];
  const passSeconds: number[] = [];
  try {
    await linkBlocks(demoDir, staging);
    for (const [level, pass] of passes.entries()) {
      const restartStarted = performance.now();
      const prometheus = await startPrometheus({ dataDir: staging });
      restartSeconds.push((performance.now() - restartStarted) / 1000);
      const passStarted = performance.now();
      try {
        const tasks = pass.flatMap((job, jobIndex) =>
          jobSegments(job, SEGMENT_SECONDS).map((segment, segmentIndex) => async () => {
            const output = path.join(work, `pass${level}`, `job${jobIndex}-${segmentIndex}`);
            return {
              jobIndex,
              ...(await backfillSegment(promtool, prometheus, ruleFile, { ...job, ...segment }, output)),
            };
          })
        );
        const segments = await runLimited(tasks, PROMTOOL_CONCURRENCY);
        pass.forEach((job, jobIndex) => {
          const mine = segments.filter((segment) => segment.jobIndex === jobIndex);
          const result: BackfillJobResult = {
            ...job,
            level,
            seconds: mine.reduce((sum, segment) => sum + segment.seconds, 0),
            blocks: mine.reduce((sum, segment) => sum + segment.blocks, 0),
            series: mine.reduce((sum, segment) => sum + segment.series, 0),
            samples: mine.reduce((sum, segment) => sum + segment.samples, 0),
          };
          results.push(result);
          log(
            `  pass ${level}: ${job.name}: ${result.samples} samples in ${result.blocks} blocks, ${result.seconds.toFixed(1)} s of promtool in ${mine.length} runs`
          );
        });
      } finally {
        await prometheus.stop();
      }
      passSeconds.push((performance.now() - passStarted) / 1000);
      await linkBlocks(path.join(work, `pass${level}`), staging, true);
    }
    const compactionStarted = performance.now();
    await compactOverlappingBlocks(staging);
    const compactionSeconds = (performance.now() - compactionStarted) / 1000;
    log(`  merged the backfilled blocks into the demo blocks in ${compactionSeconds.toFixed(1)} s`);
    await rm(dir, { recursive: true, force: true });
    await rename(staging, dir);
    return {
      jobs: results,
      restartSeconds,
      passSeconds,
      compactionSeconds,
      totalSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function backfillSegment(
  promtool: string,
  prometheus: RunningPrometheus,
  ruleFile: RecordingRuleFile,
  job: BackfillJob,
  output: string
): Promise<{ seconds: number; blocks: number; series: number; samples: number }> {
  const file = `${output}.rules.yaml`;
  await mkdir(output, { recursive: true });
  await writeFile(file, stringify(rulesSubset(ruleFile, job.records), { lineWidth: 0 }));
  const started = performance.now();
  await runCommand(promtool, [
    'tsdb',
    'create-blocks-from',
    'rules',
    '--quiet',
    `--url=${prometheus.url}`,
    `--start=${job.start}`,
    `--end=${job.end}`,
    `--eval-interval=${job.intervalSeconds}s`,
    `--output-dir=${output}`,
    file,
  ]);
  const seconds = (performance.now() - started) / 1000;
  const metas = await blockMetas(output);
  return {
    seconds,
    blocks: metas.length,
    series: metas.reduce((sum, meta) => sum + meta.stats.numSeries, 0),
    samples: metas.reduce((sum, meta) => sum + meta.stats.numSamples, 0),
  };
}

interface BlockMeta {
  ulid: string;
  minTime: number;
  maxTime: number;
  stats: { numSamples: number; numSeries: number };
}

async function blockMetas(dir: string): Promise<BlockMeta[]> {
  const metas: BlockMeta[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.includes('.tmp')) {
      continue;
    }
    try {
      metas.push(JSON.parse(await readFile(path.join(dir, entry.name, 'meta.json'), 'utf8')) as BlockMeta);
    } catch {
      // Not a block, or one Prometheus is deleting right now.
    }
  }
  return metas;
}

/** Hard links (or copies) of every block in `from` (and, with `nested`, its subdirectories) into `to`. */
async function linkBlocks(from: string, to: string, nested = false): Promise<void> {
  for (const meta of await blockMetas(from)) {
    await linkTree(path.join(from, meta.ulid), path.join(to, meta.ulid));
  }
  if (nested) {
    for (const entry of await readdir(from, { withFileTypes: true })) {
      if (entry.isDirectory() && !existsSync(path.join(from, entry.name, 'meta.json'))) {
        await linkBlocks(path.join(from, entry.name), to, true);
      }
    }
  }
}

/**
 * Lets Prometheus merge the backfilled blocks into the demo blocks they overlap (vertical compaction,
 * which it starts a minute after opening the TSDB), so that every later Prometheus over the cache opens
 * a few blocks and never compacts in the middle of a test or benchmark.
 */
async function compactOverlappingBlocks(dataDir: string): Promise<void> {
  const deadline = Date.now() + COMPACTION_TIMEOUT_MILLIS;
  // Stopping Prometheus right after a compaction may leave the blocks it replaced behind: check again.
  while (hasOverlaps(await blockMetas(dataDir))) {
    const prometheus = await startPrometheus({ dataDir, isolateData: false });
    try {
      while (hasOverlaps(await blockMetas(dataDir)) || (await hasTemporaryBlocks(dataDir))) {
        if (Date.now() > deadline) {
          throw new Error(`Prometheus did not merge the overlapping blocks in ${dataDir} within 5 minutes`);
        }
        await sleep(1000);
      }
    } finally {
      await prometheus.stop();
    }
  }
  for (const leftover of ['wal', 'chunks_head', 'lock', 'queries.active']) {
    await rm(path.join(dataDir, leftover), { recursive: true, force: true });
  }
}

export function hasOverlaps(metas: ReadonlyArray<Pick<BlockMeta, 'minTime' | 'maxTime'>>): boolean {
  const sorted = [...metas].sort((a, b) => a.minTime - b.minTime);
  return sorted.some((meta, index) => index > 0 && meta.minTime < sorted[index - 1].maxTime);
}

async function hasTemporaryBlocks(dir: string): Promise<boolean> {
  return (await readdir(dir)).some((name) => name.includes('.tmp'));
}

async function readStamp(dir: string): Promise<Stamp | null> {
  try {
    return JSON.parse(await readFile(path.join(dir, STAMP_FILE), 'utf8')) as Stamp;
  } catch {
    return null;
  }
}

async function runLimited<T>(tasks: ReadonlyArray<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** One paragraph for logs and the benchmark: what was backfilled and what it took. */
export function describeSlothBuild(tsdb: SlothTsdb): string {
  const { build } = tsdb;
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const iso = (time: number) => new Date(time * 1000).toISOString().replace(':00.000Z', 'Z');
  return [
    `Sloth recording rules of ${tsdb.specs.map((spec) => spec.id).join(', ')} in ${path.relative(process.cwd(), tsdb.dir)}` +
      ` (${tsdb.cached ? `cached, ${tsdb.seconds.toFixed(1)} s; ` : ''}built in ${build.totalSeconds.toFixed(1)} s:` +
      ` ${build.restartSeconds.length} passes of promtool taking ${sum(build.passSeconds).toFixed(1)} s` +
      ` (${sum(build.jobs.map((job) => job.seconds)).toFixed(1)} s in all runs),` +
      ` ${sum(build.restartSeconds).toFixed(1)} s starting Prometheus, ${build.compactionSeconds.toFixed(1)} s merging blocks)`,
    ...build.jobs.map(
      (job) =>
        `  pass ${job.level}: ${job.name}: ${iso(job.start)} … ${iso(job.end)} every ${job.intervalSeconds} s,` +
        ` ${job.samples} samples in ${job.blocks} blocks, ${job.seconds.toFixed(1)} s of promtool`
    ),
  ].join('\n');
}

if (require.main === module) {
  void (async () => {
    const tsdb = await ensureSlothTsdb({ log: (line) => console.log(line) });
    console.log(describeSlothBuild(tsdb));
  })().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
