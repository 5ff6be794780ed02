import type { SloSpec } from '../domain';
import { type ExecutePlanOptions, executePlan } from './executePlan';
import type { PrometheusHttpClient, QueryCost } from './httpClient';
import { type PlanOptions, planQueries } from './plan';
import { type SloReading, readSlo } from './readSlo';

export interface LoadedSlo {
  reading: SloReading;
  costs: QueryCost[];
}

/** How to run the SLO's queries: a scheduler and priority, a deadline for the whole SLO, a way to give up. */
export type LoadSloOptions = ExecutePlanOptions;

/**
 * Plan → Prometheus → engine for one SLO over HTTP. Whatever stops the queries (an unreachable or
 * overloaded server, the deadline, giving up) is that SLO's error, with its cause; it never throws.
 */
export async function loadSlo(
  client: PrometheusHttpClient,
  spec: SloSpec,
  options: PlanOptions,
  execution: LoadSloOptions = {}
): Promise<LoadedSlo> {
  const plan = planQueries(spec, options);
  try {
    const { results, costs } = await executePlan(client, plan, execution);
    return { reading: readSlo(spec, plan, results), costs };
  } catch (error) {
    return { reading: { kind: 'error', spec, plan, message: messageOf(error) }, costs: [] };
  }
}

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  return typeof error === 'string' ? error : `the queries failed: ${String(error)}`;
}
