/**
 * Writes the demo data as OpenMetrics text.
 * Usage: npx tsx scripts/demo/generate.ts --out FILE [--end unix|now] [--seed N] [--days N]
 */
import { writeOpenMetricsFile } from './openmetrics-file';
import { parseEnd, parseInteger, parseOptions, runMain } from './cli-args';
import { DEMO_DAYS, DEMO_END_DEFAULT, DEMO_SEED_DEFAULT } from './timeline';

runMain(async () => {
  const options = parseOptions(process.argv.slice(2), ['out', 'end', 'seed', 'days']);
  const out = options.get('out');
  if (!out) {
    throw new Error('usage: generate.ts --out FILE [--end unix|now] [--seed N] [--days N]');
  }
  const started = performance.now();
  const stats = await writeOpenMetricsFile(out, {
    end: options.has('end') ? parseEnd(options.get('end') ?? '') : DEMO_END_DEFAULT,
    seed: options.has('seed') ? parseInteger(options.get('seed') ?? '', '--seed') : DEMO_SEED_DEFAULT,
    days: options.has('days') ? parseInteger(options.get('days') ?? '', '--days') : DEMO_DAYS,
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `wrote ${out}: ${stats.series} series, ${stats.samples} samples, ${(stats.characters / 1e6).toFixed(0)} MB in ${seconds.toFixed(1)} s`
  );
});
