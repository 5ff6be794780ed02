import {
  grafanaStep,
  recordingRuleQueries,
  roundGrafanaInterval,
  slothDetailQueries,
  slothOverviewQueries,
} from './slothDashboards';

const CALICO = 1793318400; // 2026-10-30T12:00:00Z
const DAY = 86400;

describe("Grafana's step", () => {
  it('rounds like Grafana', () => {
    expect(roundGrafanaInterval(72)).toBe(60);
    expect(roundGrafanaInterval(96)).toBe(120);
    expect(roundGrafanaInterval(288)).toBe(300);
    expect(roundGrafanaInterval(4000)).toBe(3600);
  });

  it('derives the step from the panel width and honours a minimum interval', () => {
    expect(grafanaStep(DAY, 16)).toBe(60); // 1,200 px
    expect(grafanaStep(DAY, 4)).toBe(300); // 300 px
    expect(grafanaStep(3600, 24)).toBe(15); // the data source's minimum
    expect(grafanaStep(29 * DAY, 8, 3600)).toBe(3600);
  });
});

describe('slothDetailQueries', () => {
  const queries = slothDetailQueries({ service: 'checkout', slo: 'checkout-availability' }, CALICO, DAY);

  it("sends the 14348 dashboard's requests for one SLO", () => {
    expect(queries).toHaveLength(16);
    expect(queries.filter((query) => query.kind === 'labelValues')).toHaveLength(2);
    expect(queries.filter((query) => query.kind === 'instant')).toHaveLength(8);
    expect(queries.filter((query) => query.kind === 'range')).toHaveLength(6);
  });

  it('reads the selected SLO with its service and name', () => {
    const sli = queries.find((query) => query.label === 'SLI: A')!;
    expect(sli).toMatchObject({
      kind: 'range',
      expr: '1 - (max(slo:sli_error:ratio_rate5m{sloth_service="checkout", sloth_slo="checkout-availability"}) OR on() vector(0))',
      start: CALICO - DAY,
      end: CALICO,
      step: 60,
    });
  });

  it('draws the month chart over the whole month of the range end, hourly', () => {
    const month = queries.find((query) => query.label === 'month burn chart: A')!;
    // 2026-10-01T00:00Z to 2026-10-31T23:00Z, the last whole hour of the month.
    expect(month).toMatchObject({ kind: 'range', start: 1790812800, end: 1793487600, step: 3600 });
    expect(month.kind === 'range' && month.expr).toContain('month() == bool vector(10)');
    expect(month.kind === 'range' && month.expr).toContain('[32d:1h]');
  });
});

describe('slothOverviewQueries', () => {
  it("sends the 14643 dashboard's nine requests, stats as range queries", () => {
    const queries = slothOverviewQueries(CALICO, DAY);
    expect(queries).toHaveLength(9);
    expect(queries[0]).toMatchObject({ kind: 'range', expr: 'count(sloth_slo_info)', step: 300 });
    expect(queries.at(-1)).toMatchObject({ kind: 'instant', expr: 'slo:period_error_budget_remaining:ratio' });
  });
});

describe('recordingRuleQueries', () => {
  it('evaluates each rule expression once', () => {
    expect(recordingRuleQueries([{ record: 'a', expr: 'vector(1)' }], CALICO)).toEqual([
      { kind: 'instant', label: 'rule a', expr: 'vector(1)', time: CALICO },
    ]);
  });
});
