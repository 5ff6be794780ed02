import type { SloSpec } from '../../domain';
import { type QueryPlan, planQueries } from '../../prometheus/plan';
import { readSlo } from '../../prometheus/readSlo';
import type { QueryResult } from '../../prometheus/series';
import { alertStatesFrame, burnRateFrame, chartTimes, sliFrame, trafficFrame } from './chartFrames';
import { detailFromReading } from './sloDetail';

const spec: SloSpec = {
  id: 'checkout-availability',
  name: 'Checkout availability',
  service: 'checkout',
  objective: 99.9,
  period: { rolling: '30d' },
  budgetingMethod: 'occurrences',
  sli: {
    events: {
      errorQuery: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
      totalQuery: 'sum(rate(http_requests_total[{{.window}}]))',
    },
  },
};
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
