import type { SloSpec } from '../domain';
import { answerNotes } from './answerNotes';
import { planQueries } from './plan';

const spec: SloSpec = {
  id: 'checkout',
  name: 'Checkout',
  service: 'checkout',
  objective: 99.9,
  period: { rolling: '30d' },
  budgetingMethod: 'occurrences',
  sli: { events: { errorQuery: 'sum(rate(errors[{{.window}}]))', totalQuery: 'sum(rate(requests[{{.window}}]))' } },
};
const plan = planQueries(spec, { from: 1793491200 - 86400, to: 1793491200, view: 'overview' });

describe('answerNotes', () => {
  it("names the queries of each warning once, in the plan's order", () => {
    const notCounter = 'PromQL info: metric might not be a counter, name does not end in _total: "errors"';
    const mix = 'PromQL warning: encountered a mix of histograms and floats';
    expect(
      answerNotes(plan, [
        { refId: 'windows', series: [], warnings: [notCounter] },
        { refId: 'total', series: [] },
        { refId: 'bad', series: [], warnings: [notCounter, mix, notCounter] },
      ])
    ).toEqual([`Prometheus on queries bad, windows: ${notCounter}`, `Prometheus on query bad: ${mix}`]);
  });

  it('has nothing to say about answers without warnings', () => {
    expect(answerNotes(plan, [{ refId: 'bad', series: [] }])).toEqual([]);
  });
});
