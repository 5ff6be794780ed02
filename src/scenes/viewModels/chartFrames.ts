import { type DataFrame, FieldType, createDataFrame } from '@grafana/data';
import {
  type PairState,
  alertGuardOf,
  alertTimeline,
  burnRateSeries,
  errorRatioSeries,
  formatDuration,
} from '../../domain';
import type { SloDetailModel } from './sloDetail';

export const CHART_REF_IDS = {
  burnRate: 'chart:burn-rate',
  sli: 'chart:sli',
  traffic: 'chart:traffic',
  alertStates: 'chart:alert-states',
} as const;

/**
 * Bucket ends across the visible range, and the evaluation time when it falls between two of them: the
 * points every chart shares, so that each chart ends where the page's numbers are taken.
 */
export function chartTimes(model: Pick<SloDetailModel, 'plan'>): number[] {
  const times: number[] = [];
  const { step, historyFrom, now } = model.plan;
  for (let time = Math.ceil(historyFrom / step) * step; time <= now; time += step) {
    times.push(time);
  }
  if (times[times.length - 1] !== now && now > historyFrom) {
    times.push(now);
  }
  return times;
}

/**
 * The values of a series over `times`, ending with the page's own number at `now`: the exact windows
 * and pair states the tables show, where the buckets alone would say a little less precisely.
 */
function endingWith<T>(values: T[], times: number[], now: number, atNow: T | undefined): T[] {
  if (atNow !== undefined && times[times.length - 1] === now) {
    values[values.length - 1] = atNow;
  }
  return values;
}

function timeField(times: number[]) {
  return { name: 'Time', type: FieldType.time, values: times.map((time) => time * 1000) };
}

/** Burn rate of every alert window over the visible range; each field carries its pair's factor. */
export function burnRateFrame(model: SloDetailModel): DataFrame {
  const times = chartTimes(model);
  const factors = new Map<number, number>();
  for (const pair of model.pairs) {
    factors.set(pair.window.longSeconds, Math.max(factors.get(pair.window.longSeconds) ?? 0, pair.window.factor));
    factors.set(pair.window.shortSeconds, Math.max(factors.get(pair.window.shortSeconds) ?? 0, pair.window.factor));
  }
  return createDataFrame({
    refId: CHART_REF_IDS.burnRate,
    name: 'Burn rate',
    fields: [
      timeField(times),
      ...model.windows.map((window) => ({
        name: formatDuration(window.seconds),
        type: FieldType.number,
        values: endingWith(
          burnRateSeries(model.budgetEvents, window.seconds, times, model.spec.objective),
          times,
          model.now,
          window.burnRate
        ),
        config: { unit: 'x', custom: { alertFactor: factors.get(window.seconds) } },
      })),
    ],
  });
}

/** The SLI over 1 hour and over the period, against the objective. */
export function sliFrame(model: SloDetailModel): DataFrame {
  const times = chartTimes(model);
  const good = (ratios: Array<number | null>) => ratios.map((ratio) => (ratio === null ? null : 1 - ratio));
  const hour = model.windows.find((window) => window.seconds === 3600);
  return createDataFrame({
    refId: CHART_REF_IDS.sli,
    name: 'SLI',
    fields: [
      timeField(times),
      {
        name: 'SLI (1h)',
        type: FieldType.number,
        values: good(endingWith(errorRatioSeries(model.budgetEvents, 3600, times), times, model.now, hour?.errorRatio)),
        config: { unit: 'percentunit' },
      },
      {
        name: `SLI (${model.period.kind === 'rolling' ? formatDuration(model.period.seconds) : 'period'})`,
        type: FieldType.number,
        values: good(errorRatioSeries(model.budgetEvents, model.period.seconds, times)),
        config: { unit: 'percentunit' },
      },
      {
        name: 'Objective',
        type: FieldType.number,
        values: times.map(() => model.spec.objective / 100),
        config: { unit: 'percentunit' },
      },
    ],
  });
}

/** Events per second in each bucket: all and bad. */
export function trafficFrame(model: SloDetailModel): DataFrame {
  const times = chartTimes(model);
  const { step } = model.plan;
  const counts = model.events.slidingSums(times, step);
  const perSecond = (values: Float64Array) =>
    Array.from(values, (value, index) => (counts.covered[index] > 0 ? value / step : null));
  return createDataFrame({
    refId: CHART_REF_IDS.traffic,
    name: 'Traffic',
    fields: [
      timeField(times),
      { name: 'All events', type: FieldType.number, values: perSecond(counts.total), config: { unit: 'reqps' } },
      { name: 'Bad events', type: FieldType.number, values: perSecond(counts.bad), config: { unit: 'reqps' } },
    ],
  });
}

/**
 * How the state timeline encodes a pair's state: firing 1, ok 0, and the two states that are neither —
 * held back by the low-traffic guard, and without data to judge — each a value of its own.
 */
export const PAIR_STATE_VALUES: Record<PairState, number> = {
  ok: 0,
  firing: 1,
  'insufficient-traffic': 2,
  'no-data': 3,
};

/**
 * Each pair's state over time (see PAIR_STATE_VALUES), for a state timeline: the rule of the live state and
 * of the backtest, guard included, on the events the pairs count, so its firing stretches are the alert
 * history's episodes.
 */
export function alertStatesFrame(model: SloDetailModel): DataFrame {
  const times = chartTimes(model);
  const timeline = alertTimeline(
    model.budgetEvents,
    model.spec.objective,
    model.pairs.map((pair) => pair.window),
    times,
    alertGuardOf(model.spec)
  );
  return createDataFrame({
    refId: CHART_REF_IDS.alertStates,
    name: 'Alert states',
    fields: [
      timeField(times),
      ...timeline.pairs.map((pair, index) => ({
        name: `${pair.window.severity} ${model.pairs[index].label}`,
        type: FieldType.number,
        values: endingWith(pair.states, times, model.now, model.pairs[index].state).map(
          (state) => PAIR_STATE_VALUES[state]
        ),
      })),
    ],
  });
}
