import type { DataSourceApi } from '@grafana/data';
import type { EventIndex, SloSpec } from '../../domain';
import { historySecondsFor } from '../../components/BurnRateCalculator';
import { planQueries } from '../../prometheus/plan';
import { readSlo } from '../../prometheus/readSlo';
import { runPlanWithDataSource } from '../../prometheus/runWithDataSource';

/** An SLO's buckets as of `now`, reaching `lookBack` seconds back: what the calculator backtests. */
export interface SloHistory {
  sloId: string;
  now: number;
  lookBack: number;
  events: EventIndex;
  step: number;
}

export type SloHistoryReading = { kind: 'loaded'; history: SloHistory } | { kind: 'error'; message: string };

export interface SloHistoryOptions {
  /** Name or uid of the data source. */
  datasource: string;
  now: number;
  /** Seconds of data needed before `now` (`backtestLookBack`). */
  lookBack: number;
  getDataSource?: (nameOrUid: string) => Promise<DataSourceApi>;
}

/**
 * Reads an SLO the way the overview does (one request through the data source, its plan coarsened to fit
 * it), reaching back `lookBack` seconds, and keeps its buckets. Never throws.
 */
export async function readSloHistory(spec: SloSpec, options: SloHistoryOptions): Promise<SloHistoryReading> {
  const { datasource, now, lookBack } = options;
  const plan = planQueries(spec, {
    from: now,
    to: now,
    view: 'overview',
    pointsLimit: 'coarsen',
    historySeconds: historySecondsFor(spec, lookBack),
  });
  try {
    const results = await runPlanWithDataSource(plan, {
      datasource,
      getDataSource: options.getDataSource,
    });
    const reading = readSlo(spec, plan, results);
    if (reading.kind === 'error') {
      return { kind: 'error', message: reading.message };
    }
    const { events } = reading.groups[0];
    return { kind: 'loaded', history: { sloId: spec.id, now: plan.now, lookBack, events, step: plan.step } };
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}
