/** @jest-environment node */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { withFileLock } from './file-lock';

describe('withFileLock', () => {
  let directory: string;
  let lockPath: string;

  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'file-lock-test-'));
    lockPath = path.join(directory, 'cache.lock');
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('runs one holder at a time and releases the lock', async () => {
    const events: string[] = [];
    const holder = (name: string) =>
      withFileLock(
        lockPath,
        async () => {
          events.push(`${name} in`);
          await sleep(50);
          events.push(`${name} out`);
        },
        5_000
      );
    await Promise.all([holder('a'), holder('b')]);
    expect([
      ['a in', 'a out', 'b in', 'b out'],
      ['b in', 'b out', 'a in', 'a out'],
    ]).toContainEqual(events);
    expect(existsSync(lockPath)).toBe(false);
  });

  it('releases the lock when the action fails', async () => {
    await expect(withFileLock(lockPath, () => Promise.reject(new Error('boom')), 1_000)).rejects.toThrow('boom');
    expect(existsSync(lockPath)).toBe(false);
  });

  it('takes over a lock whose holder died', async () => {
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(lockPath, String(deadPid));
    await expect(withFileLock(lockPath, async () => 'done', 1_000)).resolves.toBe('done');
  });

  it('gives up after the timeout while a live process holds the lock', async () => {
    await writeFile(lockPath, String(process.pid));
    await expect(withFileLock(lockPath, async () => 'done', 300)).rejects.toThrow(/timed out waiting/);
  });
});
