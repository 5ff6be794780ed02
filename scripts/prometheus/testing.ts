/**
 * Shared set-up for integration tests that query the demo data in a real Prometheus. The demo TSDB is
 * backfilled once per machine (cached in .demo-data/tsdb, guarded by a lock across test workers); each
 * test file starts its own Prometheus on a free port over hard links to those blocks.
 *
 *   describeWithPrometheus('my feature', () => {
 *     const prometheus = withDemoPrometheus();
 *     it('...', async () => { await queryScalar(prometheus.url, 'up', prometheus.timeline.end); });
 *   });
 */
import { describeDemoTsdb, ensureDemoTsdb } from '../demo/demo-tsdb';
import { DEMO_END_DEFAULT, demoTimeline, type DemoTimeline } from '../demo/timeline';
import { findPrometheusBinary, startPrometheus, type RunningPrometheus } from './prometheus';

export const PROMETHEUS_MISSING_MESSAGE =
  "integration tests skipped: no prometheus binary (install Debian's prometheus or set PROMETHEUS_BIN)";

/** Generating and backfilling from scratch takes about 20 s on two cores; leave room for slower machines. */
const SET_UP_TIMEOUT_MILLIS = 10 * 60_000;

export interface DemoPrometheus {
  /** Base URL, e.g. http://127.0.0.1:41234; available once the tests run. */
  readonly url: string;
  /** Where the incidents of the demo data are. */
  readonly timeline: DemoTimeline;
}

/**
 * `describe` when a Prometheus binary is available. Without one the block is skipped with one line of
 * explanation, except in CI (CI=true), where a missing binary fails.
 */
export function describeWithPrometheus(name: string, body: () => void): void {
  if (findPrometheusBinary()) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it('has a prometheus binary', () => {
        throw new Error(`${PROMETHEUS_MISSING_MESSAGE}; CI must provide one`);
      });
    });
  } else {
    process.stderr.write(`${PROMETHEUS_MISSING_MESSAGE}\n`);
    describe.skip(name, body);
  }
}

/**
 * Registers `beforeAll`/`afterAll` hooks in the enclosing describe block that serve the fixed demo data
 * set (ending at DEMO_END_DEFAULT) with a Prometheus of this test file's own.
 */
export function withDemoPrometheus(): DemoPrometheus {
  let running: RunningPrometheus | undefined;
  beforeAll(async () => {
    const tsdb = await ensureDemoTsdb({ end: DEMO_END_DEFAULT });
    if (!tsdb.cached) {
      process.stderr.write(`${describeDemoTsdb(tsdb)}\n`);
    }
    running = await startPrometheus({ dataDir: tsdb.dir });
  }, SET_UP_TIMEOUT_MILLIS);
  afterAll(async () => {
    await running?.stop();
  });
  return {
    get url(): string {
      if (!running) {
        throw new Error('the demo Prometheus is not running: use withDemoPrometheus() inside a describe block');
      }
      return running.url;
    },
    timeline: demoTimeline(DEMO_END_DEFAULT),
  };
}
