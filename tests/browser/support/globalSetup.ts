/**
 * Before the browser tests: the demo Prometheus (backfilled once per machine, then cached in
 * .demo-data/) and the host bundle, side by side; then the host server in front of both. Workers find
 * the URLs in the environment. Returns the teardown, which stops both and prints the timings.
 */
import { rm } from 'node:fs/promises';
import { describeDemoTsdb, ensureDemoTsdb } from '../../../scripts/demo/demo-tsdb';
import { DEMO_END_DEFAULT } from '../../../scripts/demo/timeline';
import { type RunningPrometheus, startPrometheus } from '../../../scripts/prometheus/prometheus';
import { buildHost } from '../host/build';
import { startHostServer } from '../host/server';
import { SCREENSHOT_DIR } from './fixtures';

function log(line: string): void {
  process.stdout.write(`[browser tests] ${line}\n`);
}

async function demoPrometheus(): Promise<{ prometheus: RunningPrometheus; seconds: number }> {
  const started = performance.now();
  const tsdb = await ensureDemoTsdb({ end: DEMO_END_DEFAULT });
  log(tsdb.cached ? `demo TSDB cached in ${tsdb.dir}` : describeDemoTsdb(tsdb));
  const prometheus = await startPrometheus({ dataDir: tsdb.dir });
  return { prometheus, seconds: (performance.now() - started) / 1000 };
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const started = performance.now();
  await rm(SCREENSHOT_DIR, { recursive: true, force: true });
  const [demoResult, bundleResult] = await Promise.allSettled([demoPrometheus(), buildHost()]);
  if (demoResult.status === 'rejected' || bundleResult.status === 'rejected') {
    if (demoResult.status === 'fulfilled') {
      await demoResult.value.prometheus.stop();
    }
    throw demoResult.status === 'rejected' ? demoResult.reason : (bundleResult as PromiseRejectedResult).reason;
  }
  const demo = demoResult.value;
  const bundle = bundleResult.value;
  log(`host bundle: ${(bundle.bytes / 1e6).toFixed(1)} MB in ${bundle.seconds.toFixed(1)} s`);
  log(`demo Prometheus: ready at ${demo.prometheus.url} in ${demo.seconds.toFixed(1)} s`);
  let server;
  try {
    server = await startHostServer({ buildDir: bundle.dir, prometheusUrl: demo.prometheus.url });
  } catch (error) {
    await demo.prometheus.stop();
    throw error;
  }
  process.env.SLOBURN_BROWSER_HOST_URL = server.url;
  process.env.SLOBURN_BROWSER_PROMETHEUS_URL = demo.prometheus.url;
  const testsStarted = performance.now();
  log(`host: ${server.url} (set-up ${((testsStarted - started) / 1000).toFixed(1)} s)`);

  return async () => {
    const testSeconds = (performance.now() - testsStarted) / 1000;
    await server.close();
    await demo.prometheus.stop();
    if (server.missingIcons.size > 0) {
      log(`Grafana icons drawn blank (not shipped in @grafana/ui): ${[...server.missingIcons].sort().join(', ')}`);
    }
    log(`tests: ${testSeconds.toFixed(1)} s; whole run: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    log(`screenshots: ${SCREENSHOT_DIR}`);
  };
}
