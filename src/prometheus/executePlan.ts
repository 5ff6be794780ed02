import type { PrometheusHttpClient, QueryCost } from './httpClient';
import type { QueryPlan } from './plan';
import type { QueryResult } from './series';

export interface ExecutedPlan {
  results: QueryResult[];
  costs: QueryCost[];
}

/** Runs every query of a plan at once; a failed query becomes an error result, not an exception. */
export async function executePlan(client: PrometheusHttpClient, plan: QueryPlan): Promise<ExecutedPlan> {
  const executed = await Promise.all(plan.queries.map((query) => client.run(query)));
  return { results: executed.map((one) => one.result), costs: executed.map((one) => one.cost) };
}
