import { planQueries } from '../plan';
import { type SloReading, readSlo } from '../readSlo';
import { planIncrementalRead } from './incremental';
import type { RangeCache } from './rangeCache';
import type { ReadContext, SloReader } from './types';

/**
 * The default reader, and the source of truth: the SLO's overview plan (`coarsen`, so that each request
 * has one time range, as a Grafana request does), what the bucket cache lacks read from Prometheus, then
 * `readSlo` (buckets → engine) over the whole plan's results, exactly as if the plan had been read cold.
 */
export function rawReader(cache: RangeCache): SloReader {
  return {
    source: 'raw',
    read: async (context: ReadContext): Promise<SloReading> => {
      const { spec, datasource } = context.slo;
      const plan = planQueries(spec, { ...context.range, view: 'overview', pointsLimit: 'coarsen' });
      const readAt = context.clock();
      const incremental = planIncrementalRead(plan, datasource, cache);
      let answers;
      try {
        answers = await Promise.all(incremental.requests.map((request) => context.send(request)));
      } catch (error) {
        if (context.signal.aborted) {
          throw error;
        }
        return { kind: 'error', spec, plan, message: messageOf(error) };
      }
      // A request that failed as a whole (an unknown data source, a proxy's 504) fails the SLO, as it would
      // have failed its range queries read cold, even when only the instant queries were left to read.
      const failed = answers.find((answer) => answer.failure);
      if (failed?.failure) {
        return { kind: 'error', spec, plan, message: failed.failure };
      }
      const results = incremental.complete(
        answers.map((answer) => answer.results),
        readAt
      );
      return readSlo(spec, plan, results);
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
