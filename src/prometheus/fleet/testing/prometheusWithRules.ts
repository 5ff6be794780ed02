import type { SloSpec } from '../../../domain';
import { INFO_REF_ID, RECORDS_REF_ID, recordedWindows } from '../../recorded';
import { sloRuleGroups } from '../../rules';
import type { QueryResult } from '../../series';
import type { ExecutedRequest, PlanExecutor } from '../types';
import { syntheticPrometheus } from './syntheticPrometheus';

/** The `sloth_slo_info` labels that `slo rules` writes for a spec. */
function infoOf(one: SloSpec): Record<string, string> {
  const rule = sloRuleGroups(one)
    .flatMap((group) => group.rules)
    .find((candidate) => 'record' in candidate && candidate.record === 'sloth_slo_info')!;
  return rule.labels;
}

export interface Deployed {
  /** The specs the deployed rules were written for. */
  rules: SloSpec[];
  /** Every SLO's recorded error ratio, per window (the same for all windows here). */
  ratio: (id: string) => number;
  /** The detection request fails as a whole (e.g. a proxy's 504). */
  detectionFails?: boolean;
  /** SLOs whose records are gone by the time they are read (rules removed since detection). */
  goneAtRead?: string[];
}

/**
 * Prometheus with SLO Burn's rules deployed for some specs: the detection and read queries of the rules
 * path answered from the deployed rules, every other plan by the synthetic raw Prometheus.
 */
export function prometheusWithRules(specs: SloSpec[], deployed: Deployed, clock: () => number) {
  const raw = syntheticPrometheus({ specs, clock });
  const recordedPlans: string[] = [];
  const executor: PlanExecutor = async (request) => {
    const { plan } = request;
    if (!plan.sloId.startsWith('recorded-rules')) {
      return raw.executor(request);
    }
    recordedPlans.push(plan.sloId);
    if (plan.sloId === 'recorded-rules-detection') {
      if (deployed.detectionFails) {
        const failure = 'HTTP 504 Gateway Timeout';
        return { failure, results: plan.queries.map((query) => ({ refId: query.refId, series: [], error: failure })) };
      }
      const info: QueryResult = {
        refId: INFO_REF_ID,
        series: deployed.rules.map((one) => ({ labels: infoOf(one), times: [Math.floor(clock())], values: [1] })),
      };
      const records: QueryResult = {
        refId: RECORDS_REF_ID,
        series: deployed.rules.flatMap((one) =>
          recordedWindows(one).map((window) => ({
            labels: { sloth_id: one.id, sloburn_window: window.window },
            times: [Math.floor(clock())],
            values: [1],
          }))
        ),
      };
      return { results: [info, records] } satisfies ExecutedRequest;
    }
    return {
      results: plan.queries.map((query) => ({
        refId: query.refId,
        series: deployed.rules
          .filter((one) => query.expr.includes(one.id) && !deployed.goneAtRead?.includes(one.id))
          .flatMap((one) =>
            recordedWindows(one).map((window) => ({
              labels: { sloth_id: one.id, sloburn_window: window.window },
              times: [Math.floor(clock())],
              values: [deployed.ratio(one.id)],
            }))
          ),
      })),
    };
  };
  return { executor, raw, recordedPlans };
}
