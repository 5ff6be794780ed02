import { SceneDataTransformer, SceneQueryRunner } from '@grafana/scenes';
import type { SloSpec } from '../../domain';
import type { PlanView } from '../../prometheus/plan';
import { SloPlanTimeRange } from './SloPlanTimeRange';
import { datasourceRef } from './datasourceRef';
import { sloEngineOperator } from './sloEngineOperator';

/**
 * Query runner (Prometheus, the SLO plans' queries and range) → engine operator. Everything a page
 * shows about these SLOs comes out of this one provider, so the query inspector, time picker and
 * refresh picker behave as on any dashboard.
 */
export function createSloDataProvider(specs: SloSpec[], view: PlanView, datasourceUid: string): SceneDataTransformer {
  const timeRange = new SloPlanTimeRange({ specs, view, datasourceUid });
  const runner = new SceneQueryRunner({
    $timeRange: timeRange,
    datasource: datasourceRef(datasourceUid),
    queries: [],
  });
  return new SceneDataTransformer({
    $data: runner,
    transformations: [sloEngineOperator(() => timeRange.state.plans)],
  });
}
