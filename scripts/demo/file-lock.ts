import { rmSync } from 'node:fs';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

const POLL_MILLIS = 250;
/** A lock file still empty after this long was left by a process that died while creating it. */
const EMPTY_LOCK_STALE_MILLIS = 10_000;

/**
 * Runs `action` while holding an exclusive lock file, so that parallel test workers on one machine
 * build a shared cache once instead of concurrently. A lock whose holder process is gone is taken over.
 */
export async function withFileLock<T>(lockPath: string, action: () => Promise<T>, timeoutMillis: number): Promise<T> {
  await acquire(lockPath, Date.now() + timeoutMillis);
  const releaseOnExit = () => rmSync(lockPath, { force: true });
  process.on('exit', releaseOnExit);
  try {
    return await action();
  } finally {
    process.off('exit', releaseOnExit);
    await rm(lockPath, { force: true });
  }
}

async function acquire(lockPath: string, deadline: number): Promise<void> {
  for (;;) {
    try {
      await writeFile(lockPath, String(process.pid), { flag: 'wx' });
      return;
    } catch (error) {
      if (!isErrorCode(error, 'EEXIST')) {
        throw error;
      }
    }
    if (await isStale(lockPath)) {
      await rm(lockPath, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      const holder = await readFile(lockPath, 'utf8').catch(() => '?');
      throw new Error(`timed out waiting for ${lockPath}, held by process ${holder}`);
    }
    await sleep(POLL_MILLIS);
  }
}

async function isStale(lockPath: string): Promise<boolean> {
  try {
    const holder = Number(await readFile(lockPath, 'utf8'));
    if (Number.isInteger(holder) && holder > 0) {
      return !isProcessAlive(holder);
    }
    const { mtimeMs } = await stat(lockPath);
    return Date.now() - mtimeMs > EMPTY_LOCK_STALE_MILLIS;
  } catch (error) {
    // Released between our attempt and this check: try again.
    if (isErrorCode(error, 'ENOENT')) {
      return false;
    }
    throw error;
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isErrorCode(error, 'EPERM');
  }
}

/** Duck-typed: errors from Node's own modules are not `instanceof Error` inside Jest's sandbox. */
function isErrorCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === code;
}
