/**
 * Backfills the demo data (or reuses the cached blocks) and serves it with Prometheus until stopped.
 * Usage: npx tsx scripts/prometheus/run-demo.ts [--port 9090] [--end unix|now|now+1d] [--seed N] [--dir DIR]
 *
 * The data ends at --end (default: now). Queries at later times see stale data, so a demo meant to run
 * for long can generate ahead, e.g. --end now+1d.
 */
import path from 'node:path';
import { nextInterrupt, parseEnd, parseInteger, parseOptions, runMain } from '../demo/cli-args';
import { describeDemoTsdb, ensureDemoTsdb } from '../demo/demo-tsdb';
import { DEMO_SEED_DEFAULT } from '../demo/timeline';
import { startPrometheus } from './prometheus';

const DEFAULT_PORT = 9090;

runMain(async () => {
  const options = parseOptions(process.argv.slice(2), ['port', 'end', 'seed', 'dir']);
  const tsdb = await ensureDemoTsdb({
    dir: options.get('dir'),
    end: parseEnd(options.get('end') ?? 'now'),
    seed: options.has('seed') ? parseInteger(options.get('seed') ?? '', '--seed') : DEMO_SEED_DEFAULT,
  });
  console.log(describeDemoTsdb(tsdb, path.relative(process.cwd(), tsdb.dir)));

  const started = performance.now();
  const prometheus = await startPrometheus({
    dataDir: tsdb.dir,
    port: options.has('port') ? parseInteger(options.get('port') ?? '', '--port') : DEFAULT_PORT,
  });
  console.log(
    `prometheus ready at ${prometheus.url} after ${((performance.now() - started) / 1000).toFixed(1)} s; Ctrl-C stops it`
  );

  await nextInterrupt();
  await prometheus.stop();
  console.log('prometheus stopped');
});
