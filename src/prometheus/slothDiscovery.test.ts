import { validateSloSpecs } from '../domain';
import { planQueries } from './plan';
import { rulesYaml } from './rules';
import { sliErrorRatioExpr } from './sliQueries';
import {
  discoverSlothSlos,
  discoverSlothSlosWithProblems,
  objectiveOf,
  periodWindow,
  sanitiseSlothId,
  slothErrorRatioQuery,
  slothInfoQuery,
} from './slothDiscovery';
import { parse } from 'yaml';

/** What Sloth v0.11 writes for `sloth_slo_info` (service labels merged into every metadata series). */
const slothInfo = {
  __name__: 'sloth_slo_info',
  sloth_id: 'myservice-requests-availability',
  sloth_service: 'myservice',
  sloth_slo: 'requests-availability',
  sloth_mode: 'cli-gen-prom',
  sloth_objective: '99.9',
  sloth_spec: 'prometheus/v1',
  sloth_version: 'v0.11.0',
  owner: 'myteam',
  tier: '2',
};

describe('discoverSlothSlos', () => {
  it('turns an info series into a raw-ratio SLO over the recorded ratios', () => {
    const [spec] = discoverSlothSlos([slothInfo]);
    expect(spec).toEqual({
      id: 'myservice-requests-availability',
      name: 'requests-availability',
      service: 'myservice',
      description: `Discovered from Sloth's recording rules (sloth_id "myservice-requests-availability").`,
      labels: { owner: 'myteam', tier: '2' },
      objective: 99.9,
      period: { rolling: '30d' },
      budgetingMethod: 'occurrences',
      sli: {
        raw: { errorRatioQuery: 'slo:sli_error:ratio_rate{{.window}}{sloth_id="myservice-requests-availability"}' },
      },
    });
    expect(validateSloSpecs([spec]).problems).toEqual([]);
  });

  it('plans 5-minute buckets that read the recorded 5-minute ratio', () => {
    const [spec] = discoverSlothSlos([slothInfo]);
    const plan = planQueries(spec, { from: 1793404800, to: 1793491200, view: 'overview' });
    expect(plan.queries.map((query) => query.expr)).toEqual([
      'slo:sli_error:ratio_rate5m{sloth_id="myservice-requests-availability"}',
    ]);
  });

  /** Every `slo:sli_error:ratio_rate<window>` a plan's queries read. */
  const recordsRead = (exprs: string[]) => [
    ...new Set(exprs.flatMap((expr) => [...expr.matchAll(/slo:sli_error:ratio_rate(\w+)/g)].map((match) => match[1]))),
  ];

  it.each([
    ['an overview of 30 days', '30d', 1, 'overview', 300],
    ['the detail page at "Last 9 days"', '30d', 9, 'detail', 600],
    ['a 90-day period', '90d', 1, 'overview', 900],
    ['the detail page of a 90-day period at "Last 30 days"', '90d', 30, 'detail', 1200],
  ] as const)(
    'reads only the recorded 5-minute ratio on the Grafana path, whatever the step: %s',
    (_name, period, days, view, step) => {
      const [spec] = discoverSlothSlos([slothInfo], {
        periodDays: [{ labels: slothInfo, value: Number(period.slice(0, -1)) }],
      });
      const to = 1793491200 + 37;
      const plan = planQueries(spec, { from: to - days * 86400, to, view, pointsLimit: 'coarsen' });
      expect(plan.step).toBe(step);
      expect(recordsRead(plan.queries.map((query) => query.expr))).toEqual(['5m']);
      const buckets = plan.queries.find((query) => query.role === 'errorRatio')!;
      // The mean of the recorded 5-minute ratios at the bucket's 5-minute marks (t − step, t].
      expect(buckets.expr).toBe(
        step === 300
          ? 'slo:sli_error:ratio_rate5m{sloth_id="myservice-requests-availability"}'
          : `avg_over_time((slo:sli_error:ratio_rate5m{sloth_id="myservice-requests-availability"})[${step * 1000 - 1}ms:5m])`
      );
    }
  );

  it('reads the partial bucket of an instant between boundaries with the latest recorded ratio', () => {
    const [spec] = discoverSlothSlos([slothInfo]);
    const at = 1793491200 + 133;
    const plan = planQueries(spec, { from: at - 86400, to: at, view: 'overview' });
    const record = 'slo:sli_error:ratio_rate5m{sloth_id="myservice-requests-availability"}';
    // The seconds since the boundary take the latest recorded 5-minute ratio.
    expect(plan.partialBucket).toEqual({ refId: 'tail', seconds: 300 });
    const tail = plan.queries.find((query) => query.role === 'tail')?.expr;
    expect(tail).toContain(`label_replace((${record}), "sloburn_window", "300"`);
    expect(tail).not.toContain('avg_over_time');
  });

  it('states the ratio over a window Sloth does not record as the mean of its 5-minute ratios', () => {
    const [spec] = discoverSlothSlos([slothInfo]);
    const records = (window: string) => recordsRead([sliErrorRatioExpr(spec.sli, window)]);
    for (const window of ['5m', '30m', '1h', '2h', '6h', '1d', '3d']) {
      expect(records(window)).toEqual([window]);
    }
    expect(records('10m')).toEqual(['5m']);
    expect(sliErrorRatioExpr(spec.sli, '30d')).toBe(
      'avg_over_time((slo:sli_error:ratio_rate5m{sloth_id="myservice-requests-availability"})[2591999999ms:5m])'
    );
  });

  it('takes the objective from slo:objective:ratio when the label is missing, without float noise', () => {
    const { sloth_objective: _objective, ...labels } = slothInfo;
    const objectives = [{ labels: { sloth_id: slothInfo.sloth_id }, value: 0.999 }];
    expect(discoverSlothSlos([labels], { objectives })[0].objective).toBe(99.9);
    expect(objectiveOf({}, 0.9995)).toBe(99.95);
    expect(objectiveOf({}, 0.95)).toBe(95);
  });

  it('prefers the sloth_objective label over the ratio series', () => {
    expect(objectiveOf({ sloth_objective: '99.5' }, 0.9)).toBe(99.5);
    expect(objectiveOf({ sloth_objective: 'n/a' }, 0.99)).toBe(99);
  });

  it('skips SLOs without any objective and says why', () => {
    const { sloth_objective: _objective, ...labels } = slothInfo;
    const discovery = discoverSlothSlosWithProblems([labels]);
    expect(discovery.specs).toEqual([]);
    expect(discovery.skipped).toEqual([{ labels, reason: expect.stringMatching(/no objective/) }]);
  });

  it('reads the period from slo:time_period:days, 30 days by default', () => {
    const periodDays = [{ labels: { sloth_id: slothInfo.sloth_id, sloth_service: 'myservice' }, value: 28 }];
    expect(discoverSlothSlos([slothInfo], { periodDays })[0].period).toEqual({ rolling: '28d' });
    expect(periodWindow(undefined)).toBe('30d');
    expect(periodWindow(7)).toBe('7d');
    expect(periodWindow(0.5)).toBe('12h');
    expect(periodWindow(-1)).toBe('30d');
  });

  it('sanitises ids but queries the recorded series by the original sloth_id, escaped', () => {
    const odd = { ...slothInfo, sloth_id: 'My_Service/"quoted"\\slo' };
    const [spec] = discoverSlothSlos([odd]);
    expect(spec.id).toBe('my-service--quoted--slo');
    expect(spec.sli).toEqual({
      raw: { errorRatioQuery: 'slo:sli_error:ratio_rate{{.window}}{sloth_id="My_Service/\\"quoted\\"\\\\slo"}' },
    });
    expect(sanitiseSlothId('A.B:c')).toBe('a-b-c');
    expect(slothErrorRatioQuery('a"b')).toBe('slo:sli_error:ratio_rate{{.window}}{sloth_id="a\\"b"}');
  });

  it('keeps ids unique when sanitising makes two equal', () => {
    const specs = discoverSlothSlos([
      { ...slothInfo, sloth_id: 'svc_a' },
      { ...slothInfo, sloth_id: 'svc-a' },
    ]);
    expect(specs.map((spec) => spec.id).sort()).toEqual(['svc-a', 'svc-a-2']);
    expect(validateSloSpecs(specs).problems).toEqual([]);
  });

  it('merges several series of one SLO, dropping labels they disagree on', () => {
    const specs = discoverSlothSlos([
      { ...slothInfo, prometheus: 'monitoring/k8s', prometheus_replica: 'prometheus-k8s-0' },
      { ...slothInfo, prometheus: 'monitoring/k8s', prometheus_replica: 'prometheus-k8s-1' },
    ]);
    expect(specs).toHaveLength(1);
    expect(specs[0].labels).toEqual({ owner: 'myteam', tier: '2', prometheus: 'monitoring/k8s' });
  });

  it('skips series without sloth_id and ids without a letter or digit', () => {
    const discovery = discoverSlothSlosWithProblems([{ sloth_service: 'x' }, { ...slothInfo, sloth_id: '_/_' }]);
    expect(discovery.specs).toEqual([]);
    expect(discovery.skipped.map((entry) => entry.reason)).toEqual([
      'no sloth_id label',
      expect.stringMatching(/no letter or digit/),
    ]);
  });

  it('reports objectives the validator rejects instead of producing an invalid spec', () => {
    const discovery = discoverSlothSlosWithProblems([{ ...slothInfo, sloth_objective: '100' }]);
    expect(discovery.specs).toEqual([]);
    expect(discovery.problems.length).toBeGreaterThan(0);
  });

  it('discovers what our own rule export records', () => {
    const document = parse(
      rulesYaml([
        {
          id: 'checkout-availability',
          name: 'Checkout availability',
          service: 'checkout',
          objective: 99.95,
          period: { rolling: '28d' },
          budgetingMethod: 'occurrences',
          sli: { events: { errorQuery: 'sum(rate(e[{{.window}}]))', totalQuery: 'sum(rate(t[{{.window}}]))' } },
        },
      ])
    ) as { groups: Array<{ rules: Array<{ record?: string; expr: string; labels: Record<string, string> }> }> };
    const rules = document.groups.flatMap((group) => group.rules);
    const info = rules.find((rule) => rule.record === slothInfoQuery)!;
    const days = Number(/vector\((.*)\)/.exec(rules.find((rule) => rule.record === 'slo:time_period:days')!.expr)![1]);
    const [spec] = discoverSlothSlos([info.labels], { periodDays: [{ labels: info.labels, value: days }] });
    expect(spec).toMatchObject({ id: 'checkout-availability', service: 'checkout', objective: 99.95 });
    expect(spec.period).toEqual({ rolling: '28d' });
  });
});
