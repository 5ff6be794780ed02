/**
 * Backfills the demo data into a TSDB directory with promtool, unless it is there already.
 * Usage: npx tsx scripts/demo/backfill.ts [--dir DIR] [--end unix|now] [--seed N]
 */
import path from 'node:path';
import { parseEnd, parseInteger, parseOptions, runMain } from './cli-args';
import { describeDemoTsdb, ensureDemoTsdb } from './demo-tsdb';
import { DEMO_END_DEFAULT, DEMO_SEED_DEFAULT } from './timeline';

runMain(async () => {
  const options = parseOptions(process.argv.slice(2), ['dir', 'end', 'seed']);
  const tsdb = await ensureDemoTsdb({
    dir: options.get('dir'),
    end: options.has('end') ? parseEnd(options.get('end') ?? '') : DEMO_END_DEFAULT,
    seed: options.has('seed') ? parseInteger(options.get('seed') ?? '', '--seed') : DEMO_SEED_DEFAULT,
  });
  console.log(describeDemoTsdb(tsdb, path.relative(process.cwd(), tsdb.dir) || '.'));
});
