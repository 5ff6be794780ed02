import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runLimited } from '../prometheus/concurrency';
import { runCommand } from '../prometheus/process-output';

/**
 * What a cached TSDB directory was built from: the shape of its data (`shape`, e.g. its end, span and seed)
 * and the sources of its generator (`entry` and every module it imports), relative to `sourcesRoot`. Any
 * change to either builds the data again.
 */
export async function generatorCacheKey(shape: unknown, entry: string, sourcesRoot: string): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify(shape));
  for (const file of await moduleAndItsImports(entry)) {
    hash
      .update(path.relative(sourcesRoot, file))
      .update('\0')
      .update(await readFile(file))
      .update('\0');
  }
  return hash.digest('hex');
}

/** `file` and every module it imports by a relative path, directly or not: the sources of the data. */
export async function moduleAndItsImports(file: string, found: Set<string> = new Set()): Promise<string[]> {
  found.add(file);
  const source = await readFile(file, 'utf8');
  for (const [, specifier] of source.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
    const imported = path.resolve(path.dirname(file), `${specifier}.ts`);
    if (!found.has(imported)) {
      await moduleAndItsImports(imported, found);
    }
  }
  return [...found].sort();
}

/** The stamp a cached directory was left with, or null when it has none (or an unreadable one). */
export async function readStamp<Stamp>(file: string): Promise<Stamp | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Stamp;
  } catch {
    return null;
  }
}

export interface OpenMetricsBuild<Written extends { files: string[] }> {
  /** The TSDB directory the blocks replace. */
  dir: string;
  promtool: string;
  /** promtool's `--max-block-duration`, in hours. */
  blockHours: number;
  /** Writes the OpenMetrics files into this scratch directory. */
  write(openMetricsDir: string): Promise<Written>;
  /** Adds to the staged blocks before they replace `dir` (e.g. a stamp). */
  finish?(staging: string, written: Written): Promise<void>;
}

/**
 * Builds a TSDB from OpenMetrics files: written to a scratch directory, backfilled by promtool into a staging
 * directory (as many files at once as there are cores), and only then put in place of `dir`, so a failed
 * build never leaves half a TSDB. The scratch directories go, even when the process is told to exit mid-way:
 * the OpenMetrics files are large.
 */
export async function buildTsdbFromOpenMetrics<Written extends { files: string[] }>(
  build: OpenMetricsBuild<Written>
): Promise<{ written: Written; writeSeconds: number; backfillSeconds: number }> {
  const { dir } = build;
  const staging = `${dir}.staging`;
  const openMetricsDir = `${dir}.openmetrics`;
  const removeOnExit = () =>
    [staging, openMetricsDir].forEach((temporary) => rmSync(temporary, { recursive: true, force: true }));
  process.on('exit', removeOnExit);
  await rm(staging, { recursive: true, force: true });
  await rm(openMetricsDir, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  await mkdir(openMetricsDir, { recursive: true });
  try {
    const writeStarted = performance.now();
    const written = await build.write(openMetricsDir);
    const writeSeconds = (performance.now() - writeStarted) / 1000;
    const backfillStarted = performance.now();
    await runLimited(
      written.files.map(
        (file) => () =>
          runCommand(build.promtool, [
            'tsdb',
            'create-blocks-from',
            'openmetrics',
            '--quiet',
            `--max-block-duration=${build.blockHours}h`,
            file,
            staging,
          ])
      ),
      os.availableParallelism()
    );
    const backfillSeconds = (performance.now() - backfillStarted) / 1000;
    await build.finish?.(staging, written);
    await rm(dir, { recursive: true, force: true });
    await rename(staging, dir);
    return { written, writeSeconds, backfillSeconds };
  } finally {
    process.off('exit', removeOnExit);
    await rm(openMetricsDir, { recursive: true, force: true });
    await rm(staging, { recursive: true, force: true });
  }
}
