/**
 * `npm run bench:refresh`: what a refresh of the overview costs Prometheus. The demo fleet
 * (scripts/bench/fleet.ts) is loaded through the fleet loader and the HTTP executor with `stats=all`, as
 * of an instant during the Calico outage (between two bucket boundaries, as a time picker's "now" is), then
 * loaded again 60 s later (and 7 min 13 s later) with the buckets the first load kept in memory, next to a
 * cold load at the same instant. Samples are Prometheus's `totalQueryableSamples`. The wall clock the cache
 * judges "recent" by is the demo's instant plus a few seconds, so the newest buckets are re-read as on a
 * live page.
 *
 * Usage: npm run bench:refresh [-- --fleet 242 --concurrency 16 --out artifacts/bench-refresh.json]
 *   --fleet        fleet size (default: 242, every base SLO under the first two profiles)
 *   --concurrency  most requests in flight at once (the scheduler's ceiling, default 16)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type SloSpec, isoTime } from '../../src/domain';
import { type FleetLoadSummary, RangeCache, loadFleet } from '../../src/prometheus/fleet';
import { httpExecutor } from '../../src/prometheus/fleet/httpExecutor';
import { AdaptiveScheduler } from '../../src/prometheus/scheduler';
import { parseOptions as parseCliOptions } from '../demo/cli-args';
import { ensureDemoTsdb } from '../demo/demo-tsdb';
import { DEMO_END_DEFAULT, demoTimeline } from '../demo/timeline';
import { startPrometheus } from '../prometheus/prometheus';
import { generateFleet } from './fleet';
import { type Column, formatCount, formatMs, formatTable } from './report';

const OUTPUT = path.resolve(__dirname, '..', '..', 'artifacts', 'bench-refresh.json');
/** The target: a refresh within a minute reads at most this share of the first load's samples. */
const TARGET_SHARE = 0.05;
/** Seconds after the instant asked at which the page's clock reads: a user's "now" is a moment old. */
const CLOCK_LAG = 3;

interface Options {
  fleet: number | undefined;
  concurrency: number;
  out: string;
}

interface Measured {
  label: string;
  at: number;
  cache: 'cold' | 'kept';
  summary: FleetLoadSummary;
}

function parseOptions(argv: readonly string[]): Options {
  const given = parseCliOptions(argv, ['fleet', 'concurrency', 'out']);
  const wholeNumber = (name: string): number | undefined => {
    const text = given.get(name);
    if (text !== undefined && !/^\d+$/.test(text)) {
      throw new Error(`--${name} needs a whole number`);
    }
    return text === undefined ? undefined : Number(text);
  };
  return {
    fleet: wholeNumber('fleet'),
    concurrency: wholeNumber('concurrency') ?? 16,
    out: path.resolve(given.get('out') ?? OUTPUT),
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const log = (text = '') => console.log(text);
  const specs: SloSpec[] = generateFleet(options.fleet);
  const timeline = demoTimeline(DEMO_END_DEFAULT);
  const t = timeline.incidents.calicoOutage.start + 40 * 60 + 17;
  log(
    `SLO Burn refresh benchmark: ${specs.length} SLOs of scripts/bench/fleet.ts, as of ${isoTime(t)} (Calico outage)`
  );

  const tsdb = await ensureDemoTsdb({ end: DEMO_END_DEFAULT });
  const prometheus = await startPrometheus({ dataDir: tsdb.dir });
  log(`Prometheus (demo data) at ${prometheus.url}; at most ${options.concurrency} requests in flight`);
  try {
    const executor = httpExecutor({ url: prometheus.url, withStats: true, timeoutSeconds: 120 });
    const scheduler = new AdaptiveScheduler({ maxConcurrency: options.concurrency });
    const load = async (label: string, at: number, cache: RangeCache, kind: Measured['cache']): Promise<Measured> => {
      const fleet = loadFleet(
        specs.map((spec) => ({ spec, datasource: prometheus.url })),
        { from: at - 86400, to: at },
        { executor, cache, clock: () => at + CLOCK_LAG, schedulerFor: () => scheduler },
        { onReading: () => undefined }
      );
      const summary = await fleet.done;
      log(`  ${label}: ${formatCount(summary.samples)} samples, ${formatMs(summary.wallMs)}`);
      return { label, at, cache: kind, summary };
    };

    const kept = new RangeCache();
    const measured: Measured[] = [];
    measured.push(await load('first load (cold)', t, kept, 'cold'));
    for (const later of [60, 7 * 60 + 13]) {
      measured.push(await load(`refresh ${later} s later`, t + later, kept, 'kept'));
      measured.push(await load(`cold load ${later} s later`, t + later, new RangeCache(), 'cold'));
    }
    const first = measured[0].summary;
    const columns: Column[] = [
      { header: 'Load' },
      { header: 'As of' },
      { header: 'Requests', align: 'right' },
      { header: 'Samples', align: 'right' },
      { header: 'Of the first load', align: 'right' },
      { header: 'First row', align: 'right' },
      { header: 'All rows', align: 'right' },
      { header: 'Errors', align: 'right' },
    ];
    log();
    log(
      formatTable(
        columns,
        measured.map(({ label, at, summary }) => [
          label,
          isoTime(at),
          formatCount(summary.requests),
          formatCount(summary.samples),
          `${((summary.samples / first.samples) * 100).toFixed(2)}%`,
          formatMs(summary.firstReadingMs ?? Number.NaN),
          formatMs(summary.wallMs),
          String(summary.errors),
        ])
      )
    );
    const refresh = measured[1].summary;
    const share = refresh.samples / first.samples;
    const failures = measured.filter(({ summary }) => summary.errors > 0 || summary.evaluated !== specs.length);
    log();
    log(
      `refresh 60 s later: ${(share * 100).toFixed(2)}% of the first load's samples ` +
        `(target ≤ ${TARGET_SHARE * 100}%): ${share <= TARGET_SHARE ? 'met' : 'MISSED'}; ` +
        `${(first.wallMs / refresh.wallMs).toFixed(1)}× faster`
    );
    const stats = scheduler.stats();
    log(`scheduler: peak ${stats.peakInFlight} in flight, ${stats.overloads} overload answers, ${stats.failed} failed`);

    await mkdir(path.dirname(options.out), { recursive: true });
    await writeFile(
      options.out,
      `${JSON.stringify({ fleet: specs.length, at: t, concurrency: options.concurrency, share, measured, scheduler: stats }, null, 2)}\n`
    );
    log(`written: ${options.out}`);
    if (share > TARGET_SHARE || failures.length > 0) {
      process.exitCode = 1;
    }
  } finally {
    await prometheus.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
