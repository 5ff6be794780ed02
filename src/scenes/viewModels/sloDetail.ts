import {
  type AlertWindow,
  type BacktestResult,
  type BurndownResult,
  type EventIndex,
  type PairState,
  type PeriodBounds,
  type SloEvaluation,
  type SloSpec,
  type SloStatus,
  type WindowEvaluation,
  alertGuardOf,
  backtestSlo,
  budgetEvents,
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
  /** Firing, ok, held back by the low-traffic guard (`insufficient-traffic`), or without data. */
  state: PairState;
  firing: boolean;
  /** Events (with time slices: slices) in the long window, which the low-traffic guard compares. */
  longEvents: number | null;
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
  /** `alerting.minEvents`: the low-traffic guard, or null without one. */
  minEvents: number | null;
  /**
   * What the alert pairs would have done over the visible range (from the first bucket boundary in it to
   * `now`, every step): the backtest of the same buckets the page reads.
   */
  alertHistory: BacktestResult;
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
  /** The buckets as read. */
  events: EventIndex;
  /** What the budget and the alert pairs count: the buckets, or one event per time slice. */
  budgetEvents: EventIndex;
}

export function detailFromReading(reading: Extract<SloReading, { kind: 'evaluated' }>): SloDetailModel {
  const [whole, ...groups] = reading.groups;
  const { spec, plan } = reading;
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
      state: pair.state,
      firing: pair.firing,
      longEvents: pair.longEvents,
      since: evaluation.alerts.since[index],
      canFire: pair.thresholdRatio < 1,
    })),
    minEvents: alertGuardOf(spec).minEvents ?? null,
    alertHistory: backtestSlo(spec, whole.events, { from: plan.historyFrom, to: plan.now }, plan.step),
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
    budgetEvents: budgetEvents(spec, whole.events),
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
