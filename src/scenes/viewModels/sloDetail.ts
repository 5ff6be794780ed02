import {
  type AlertWindow,
  type BurndownResult,
  type EventIndex,
  type PeriodBounds,
  type SloEvaluation,
  type SloSpec,
  type SloStatus,
  type WindowEvaluation,
  describePeriod,
  formatDuration,
  sliKind,
} from '../../domain';
import { sumByLabels } from '../../prometheus/aggregation';
import type { Breakdown } from '../../prometheus/breakdown';
import type { QueryPlan } from '../../prometheus/plan';
import { withWindow } from '../../prometheus/promql';
import type { SloReading } from '../../prometheus/readSlo';
import { sliBucketQueries } from '../../prometheus/sliQueries';

export interface AlertPairRow {
  window: AlertWindow;
  label: string;
  thresholdRatio: number;
  longBurnRate: number | null;
  shortBurnRate: number | null;
  firing: boolean;
  since: number | null;
  /** False when even 100% errors stay under the threshold (objectives below ~93%). */
  canFire: boolean;
}

export interface SloDetailModel {
  spec: SloSpec;
  plan: QueryPlan;
  now: number;
  status: SloStatus;
  periodLabel: string;
  period: PeriodBounds;
  sli: number | null;
  budgetRemaining: number | null;
  currentBurnRate: number | null;
  projectionWindowSeconds: number;
  timeToExhaustion: number | null;
  windows: WindowEvaluation[];
  pairs: AlertPairRow[];
  burndown: BurndownResult;
  breakdown: Breakdown | null;
  /** PromQL that shows bad events over time split by each breakdown label, for Explore. */
  breakdownExploreQueries: Record<string, string>;
  groups: Array<{
    labels: Record<string, string>;
    status: SloStatus;
    budgetRemaining: number | null;
    burnRate1h: number | null;
  }>;
  notes: string[];
  evaluation: SloEvaluation;
  events: EventIndex;
}

export function detailFromReading(reading: Extract<SloReading, { kind: 'evaluated' }>): SloDetailModel {
  const [whole, ...groups] = reading.groups;
  const evaluation = whole.evaluation;
  return {
    spec: reading.spec,
    plan: reading.plan,
    now: evaluation.now,
    status: evaluation.status,
    periodLabel: describePeriod(reading.spec.period),
    period: evaluation.period,
    sli: evaluation.sli,
    budgetRemaining: evaluation.budgetRemaining,
    currentBurnRate: evaluation.currentBurnRate,
    projectionWindowSeconds: evaluation.projectionWindowSeconds,
    timeToExhaustion: evaluation.timeToExhaustion,
    windows: evaluation.windows,
    pairs: evaluation.alerts.pairs.map((pair, index) => ({
      window: pair.window,
      label: `${formatDuration(pair.window.longSeconds)} / ${formatDuration(pair.window.shortSeconds)}`,
      thresholdRatio: pair.thresholdRatio,
      longBurnRate: pair.longBurnRate,
      shortBurnRate: pair.shortBurnRate,
      firing: pair.firing,
      since: evaluation.alerts.since[index],
      canFire: pair.thresholdRatio < 1,
    })),
    burndown: evaluation.burndown,
    breakdown: reading.breakdown,
    breakdownExploreQueries: breakdownExploreQueries(reading.spec),
    groups: groups.map((group) => ({
      labels: group.labels,
      status: group.evaluation.status,
      budgetRemaining: group.evaluation.budgetRemaining,
      burnRate1h: group.evaluation.windows.find((window) => window.seconds === 3600)?.burnRate ?? null,
    })),
    notes: reading.notes,
    evaluation,
    events: whole.events,
  };
}

function breakdownExploreQueries(spec: SloSpec): Record<string, string> {
  const queries: Record<string, string> = {};
  for (const label of spec.breakdownLabels ?? []) {
    if (sliKind(spec.sli) === 'events') {
      const { errorQuery } = (spec.sli as Extract<SloSpec['sli'], { events: unknown }>).events;
      queries[label] = sumByLabels(withWindow(errorQuery, '5m'), [label]);
    } else {
      const part = sliBucketQueries(spec.sli, 300, [label])[0];
      queries[label] = part?.expr ?? '';
    }
  }
  return queries;
}
