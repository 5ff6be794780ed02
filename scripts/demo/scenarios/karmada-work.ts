import { binomial, poisson } from '../distributions';
import { CounterSeries, sampleTime, type MetricFamily } from '../series';
import { dailyCycle } from '../traffic';
import { MEMBER_CLUSTERS, notReadySpells, spellAt, type MemberCluster, type NotReadySpell } from './karmada-members';
import type { Scenario, ScenarioContext } from './scenario';

interface Operation {
  /** Karmada's metric names do not end in `_total`, though they are counters. */
  metric: string;
  help: string;
  operationsPerSecond: number;
  kindShares: ReadonlyArray<readonly [kind: string, share: number]>;
}

const OPERATIONS: readonly Operation[] = [
  {
    metric: 'create_resource_to_cluster',
    help: 'Number of creation operations against a target member cluster.',
    operationsPerSecond: 1.5,
    kindShares: [
      ['Deployment', 0.6],
      ['ConfigMap', 0.4],
    ],
  },
  {
    metric: 'update_resource_to_cluster',
    help: 'Number of updating operations against a target member cluster.',
    operationsPerSecond: 9,
    kindShares: [
      ['Deployment', 0.5],
      ['ConfigMap', 0.3],
      ['Service', 0.2],
    ],
  },
  {
    metric: 'delete_resource_from_cluster',
    help: 'Number of deletion operations against a target member cluster.',
    operationsPerSecond: 0.8,
    kindShares: [
      ['Deployment', 0.6],
      ['ConfigMap', 0.4],
    ],
  },
];

const MEMBER_SHARES: Record<MemberCluster, number> = { member1: 0.36, member2: 0.33, member3: 0.31 };
const BASELINE_ERROR_PROBABILITY = 0.0002;
/** While a reachable member reads NotReady, about half of the syncs to it fail and are retried later. */
const NOT_READY_ERROR_PROBABILITY = 0.5;

function errorProbability(spell: NotReadySpell | undefined): number {
  if (!spell) {
    return BASELINE_ERROR_PROBABILITY;
  }
  return spell.unreachable ? 1 : NOT_READY_ERROR_PROBABILITY;
}

interface WorkSeries {
  member: MemberCluster;
  operationsPerMinute: number;
  success: CounterSeries;
  error: CounterSeries;
}

export const karmadaWorkScenario: Scenario = {
  name: 'karmada-work',
  simulate(context: ScenarioContext): MetricFamily[] {
    const { grid } = context;
    const { random } = context;
    const spells = notReadySpells(context.timeline, context.seed);

    const families = OPERATIONS.map((operation) => {
      const work: WorkSeries[] = [];
      for (const [kind, kindShare] of operation.kindShares) {
        for (const member of MEMBER_CLUSTERS) {
          const counter = (result: string) =>
            new CounterSeries(grid, operation.metric, [
              ['kind', kind],
              ['member_cluster', member],
              ['result', result],
            ]);
          const operationsPerMinute = operation.operationsPerSecond * 60 * kindShare * MEMBER_SHARES[member];
          work.push({ member, operationsPerMinute, success: counter('success'), error: counter('error') });
        }
      }
      return { operation, work };
    });

    for (let index = 0; index < grid.count; index++) {
      const time = sampleTime(grid, index);
      const load = dailyCycle(time, 0.3, 13);
      for (const { work } of families) {
        for (const { member, operationsPerMinute, success, error } of work) {
          const operations = poisson(random, operationsPerMinute * load);
          const failed = binomial(random, operations, errorProbability(spellAt(spells, member, time)));
          success.record(index, operations - failed);
          error.record(index, failed);
        }
      }
    }

    return families.map(({ operation, work }) => ({
      name: operation.metric,
      // OpenMetrics requires a counter's samples to end in `_total`; "unknown" keeps Karmada's names.
      type: 'unknown' as const,
      help: operation.help,
      series: work.flatMap(({ success, error }) => [success.series, error.series]),
    }));
  },
};
