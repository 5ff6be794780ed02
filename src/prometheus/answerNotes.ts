import type { QueryPlan } from './plan';
import type { QueryResult } from './series';

/**
 * Prometheus's warnings and infos on a plan's answers, as notes for the SLO: each text once, naming the
 * queries it came from (`Prometheus on queries bad, total: PromQL info: metric might not be a counter…`),
 * in the plan's order.
 */
export function answerNotes(plan: Pick<QueryPlan, 'queries'>, results: readonly QueryResult[]): string[] {
  const queriesByText = new Map<string, string[]>();
  const order = new Map(plan.queries.map((query, index) => [query.refId, index]));
  const ordered = [...results].sort(
    (a, b) => (order.get(a.refId) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.refId) ?? Number.MAX_SAFE_INTEGER)
  );
  for (const result of ordered) {
    for (const text of result.warnings ?? []) {
      const queries = queriesByText.get(text) ?? [];
      if (!queries.includes(result.refId)) {
        queries.push(result.refId);
      }
      queriesByText.set(text, queries);
    }
  }
  return [...queriesByText].map(
    ([text, queries]) => `Prometheus on ${queries.length === 1 ? 'query' : 'queries'} ${queries.join(', ')}: ${text}`
  );
}
