import { createSeries, sampleTime, type MetricFamily } from '../series';
import { MEMBER_CLUSTERS, notReadySpells, spellAt } from './karmada-members';
import type { Scenario, ScenarioContext } from './scenario';

export const karmadaReadinessScenario: Scenario = {
  name: 'karmada-readiness',
  simulate(context: ScenarioContext): MetricFamily[] {
    const { grid } = context;
    const spells = notReadySpells(context.timeline, context.seed);
    const series = MEMBER_CLUSTERS.map((member) => {
      const readiness = createSeries(grid, 'cluster_ready_state', [['member_cluster', member]]);
      for (let index = 0; index < grid.count; index++) {
        readiness.values[index] = spellAt(spells, member, sampleTime(grid, index)) ? 0 : 1;
      }
      return readiness;
    });
    return [
      { name: 'cluster_ready_state', type: 'gauge', help: 'State of the cluster: 1 ready, 0 not ready.', series },
    ];
  },
};
