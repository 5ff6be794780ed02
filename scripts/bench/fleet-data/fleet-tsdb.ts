/**
 * The fleet benchmark's data in a TSDB directory, .demo-data/fleet-tsdb: 200 services over 33 days at
 * 60 s scrapes (scripts/bench/fleet-data), written as OpenMetrics and backfilled with promtool once per
 * machine, like the demo data (one file and one promtool run per 486 h block range, side by side), and
 * kept until the generator's sources, end, span or seed change.
 *
 * Usage: npx tsx scripts/bench/fleet-data/fleet-tsdb.ts   (prints what is there and what it took)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEMO_DATA_ROOT } from '../../demo/demo-tsdb';
import { withFileLock } from '../../demo/file-lock';
import { buildTsdbFromOpenMetrics, generatorCacheKey, readStamp } from '../../demo/tsdb-cache';
import { DEMO_END_DEFAULT, HOUR_SECONDS } from '../../demo/timeline';
import { findPromtoolBinary } from '../../prometheus/binaries';
import { writeFleetOpenMetrics } from './generate';
import { FLEET_DAYS, FLEET_SEED_DEFAULT } from './services';

export const FLEET_TSDB_DIR = path.join(DEMO_DATA_ROOT, 'fleet-tsdb');
/** The fixed end of the fleet data: the demo data's, 2026-11-01T00:00:00Z. */
export const FLEET_END_DEFAULT = DEMO_END_DEFAULT;

/** promtool cuts blocks at multiples of 486 h (see scripts/demo/demo-tsdb.ts): one file per range. */
const BLOCK_HOURS = 486;
const STAMP_FILE = 'fleet-stamp.json';
const GENERATOR_ENTRY = path.join(__dirname, 'generate.ts');
/** Bump when the data changes in a way the generator's sources do not show. */
const FORMAT_VERSION = 1;
const LOCK_TIMEOUT_MILLIS = 30 * 60_000;

export interface FleetTsdbOptions {
  dir?: string;
  end?: number;
  days?: number;
  seed?: number;
  promtool?: string;
}

export interface FleetBuild {
  series: number;
  samples: number;
  openMetricsBytes: number;
  /** Seconds writing the OpenMetrics files (the simulation included), then running promtool over them. */
  generateSeconds: number;
  backfillSeconds: number;
}

export interface FleetTsdb {
  dir: string;
  end: number;
  days: number;
  seed: number;
  cached: boolean;
  /** Seconds this call took (a cache hit is well under one). */
  seconds: number;
  build: FleetBuild;
}

interface Stamp {
  key: string;
  end: number;
  days: number;
  seed: number;
  build: FleetBuild;
}

export async function ensureFleetTsdb(options: FleetTsdbOptions = {}): Promise<FleetTsdb> {
  const end = options.end ?? FLEET_END_DEFAULT;
  const days = options.days ?? FLEET_DAYS;
  const seed = options.seed ?? FLEET_SEED_DEFAULT;
  const dir = path.resolve(options.dir ?? FLEET_TSDB_DIR);
  const started = performance.now();
  const key = await generatorCacheKey({ FORMAT_VERSION, end, days, seed }, GENERATOR_ENTRY, __dirname);
  await mkdir(path.dirname(dir), { recursive: true });
  const result = await withFileLock(
    `${dir}.lock`,
    async () => {
      const existing = await readStamp<Stamp>(path.join(dir, STAMP_FILE));
      if (existing?.key === key) {
        return { build: existing.build, cached: true };
      }
      const promtool = options.promtool ?? findPromtoolBinary();
      if (!promtool) {
        throw new Error("promtool not found: install Debian's prometheus package or set PROMTOOL_BIN");
      }
      const build = await backfill(dir, { end, days, seed }, promtool);
      const stamp: Stamp = { key, end, days, seed, build };
      await writeFile(path.join(dir, STAMP_FILE), `${JSON.stringify(stamp, null, 2)}\n`);
      return { build, cached: false };
    },
    LOCK_TIMEOUT_MILLIS
  );
  return {
    dir,
    end,
    days,
    seed,
    cached: result.cached,
    seconds: (performance.now() - started) / 1000,
    build: result.build,
  };
}

async function backfill(
  dir: string,
  data: { end: number; days: number; seed: number },
  promtool: string
): Promise<FleetBuild> {
  // The OpenMetrics files are about 12 GB.
  const { written, writeSeconds, backfillSeconds } = await buildTsdbFromOpenMetrics({
    dir,
    promtool,
    blockHours: BLOCK_HOURS,
    write: (openMetricsDir) => writeFleetOpenMetrics(openMetricsDir, data, BLOCK_HOURS * HOUR_SECONDS),
  });
  return {
    series: written.stats.series,
    samples: written.stats.samples,
    openMetricsBytes: written.stats.characters,
    generateSeconds: writeSeconds,
    backfillSeconds,
  };
}

/** One line for logs: what is in the directory and what it took to build. */
export function describeFleetTsdb(tsdb: FleetTsdb): string {
  const { build } = tsdb;
  return (
    `fleet TSDB ${path.relative(process.cwd(), tsdb.dir)}: ${build.series} series, ${build.samples} samples over ` +
    `${tsdb.days} days at 60 s (${tsdb.cached ? `cached, ${tsdb.seconds.toFixed(1)} s; ` : ''}built from ` +
    `${(build.openMetricsBytes / 1e9).toFixed(1)} GB of OpenMetrics: ${build.generateSeconds.toFixed(0)} s generating, ` +
    `${build.backfillSeconds.toFixed(0)} s of promtool)`
  );
}

if (require.main === module) {
  void ensureFleetTsdb()
    .then((tsdb) => console.log(describeFleetTsdb(tsdb)))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
