import type { SloSpec } from '../../domain';
import { type QueryPlan, planQueries } from '../../prometheus/plan';
import { readSlo } from '../../prometheus/readSlo';
import type { QueryResult } from '../../prometheus/series';
import { PAIR_STATE_VALUES, alertStatesFrame, burnRateFrame, chartTimes, sliFrame, trafficFrame } from './chartFrames';
import { detailFromReading } from './sloDetail';
import { CHECKOUT_AVAILABILITY } from '../../domain/testing/checkoutAvailability';

const spec: SloSpec = CHECKOUT_AVAILABILITY;
const onGrid = 1793491200 - 2 * 86400;
const at = onGrid + 133;

/** 10 requests a second, 0.1 % bad; Prometheus's exact windows say half fail since the last boundary. */
function results(plan: QueryPlan): QueryResult[] {
  const range = (role: 'bad' | 'total', rate: number): QueryResult => {
    const query = plan.queries.find((candidate) => candidate.refId === role)!;
    const times: number[] = [];
    for (let time = query.start; time <= query.end; time += query.step) {
      times.push(time);
    }
    return { refId: role, series: [{ labels: {}, times, values: times.map(() => rate) }] };
  };
  const windows = plan.queries.find((query) => query.role === 'windows')!;
  const partial = at - onGrid;
  return [
    range('bad', 0.01),
    range('total', 10),
    {
      refId: 'windows',
      series: windows.windows!.flatMap((seconds) => [
        {
          labels: { sloburn_window: String(seconds), sloburn_part: 'bad' },
          times: [at],
          values: [(0.01 * (seconds - partial) + 5 * partial) / seconds],
        },
        { labels: { sloburn_window: String(seconds), sloburn_part: 'total' }, times: [at], values: [10] },
      ]),
    },
  ];
}

describe('detail charts as of an instant between two bucket boundaries', () => {
  const plan = planQueries(spec, { from: at - 6 * 3600, to: at, view: 'detail' });
  const reading = readSlo(spec, plan, results(plan));
  if (reading.kind !== 'evaluated') {
    throw new Error(reading.message);
  }
  const model = detailFromReading(reading);

  it('put a point on every bucket end of the visible range and one at the instant asked', () => {
    const times = chartTimes(model);
    expect(times[times.length - 1]).toBe(at);
    expect(times.slice(0, -1).every((time) => time % plan.step === 0)).toBe(true);
    expect(times[times.length - 2]).toBe(onGrid);
    for (const frame of [burnRateFrame(model), sliFrame(model), trafficFrame(model), alertStatesFrame(model)]) {
      const time = frame.fields[0].values;
      expect(time[time.length - 1]).toBe(at * 1000);
    }
  });

  it('end with the numbers the page shows: the exact windows and the pairs firing now', () => {
    const burnRates = burnRateFrame(model).fields.slice(1);
    model.windows.forEach((window, index) => {
      const values = burnRates[index].values;
      expect([burnRates[index].name, values[values.length - 1]]).toEqual([burnRates[index].name, window.burnRate]);
    });
    const fiveMinutes = burnRates[0].values;
    // Half the requests fail in the last 2m13s: 5 minutes ending now burn far faster than at the boundary.
    expect(fiveMinutes[fiveMinutes.length - 1]).toBeGreaterThan(100 * fiveMinutes[fiveMinutes.length - 2]);
    const hour = model.windows.find((window) => window.seconds === 3600)!;
    const sliHour = sliFrame(model).fields[1].values;
    expect(sliHour[sliHour.length - 1]).toBeCloseTo(1 - hour.errorRatio!, 12);
    const states = alertStatesFrame(model).fields.slice(1);
    model.pairs.forEach((pair, index) => {
      const values = states[index].values;
      expect(values[values.length - 1]).toBe(pair.firing ? 1 : 0);
    });
    expect(model.pairs[0].firing).toBe(true);
  });
});

describe('the alert-pairs timeline and the alert history', () => {
  // 24 hours on the grid: 10 requests a second, 0.1 % bad, but 5 % bad for two hours and a quiet hour and a
  // half of one request a minute, half of them bad; a guard of 10,000 events in the long window.
  const end = onGrid;
  const incident = { from: end - 12 * 3600, to: end - 10 * 3600 };
  const quiet = { from: end - 6 * 3600, to: end - 4.5 * 3600 };
  const guardedSpec: SloSpec = { ...spec, alerting: { windows: 'default', minEvents: 10000 } };
  const within = (window: { from: number; to: number }, time: number) => time > window.from && time <= window.to;
  const totalAt = (time: number) => (within(quiet, time) ? 1 / 60 : 10);
  const badAt = (time: number) => (within(quiet, time) ? 0.5 / 60 : within(incident, time) ? 0.5 : 0.01);
  const plan = planQueries(guardedSpec, { from: end - 24 * 3600, to: end, view: 'detail' });
  const range = (role: 'bad' | 'total', rate: (time: number) => number): QueryResult => {
    const query = plan.queries.find((candidate) => candidate.refId === role)!;
    const times: number[] = [];
    for (let time = query.start; time <= query.end; time += query.step) {
      times.push(time);
    }
    return { refId: role, series: [{ labels: {}, times, values: times.map(rate) }] };
  };
  const reading = readSlo(guardedSpec, plan, [range('bad', badAt), range('total', totalAt)]);
  if (reading.kind !== 'evaluated') {
    throw new Error(reading.message);
  }
  const model = detailFromReading(reading);

  it("draw the alert history's episodes and the time the guard held each pair back", () => {
    const frame = alertStatesFrame(model);
    const times = (frame.fields[0].values as number[]).map((time) => time / 1000);
    const history = model.alertHistory;
    expect(history).toMatchObject({ from: times[0], to: times[times.length - 1], stepSeconds: plan.step });
    expect(history.evaluations).toBe(times.length);
    history.pairs.forEach((pair) => {
      const values = frame.fields[pair.index + 1].values as number[];
      const inEpisode = times.map((time) =>
        pair.episodes.some(
          (episode) => (time >= episode.start && time < episode.end) || (episode.open && time === episode.end)
        )
      );
      expect(values.map((value) => value === PAIR_STATE_VALUES.firing)).toEqual(inEpisode);
      // Each held-back evaluation holds until the next one.
      const heldBack = values.slice(0, -1).filter((value) => value === PAIR_STATE_VALUES['insufficient-traffic']);
      expect(heldBack.length * plan.step).toBe(pair.insufficientTrafficSeconds);
    });
    // Not vacuous: the fast page pair fires in the incident and is held back in the quiet hour and a half.
    expect(history.pairs[0].count).toBe(1);
    expect(history.pairs[0].insufficientTrafficSeconds).toBeGreaterThan(3600);
  });
});
