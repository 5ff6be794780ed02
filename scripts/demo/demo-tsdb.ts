import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { findPromtoolBinary } from '../prometheus/binaries';
import { withFileLock } from './file-lock';
import { buildTsdbFromOpenMetrics, generatorCacheKey, readStamp } from './tsdb-cache';
import { writeOpenMetricsSliceFiles } from './openmetrics-file';
import { DEMO_DAYS, DEMO_END_DEFAULT, DEMO_SEED_DEFAULT, HOUR_SECONDS } from './timeline';

const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');
export const DEMO_DATA_ROOT = path.join(REPOSITORY_ROOT, '.demo-data');
/** The fixed data set (DEMO_END_DEFAULT) that tests and benchmarks share. */
export const DEFAULT_TSDB_DIR = path.join(DEMO_DATA_ROOT, 'tsdb');
/** Data sets ending at any other time, e.g. "now" for a live demo. */
export const LIVE_TSDB_DIR = path.join(DEMO_DATA_ROOT, 'live');

/**
 * promtool cuts blocks at multiples of the largest of Prometheus's block ranges (2h·3^k) that fits the
 * maximum block duration; 486h is that range. Writing one OpenMetrics file per 486h range lets each
 * promtool run make exactly one block, read its file once, and run beside the others.
 */
const BLOCK_HOURS = 486;
const STAMP_FILE = 'demo-stamp.json';
/** The generator's entry module: it and everything it imports shape the data. */
const GENERATOR_ENTRY = path.join(__dirname, 'demo-data.ts');
/** Bump when the data changes in a way the generator's sources do not show. */
const FORMAT_VERSION = 1;
const LOCK_TIMEOUT_MILLIS = 15 * 60_000;

export interface DemoTsdbOptions {
  dir?: string;
  end?: number;
  seed?: number;
  days?: number;
  promtool?: string;
}

export interface DemoTsdb {
  dir: string;
  cached: boolean;
  series: number;
  samples: number;
  openMetricsBytes: number;
  seconds: number;
}

interface Stamp {
  key: string;
  end: number;
  seed: number;
  days: number;
  series: number;
  samples: number;
  openMetricsBytes: number;
}

export function defaultTsdbDir(end: number): string {
  return end === DEMO_END_DEFAULT ? DEFAULT_TSDB_DIR : LIVE_TSDB_DIR;
}

/**
 * Makes sure `dir` holds the TSDB blocks of the demo data for this end and seed, backfilling them with
 * promtool unless a stamp shows they were built from the same generator sources.
 */
export async function ensureDemoTsdb(options: DemoTsdbOptions = {}): Promise<DemoTsdb> {
  const end = options.end ?? DEMO_END_DEFAULT;
  const seed = options.seed ?? DEMO_SEED_DEFAULT;
  const days = options.days ?? DEMO_DAYS;
  const dir = path.resolve(options.dir ?? defaultTsdbDir(end));
  const started = performance.now();
  const key = await generatorCacheKey({ FORMAT_VERSION, end, seed, days }, GENERATOR_ENTRY, __dirname);
  await mkdir(path.dirname(dir), { recursive: true });

  const stamp = await withFileLock(
    `${dir}.lock`,
    async () => {
      const existing = await readStamp<Stamp>(path.join(dir, STAMP_FILE));
      if (existing?.key === key) {
        return { stamp: existing, cached: true };
      }
      const promtool = options.promtool ?? findPromtoolBinary();
      if (!promtool) {
        throw new Error("promtool not found: install Debian's prometheus package or set PROMTOOL_BIN");
      }
      return { stamp: await backfill(dir, { key, end, seed, days }, promtool), cached: false };
    },
    LOCK_TIMEOUT_MILLIS
  );
  return {
    dir,
    cached: stamp.cached,
    series: stamp.stamp.series,
    samples: stamp.stamp.samples,
    openMetricsBytes: stamp.stamp.openMetricsBytes,
    seconds: (performance.now() - started) / 1000,
  };
}

async function backfill(
  dir: string,
  target: Omit<Stamp, 'series' | 'samples' | 'openMetricsBytes'>,
  promtool: string
): Promise<Stamp> {
  const { written } = await buildTsdbFromOpenMetrics({
    dir,
    promtool,
    blockHours: BLOCK_HOURS,
    write: (openMetricsDir) =>
      writeOpenMetricsSliceFiles(
        openMetricsDir,
        { end: target.end, seed: target.seed, days: target.days },
        BLOCK_HOURS * HOUR_SECONDS
      ),
    finish: async (staging, { stats }) => {
      await writeFile(path.join(staging, STAMP_FILE), `${JSON.stringify(stampOf(target, stats), null, 2)}\n`);
    },
  });
  return stampOf(target, written.stats);
}

function stampOf(
  target: Omit<Stamp, 'series' | 'samples' | 'openMetricsBytes'>,
  stats: { series: number; samples: number; characters: number }
): Stamp {
  return { ...target, series: stats.series, samples: stats.samples, openMetricsBytes: stats.characters };
}

/** One line for the log: what is in the directory and what it took. */
export function describeDemoTsdb(tsdb: DemoTsdb, shownDir: string = tsdb.dir): string {
  const how = tsdb.cached ? 'cached' : `backfilled from ${(tsdb.openMetricsBytes / 1e6).toFixed(0)} MB of OpenMetrics`;
  return `demo TSDB ${shownDir}: ${tsdb.series} series, ${tsdb.samples} samples, ${tsdb.seconds.toFixed(1)} s (${how})`;
}
