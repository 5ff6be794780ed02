import type { SloSpec } from '../domain';
import { executePlan } from './executePlan';
import { type PrometheusHttpClient, PrometheusUnreachableError, type QueryCost } from './httpClient';
import { type PlanOptions, planQueries } from './plan';
import { type SloReading, readSlo } from './readSlo';

export interface LoadedSlo {
  reading: SloReading;
  costs: QueryCost[];
}

/** Plan → Prometheus → engine for one SLO over HTTP; an unreachable server is that SLO's error. */
export async function loadSlo(client: PrometheusHttpClient, spec: SloSpec, options: PlanOptions): Promise<LoadedSlo> {
  const plan = planQueries(spec, options);
  try {
    const { results, costs } = await executePlan(client, plan);
    return { reading: readSlo(spec, plan, results), costs };
  } catch (error) {
    if (error instanceof PrometheusUnreachableError) {
      return { reading: { kind: 'error', spec, plan, message: error.message }, costs: [] };
    }
    throw error;
  }
}
