import { type TimeRange, dateTime } from '@grafana/data';
import { SceneQueryRunner, SceneTimeRangeTransformerBase, type SceneTimeRangeState } from '@grafana/scenes';
import type { SloSpec } from '../../domain';
import { planMaxDataPoints, planTimeRange, toPrometheusDataQuery } from '../../prometheus/grafanaQueries';
import { type PlanView, type QueryPlan, planQueries } from '../../prometheus/plan';
import { datasourceRef } from './datasourceRef';
import { sloRefId } from './sloQueryGroups';

export interface PlannedSlo {
  spec: SloSpec;
  plan: QueryPlan;
}

interface SloPlanTimeRangeState extends SceneTimeRangeState {
  specs: SloSpec[];
  view: PlanView;
  datasourceUid: string;
  plans: PlannedSlo[];
}

/**
 * The time range of an SLO query runner. It follows the page's time range (picker, refresh, URL)
 * and turns it into what the SLO plans need: from the first bucket of the period (and the visible
 * range's look-back) to the evaluation time. Every change re-plans, then updates the runner's
 * queries before its own range, so the runner always runs the queries of the range it reports.
 */
export class SloPlanTimeRange extends SceneTimeRangeTransformerBase<SloPlanTimeRangeState> {
  constructor(state: Pick<SloPlanTimeRangeState, 'specs' | 'view' | 'datasourceUid'>) {
    const now = dateTime();
    super({
      ...state,
      plans: [],
      from: now.toISOString(),
      to: now.toISOString(),
      value: { from: now, to: now, raw: { from: now, to: now } },
    });
  }

  protected ancestorTimeRangeChanged(timeRange: SceneTimeRangeState): void {
    this.replan(timeRange.value);
  }

  replan(visible: TimeRange): void {
    const from = visible.from.valueOf() / 1000;
    const to = visible.to.valueOf() / 1000;
    const plans = this.state.specs.map((spec) => ({
      spec,
      plan: planQueries(spec, { from, to, view: this.state.view, pointsLimit: 'coarsen' }),
    }));
    const ranges = plans.map(({ plan }) => planTimeRange(plan));
    const rangeFrom = Math.min(...ranges.map((range) => range.from));
    const rangeTo = Math.max(...ranges.map((range) => range.to));
    const runner = this.parent;
    if (runner instanceof SceneQueryRunner) {
      const datasource = datasourceRef(this.state.datasourceUid);
      runner.setState({
        datasource,
        maxDataPoints: Math.max(...plans.map(({ plan }) => planMaxDataPoints(plan))),
        queries: plans.flatMap(({ spec, plan }) =>
          plan.queries.map((query) => ({
            ...toPrometheusDataQuery(query),
            refId: sloRefId(spec.id, query.refId),
            datasource,
          }))
        ),
      });
    }
    const start = dateTime(rangeFrom * 1000);
    const end = dateTime(rangeTo * 1000);
    this.setState({
      plans,
      from: start.toISOString(),
      to: end.toISOString(),
      value: { from: start, to: end, raw: { from: start.toISOString(), to: end.toISOString() } },
    });
  }
}
