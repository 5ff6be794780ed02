import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { OutputTail } from './process-output';
import { findPrometheusBinary } from './binaries';
import { createIsolatedDataDir } from './isolated-data-dir';

export { findPrometheusBinary } from './binaries';

export interface StartPrometheusOptions {
  /** A TSDB directory, e.g. one backfilled by scripts/demo/backfill.ts. */
  dataDir: string;
  /** Default: a free port. */
  port?: number;
  /** Default: a generated configuration without scrape jobs. */
  configFile?: string;
  /**
   * Serve hard links to dataDir's blocks from a temporary directory (default), so that dataDir is never
   * written to and several Prometheus processes can share it. With false, Prometheus uses dataDir itself.
   */
  isolateData?: boolean;
  /** Default: PROMETHEUS_BIN or `prometheus` on the PATH. */
  binary?: string;
  readyTimeoutMillis?: number;
  /** More command-line flags, e.g. `--query.max-concurrency=1` for a tiny query queue. */
  extraArgs?: readonly string[];
}

export interface RunningPrometheus {
  url: string;
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const DEFAULT_READY_TIMEOUT_MILLIS = 60_000;
const STOP_GRACE_MILLIS = 5_000;
const PORT_ATTEMPTS = 3;
const MINIMAL_CONFIG = 'global:\n  scrape_interval: 60s\n  evaluation_interval: 60s\n';

export async function startPrometheus(options: StartPrometheusOptions): Promise<RunningPrometheus> {
  const binary = options.binary ?? findPrometheusBinary();
  if (!binary) {
    throw new Error("prometheus not found: install Debian's prometheus package or set PROMETHEUS_BIN");
  }
  const temporaryPaths: string[] = [];
  const removeTemporaryPaths = () =>
    Promise.all(temporaryPaths.map((temporary) => rm(temporary, { recursive: true, force: true })));
  try {
    const dataDir = options.isolateData === false ? options.dataDir : await createIsolatedDataDir(options.dataDir);
    if (dataDir !== options.dataDir) {
      temporaryPaths.push(dataDir);
    }
    let configFile = options.configFile;
    if (!configFile) {
      const configDir = await mkdtemp(path.join(os.tmpdir(), 'sloburn-prometheus-'));
      temporaryPaths.push(configDir);
      configFile = path.join(configDir, 'prometheus.yml');
      await writeFile(configFile, MINIMAL_CONFIG);
    }
    for (let attempt = 1; ; attempt++) {
      const port = options.port ?? (await findFreePort());
      const launch = { binary, configFile, dataDir, port, extraArgs: options.extraArgs ?? [] };
      try {
        const child = await launchUntilReady(launch, options.readyTimeoutMillis ?? DEFAULT_READY_TIMEOUT_MILLIS);
        return { url: `http://${HOST}:${port}`, stop: stopOnce(child, removeTemporaryPaths) };
      } catch (error) {
        // Another process may take the free port between our probe and Prometheus binding it.
        const portTaken = error instanceof PortInUseError && options.port === undefined;
        if (!portTaken || attempt >= PORT_ATTEMPTS) {
          throw error;
        }
      }
    }
  } catch (error) {
    await removeTemporaryPaths();
    throw error;
  }
}

class PortInUseError extends Error {}

interface Launch {
  binary: string;
  configFile: string;
  dataDir: string;
  port: number;
  extraArgs: readonly string[];
}

async function launchUntilReady(launch: Launch, timeoutMillis: number): Promise<ChildProcess> {
  const child = spawn(
    launch.binary,
    [
      `--config.file=${launch.configFile}`,
      `--storage.tsdb.path=${launch.dataDir}`,
      // Backfilled samples are older than the default retention of 15 days.
      '--storage.tsdb.retention.time=100y',
      `--web.listen-address=${HOST}:${launch.port}`,
      ...launch.extraArgs,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  );
  const output = new OutputTail(20);
  child.stdout?.on('data', (chunk: Buffer) => output.append(chunk));
  child.stderr?.on('data', (chunk: Buffer) => output.append(chunk));
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  child.on('exit', () => process.off('exit', killOnExit));
  let spawnError: Error | undefined;
  child.on('error', (error) => {
    spawnError = error;
  });

  const deadline = Date.now() + timeoutMillis;
  const url = `http://${HOST}:${launch.port}/-/ready`;
  for (;;) {
    if (spawnError || hasExited(child)) {
      const reason = spawnError?.message ?? `exit ${child.exitCode ?? child.signalCode}`;
      const message = `prometheus stopped before it was ready (${reason}):\n${output}`;
      throw /address already in use/.test(message) ? new PortInUseError(message) : new Error(message);
    }
    if (await answers200(url)) {
      return child;
    }
    if (Date.now() > deadline) {
      await terminate(child);
      throw new Error(`prometheus was not ready within ${timeoutMillis / 1000} s at ${url}:\n${output}`);
    }
    await sleep(100);
  }
}

async function answers200(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

function stopOnce(child: ChildProcess, cleanUp: () => Promise<unknown>): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= terminate(child).then(async () => {
      await cleanUp();
    });
    return stopping;
  };
}

/** SIGTERM, then SIGKILL if Prometheus has not shut down after a grace period. */
async function terminate(child: ChildProcess): Promise<void> {
  if (hasExited(child)) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const graceExpired = new AbortController();
  child.kill('SIGTERM');
  const graceful = await Promise.race([
    exited.then(() => true),
    sleep(STOP_GRACE_MILLIS, false, { signal: graceExpired.signal }).catch(() => true),
  ]);
  // Cancelled so that the pending timer does not keep a test runner alive.
  graceExpired.abort();
  if (!graceful) {
    child.kill('SIGKILL');
    await exited;
  }
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') {
          resolve(address.port);
        } else {
          reject(new Error('could not find a free port'));
        }
      });
    });
  });
}
