/** @jest-environment node */
import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureDemoTsdb } from '../demo/demo-tsdb';
import { queryScalar } from './client';
import { startPrometheus } from './prometheus';
import { describeWithPrometheus } from './testing';

describeWithPrometheus('startPrometheus', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = (await ensureDemoTsdb()).dir;
  }, 10 * 60_000);

  it('serves the backfilled blocks from two processes at once and leaves the data directory as it was', async () => {
    const entriesBefore = (await readdir(dataDir)).sort();
    const [first, second] = await Promise.all([startPrometheus({ dataDir }), startPrometheus({ dataDir })]);
    try {
      expect(first.url).not.toBe(second.url);
      const query = 'count(cluster_ready_state)';
      const end = 1793491200;
      expect(await queryScalar(first.url, query, end)).toBe(3);
      expect(await queryScalar(second.url, query, end)).toBe(3);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
    expect((await readdir(dataDir)).sort()).toEqual(entriesBefore);
    const siblings = await readdir(path.dirname(dataDir));
    expect(siblings.filter((name) => name.startsWith(`${path.basename(dataDir)}.run-${process.pid}-`))).toEqual([]);
  });

  it('stops only once however often stop is called', async () => {
    const prometheus = await startPrometheus({ dataDir });
    await Promise.all([prometheus.stop(), prometheus.stop()]);
    await expect(fetch(`${prometheus.url}/-/ready`)).rejects.toThrow();
  });

  it('reports the output of a Prometheus that fails to start', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'prometheus-test-'));
    const configFile = path.join(directory, 'broken.yml');
    await writeFile(configFile, 'global: [not, a, mapping]\n');
    try {
      await expect(startPrometheus({ dataDir, configFile })).rejects.toThrow(
        /stopped before it was ready[\s\S]*config/i
      );
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('reports a binary that cannot run', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'prometheus-test-'));
    const binary = path.join(directory, 'prometheus');
    await writeFile(binary, '#!/bin/sh\necho "no such luck" >&2\nexit 3\n');
    await chmod(binary, 0o755);
    try {
      await expect(startPrometheus({ dataDir, binary })).rejects.toThrow(/exit 3[\s\S]*no such luck/);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
