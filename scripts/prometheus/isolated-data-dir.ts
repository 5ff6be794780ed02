import { existsSync } from 'node:fs';
import { copyFile, link, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * A fresh directory next to `dataDir` holding hard links to its TSDB blocks. Prometheus writes its WAL,
 * lock and query log there, and may compact or delete blocks there, without touching `dataDir`; so one
 * backfilled directory can serve several Prometheus processes at once and stays a valid cache.
 */
export async function createIsolatedDataDir(dataDir: string): Promise<string> {
  const source = path.resolve(dataDir);
  await removeLeftoversOfDeadProcesses(source);
  const target = await mkdtemp(`${source}.run-${process.pid}-`);
  for (const entry of await readdir(source, { withFileTypes: true })) {
    const block = path.join(source, entry.name);
    if (entry.isDirectory() && existsSync(path.join(block, 'meta.json'))) {
      await linkTree(block, path.join(target, entry.name));
    }
  }
  return target;
}

/** Hard-links a directory tree (copies where a link is impossible, e.g. across file systems). */
export async function linkTree(source: string, target: string): Promise<void> {
  await mkdir(target, { recursive: true });
  for (const entry of await readdir(source, { withFileTypes: true })) {
    const from = path.join(source, entry.name);
    const to = path.join(target, entry.name);
    if (entry.isDirectory()) {
      await linkTree(from, to);
    } else {
      await link(from, to).catch(() => copyFile(from, to));
    }
  }
}

/** Directories of runs whose process was killed before it could clean up. */
async function removeLeftoversOfDeadProcesses(source: string): Promise<void> {
  const prefix = `${path.basename(source)}.run-`;
  const parent = path.dirname(source);
  const entries = existsSync(parent) ? await readdir(parent) : [];
  for (const name of entries) {
    const pid = name.startsWith(prefix) ? Number(name.slice(prefix.length).split('-')[0]) : NaN;
    if (Number.isInteger(pid) && pid > 0 && !isProcessAlive(pid)) {
      await rm(path.join(parent, name), { recursive: true, force: true });
    }
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
