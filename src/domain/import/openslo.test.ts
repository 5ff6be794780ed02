import { readFileSync } from 'fs';
import { join } from 'path';
import type { SpecProblem } from '../validation/problems';
import { type ImportResult, importSloFile } from './index';

function testdata(name: string): string {
  return readFileSync(join(__dirname, 'testdata', name), 'utf8');
}

function listed(problems: SpecProblem[]): string[] {
  return problems.map((problem) => `${problem.severity} ${problem.path}: ${problem.message}`);
}

function expectAllValid(result: ImportResult): void {
  expect(listed(result.validation.problems)).toEqual([]);
  expect(result.validation.valid).toHaveLength(result.specs.length);
}

/** An OpenSLO SLO with an inline good/total Prometheus SLI, fields replaced or added by `spec`. */
function slo(spec: string, metadata = 'name: web-availability'): string {
  return `
apiVersion: openslo/v1
kind: SLO
metadata:
  ${metadata}
spec:
  service: web
  indicator:
    metadata: { name: web-ok }
    spec:
      ratioMetric:
        counter: true
        good: { metricSource: { type: Prometheus, spec: { query: 'http_requests_total{code!~"5.."}' } } }
        total: { metricSource: { type: Prometheus, spec: { query: http_requests_total } } }
${spec}`;
}

const WEB_RATIO = {
  ratio: {
    goodQuery: 'sum(rate(http_requests_total{code!~"5.."}[{{.window}}]))',
    totalQuery: 'sum(rate(http_requests_total[{{.window}}]))',
  },
};

describe('importing OpenSLO v1', () => {
  it('converts an SLO that references an SLI document, and ignores the Service', () => {
    const result = importSloFile(testdata('openslo-checkout.yaml'));
    expect(result.format).toBe('openslo-v1');
    expect(result.specs).toEqual([
      {
        id: 'checkout-availability',
        name: 'Checkout availability',
        service: 'checkout',
        description: 'Share of checkout requests answered without a server error',
        labels: { team: 'payments,checkout', tier: 'critical' },
        objective: 99.5,
        period: { rolling: '28d' },
        budgetingMethod: 'occurrences',
        sli: {
          ratio: {
            goodQuery: 'sum(rate(checkout_http_requests_total{code!~"5.."}[{{.window}}]))',
            totalQuery: 'sum(rate(checkout_http_requests_total[{{.window}}]))',
          },
        },
      },
    ]);
    expect(listed(result.problems)).toEqual([
      'warning documents[0]: OpenSLO Service "checkout" is not imported: each SLO names its service in spec.service',
    ]);
    expectAllValid(result);
  });

  it('converts an inline bad/total SLI over a calendar month in a time zone', () => {
    const result = importSloFile(testdata('openslo-calendar-month.yaml'));
    expect(result.specs).toEqual([
      {
        id: 'login-errors',
        name: 'Login errors',
        service: 'identity',
        description: 'Logins that fail because of us, per calendar month',
        objective: 99.9,
        period: { calendar: 'month', timezone: 'Europe/Berlin' },
        budgetingMethod: 'occurrences',
        sli: {
          events: {
            errorQuery: 'sum(increase(login_attempts_total{outcome="server_error"}[{{.window}}]))',
            totalQuery: 'sum(increase(login_attempts_total[{{.window}}]))',
          },
        },
      },
    ]);
    expect(result.problems).toEqual([]);
    expectAllValid(result);
  });

  it('converts a Timeslices SLO with two objectives into two SLOs, resolving the type from the DataSource', () => {
    const result = importSloFile(testdata('openslo-timeslices.yaml'));
    const shared = {
      service: 'image-resizer',
      period: { calendar: 'week', timezone: 'UTC' },
      budgetingMethod: 'timeslices',
      sli: {
        ratio: {
          goodQuery: 'sum(rate(resizer_jobs_total{status="ok"}[{{.window}}]))',
          totalQuery: 'sum(rate(resizer_jobs_total[{{.window}}]))',
        },
      },
    };
    expect(result.specs).toEqual([
      {
        id: 'image-resizer-uptime-internal-goal',
        name: 'Image resizer uptime (Internal goal)',
        objective: 99.9,
        timesliceTarget: 95,
        timesliceWindow: '5m',
        ...shared,
      },
      {
        id: 'image-resizer-uptime-customer-promise',
        name: 'Image resizer uptime (Customer promise)',
        objective: 99,
        timesliceTarget: 90,
        timesliceWindow: '2m',
        ...shared,
      },
    ]);
    expect(listed(result.problems)).toEqual([
      'warning documents[0]: OpenSLO DataSource "mimir-prod" is not imported: SLO Burn queries the data source chosen in its settings',
    ]);
    expectAllValid(result);
  });

  it('skips SLOs on a thresholdMetric SLI and keeps the others', () => {
    const result = importSloFile(testdata('openslo-threshold-metric.yaml'));
    expect(result.specs).toEqual([
      {
        id: 'billing-invoices',
        name: 'Billing invoices',
        service: 'billing',
        objective: 99.9,
        period: { rolling: '30d' },
        budgetingMethod: 'occurrences',
        sli: {
          events: {
            errorQuery: 'sum(rate(billing_invoices_total{state="failed"}[{{.window}}]))',
            totalQuery: 'sum(rate(billing_invoices_total[{{.window}}]))',
          },
        },
      },
    ]);
    expect(result.problems).toEqual([
      {
        path: 'documents[0].spec.thresholdMetric',
        message:
          'thresholdMetric SLIs are not supported yet, so SLOs using this SLI are skipped: use a ratioMetric (good or bad over total, or raw)',
        severity: 'error',
      },
      {
        path: 'documents[1].spec.indicatorRef',
        message: 'SLI "consumer-lag" cannot be converted (see its document), so this is skipped',
        severity: 'error',
      },
    ]);
    expectAllValid(result);
  });

  it('refuses metric sources that do not speak PromQL', () => {
    const result = importSloFile(testdata('openslo-datadog.yaml'));
    expect(result.specs).toEqual([]);
    const message =
      '"Datadog" is not supported: SLO Burn reads PromQL sources: Prometheus, Mimir, Cortex, Thanos or VictoriaMetrics';
    expect(result.problems).toEqual([
      { path: 'documents[0].spec.indicator.spec.ratioMetric.good.metricSource.type', message, severity: 'error' },
      { path: 'documents[0].spec.indicator.spec.ratioMetric.total.metricSource.type', message, severity: 'error' },
    ]);
  });

  it('refuses a DataSource of another type named by metricSourceRef', () => {
    const result = importSloFile(`
apiVersion: openslo/v1
kind: DataSource
metadata: { name: dd }
spec: { type: Datadog }
---
apiVersion: openslo/v1
kind: SLO
metadata: { name: a }
spec:
  service: s
  indicator:
    spec:
      ratioMetric:
        counter: true
        good: { metricSource: { metricSourceRef: dd, spec: { query: x } } }
        total: { metricSource: { spec: { query: y } } }
  budgetingMethod: Occurrences
  timeWindow: [{ duration: 30d, isRolling: true }]
  objectives: [{ target: 0.99 }]
`);
    expect(result.specs).toEqual([]);
    expect(listed(result.problems)).toEqual([
      'warning documents[0]: OpenSLO DataSource "dd" is not imported: SLO Burn queries the data source chosen in its settings',
      'error documents[1].spec.indicator.spec.ratioMetric.good.metricSource.metricSourceRef: names DataSource "dd" of type "Datadog", which is not supported: SLO Burn reads PromQL sources: Prometheus, Mimir, Cortex, Thanos or VictoriaMetrics',
      'warning documents[1].spec.indicator.spec.ratioMetric.total.metricSource: has no type and names no DataSource of this input: assumed to be Prometheus',
    ]);
  });

  it.each([
    [0.999, 99.9],
    [0.9995, 99.95],
    [0.07, 7],
    [0.99999, 99.999],
  ])('turns target %p into objective %p exactly', (target, objective) => {
    const result = importSloFile(slo(`  budgetingMethod: Occurrences\n  objectives: [{ target: ${target} }]`));
    expect(result.specs[0].objective).toBe(objective);
  });

  it('takes targetPercent as it is', () => {
    const result = importSloFile(slo(`  budgetingMethod: Occurrences\n  objectives: [{ targetPercent: 99.95 }]`));
    expect(result.specs[0].objective).toBe(99.95);
  });

  it.each([
    [
      '{ target: 99.5 }',
      'error documents[0].spec.objectives[0].target: must be a ratio between 0 and 1 such as 0.995, got number 99.5 (for percentages use targetPercent: 99.5)',
    ],
    [
      '{ target: 0.99, targetPercent: 99 }',
      'error documents[0].spec.objectives[0]: has both target and targetPercent: keep one',
    ],
    [
      '{ displayName: x }',
      'error documents[0].spec.objectives[0]: needs target (a ratio such as 0.995) or targetPercent (such as 99.5)',
    ],
    [
      '{ targetPercent: "99.9" }',
      'error documents[0].spec.objectives[0].targetPercent: must be a number such as 99.5, got "99.9"',
    ],
  ])('rejects the objective %s', (objective, problem) => {
    const result = importSloFile(slo(`  budgetingMethod: Occurrences\n  objectives: [${objective}]`));
    expect(result.specs).toEqual([]);
    expect(listed(result.problems)).toEqual([
      'warning documents[0].spec.timeWindow: is missing: imported with a rolling 30d period',
      problem,
    ]);
  });

  it('suffixes ids with the position when objectives have no distinct display names', () => {
    const result = importSloFile(
      slo(
        `  budgetingMethod: Occurrences\n  objectives: [{ target: 0.99, displayName: Goal }, { target: 0.999, displayName: goal }]`
      )
    );
    expect(result.specs.map((spec) => [spec.id, spec.name, spec.objective])).toEqual([
      ['web-availability-1', 'Web availability (objective 1)', 99],
      ['web-availability-2', 'Web availability (objective 2)', 99.9],
    ]);
  });

  it('uses an objective-level indicator over the SLO one', () => {
    const result = importSloFile(`
apiVersion: openslo/v1
kind: SLI
metadata: { name: latency }
spec:
  ratioMetric:
    counter: true
    bad: { metricSource: { type: Prometheus, spec: { query: 'sum(rate(slow_total[5m]))' } } }
    total: { metricSource: { type: Prometheus, spec: { query: 'sum(rate(all_total[5m]))' } } }
---
${slo(
  `  budgetingMethod: Occurrences
  timeWindow: [{ duration: 4w, isRolling: true }]
  objectives:
    - { displayName: Available, target: 0.999 }
    - { displayName: Fast, target: 0.99, indicatorRef: latency, compositeWeight: 2 }`
)}`);
    expect(result.specs.map((spec) => [spec.id, spec.sli])).toEqual([
      ['web-availability-available', WEB_RATIO],
      [
        'web-availability-fast',
        {
          events: { errorQuery: 'sum(rate(slow_total[{{.window}}]))', totalQuery: 'sum(rate(all_total[{{.window}}]))' },
        },
      ],
    ]);
    expect(listed(result.problems)).toEqual([
      'warning documents[1].spec.objectives[1].compositeWeight: composite SLOs are not supported: each objective is imported as its own SLO, without weight',
    ]);
    expectAllValid(result);
  });

  describe('ratio metrics', () => {
    function sliOf(ratioMetric: string) {
      const result = importSloFile(`
apiVersion: openslo/v1
kind: SLO
metadata: { name: a }
spec:
  service: s
  budgetingMethod: Occurrences
  timeWindow: [{ duration: 30d, isRolling: true }]
  objectives: [{ target: 0.99 }]
  indicator:
    spec:
      ratioMetric:
${ratioMetric.replace(/^/gm, '        ')}
`);
      return { sli: result.specs[0]?.sli, problems: listed(result.problems), result };
    }

    it('turns a success raw ratio into an error ratio', () => {
      const { sli, result } = sliOf(
        `rawType: success\nraw: { metricSource: { type: Prometheus, spec: { query: 'avg_over_time(wifi_satisfaction_ratio[10m])' } } }`
      );
      expect(sli).toEqual({ raw: { errorRatioQuery: '1 - (avg_over_time(wifi_satisfaction_ratio[{{.window}}]))' } });
      expectAllValid(result);
    });

    it('keeps a failure raw ratio as it is', () => {
      const { sli } = sliOf(
        `rawType: failure\nraw: { metricSource: { type: Prometheus, spec: { query: 'sum(rate(e[5m])) / sum(rate(t[5m]))' } } }`
      );
      expect(sli).toEqual({ raw: { errorRatioQuery: 'sum(rate(e[{{.window}}])) / sum(rate(t[{{.window}}]))' } });
    });

    it('accepts a gauge whose query has a range to template', () => {
      const { sli } = sliOf(
        `counter: false\ngood: { metricSource: { type: Thanos, spec: { query: 'sum(sum_over_time(up{job="a"}[1m]))' } } }\ntotal: { metricSource: { type: VictoriaMetrics, spec: { query: 'sum(count_over_time(up{job="a"}[1m]))' } } }`
      );
      expect(sli).toEqual({
        ratio: {
          goodQuery: 'sum(sum_over_time(up{job="a"}[{{.window}}]))',
          totalQuery: 'sum(count_over_time(up{job="a"}[{{.window}}]))',
        },
      });
    });

    it('refuses a gauge without a range and a counter it cannot window', () => {
      const { sli, problems } = sliOf(
        `counter: false\ngood: { metricSource: { type: Prometheus, spec: { query: 'queue_ok' } } }\ntotal: { metricSource: { type: Prometheus, spec: { promql: 'queue_all' } } }`
      );
      expect(sli).toBeUndefined();
      expect(problems).toEqual([
        'error documents[0].spec.indicator.spec.ratioMetric.good.metricSource.spec.query: cannot derive a query over {{.window}} from "queue_ok": it has no range selector such as [5m], and a gauge (counter: false) cannot be rated; write it with a range, e.g. sum(sum_over_time(metric[5m])), or set counter: true if the metric is a counter',
        'error documents[0].spec.indicator.spec.ratioMetric.total.metricSource.spec.promql: cannot derive a query over {{.window}} from "queue_all": it has no range selector such as [5m], and a gauge (counter: false) cannot be rated; write it with a range, e.g. sum(sum_over_time(metric[5m])), or set counter: true if the metric is a counter',
      ]);
      expect(
        sliOf(
          `counter: true\nbad: { metricSource: { type: Prometheus, spec: { query: 'sum(errors_total)' } } }\ntotal: { metricSource: { type: Prometheus, spec: { query: 'requests_total' } } }`
        ).problems
      ).toEqual([
        'error documents[0].spec.indicator.spec.ratioMetric.bad.metricSource.spec.query: cannot derive a query over {{.window}} from "sum(errors_total)": it has no range selector such as [5m] and is not a plain series selector such as metric{label="value"}; write it with a range, e.g. sum(rate(metric[5m]))',
      ]);
    });

    it('reads a query given as the whole metric source spec', () => {
      const { sli } = sliOf(
        `counter: true\ngood: { metricSource: { type: prometheus, spec: 'ok_total' } }\ntotal: { metricSource: { type: PROMETHEUS, spec: 'all_total' } }`
      );
      expect(sli).toEqual({
        ratio: { goodQuery: 'sum(rate(ok_total[{{.window}}]))', totalQuery: 'sum(rate(all_total[{{.window}}]))' },
      });
    });

    it.each([
      [
        `counter: true\ngood: { metricSource: { spec: { query: a } } }\nbad: { metricSource: { spec: { query: b } } }\ntotal: { metricSource: { spec: { query: c } } }`,
        'error documents[0].spec.indicator.spec.ratioMetric: must have good or bad, not both',
      ],
      [
        `counter: true\ngood: { metricSource: { type: Prometheus, spec: { query: a } } }`,
        'error documents[0].spec.indicator.spec.ratioMetric.total: is required with good',
      ],
      [
        `rawType: ratio\nraw: { metricSource: { type: Prometheus, spec: { query: 'x[5m]' } } }`,
        'error documents[0].spec.indicator.spec.ratioMetric.rawType: must be success or failure with raw, got "ratio"',
      ],
      [
        `counter: true\ngood: { metricSource: { type: Prometheus, spec: { expr: a } } }\ntotal: { metricSource: { type: Prometheus, spec: { query: b } } }`,
        'warning documents[0].spec.indicator.spec.ratioMetric.good.metricSource.spec.expr: unknown field, ignored',
      ],
    ])('reports a malformed ratio metric: %s', (ratioMetric, problem) => {
      const { sli, problems } = sliOf(ratioMetric);
      expect(sli).toBeUndefined();
      expect(problems[0]).toBe(problem);
    });
  });

  describe('time windows', () => {
    function periodOf(timeWindow: string) {
      const result = importSloFile(
        slo(
          `  budgetingMethod: Occurrences\n  objectives: [{ target: 0.99 }]\n  timeWindow:\n${timeWindow.replace(/^/gm, '    ')}`
        )
      );
      return { period: result.specs[0]?.period, problems: listed(result.problems) };
    }

    it.each([
      ['- { duration: 1w, isRolling: false }', { calendar: 'week' }],
      ['- { duration: 7d, calendar: { timeZone: UTC } }', { calendar: 'week', timezone: 'UTC' }],
      [
        '- { duration: 1Q, isRolling: false, calendar: { timeZone: America/New_York } }',
        { calendar: 'quarter', timezone: 'America/New_York' },
      ],
      ['- { duration: 3M, isRolling: false }', { calendar: 'quarter' }],
      ['- { duration: 2w, isRolling: true }', { rolling: '2w' }],
      ['- { duration: 30d }', { rolling: '30d' }],
    ])('converts %s', (timeWindow, period) => {
      expect(periodOf(timeWindow)).toEqual({ period, problems: [] });
    });

    it.each([
      [
        '- { duration: 1m, isRolling: false }',
        'error documents[0].spec.timeWindow[0].duration: calendar window "1m" is not supported (1m is minutes; a month is 1M): use 1w (week), 1M (month) or 1Q (quarter)',
      ],
      [
        '- { duration: 1Y, isRolling: false }',
        'error documents[0].spec.timeWindow[0].duration: calendar window "1Y" is not supported: use 1w (week), 1M (month) or 1Q (quarter)',
      ],
      [
        '- { duration: 1M, isRolling: true }',
        'error documents[0].spec.timeWindow[0].duration: rolling window "1M" is not supported: use days or weeks such as 28d or 4w',
      ],
      [
        '- { duration: 7d, isRolling: true }\n- { duration: 30d, isRolling: true }',
        'error documents[0].spec.timeWindow: must have exactly one time window, found 2',
      ],
    ])('rejects %s', (timeWindow, problem) => {
      expect(periodOf(timeWindow)).toEqual({ period: undefined, problems: [problem] });
    });

    it('warns that a start time off the calendar boundary is not honoured', () => {
      expect(
        periodOf(
          '- duration: 1M\n  isRolling: false\n  calendar: { startTime: "2022-01-15 12:00:00", timeZone: Europe/Berlin }'
        )
      ).toEqual({
        period: { calendar: 'month', timezone: 'Europe/Berlin' },
        problems: [
          'warning documents[0].spec.timeWindow[0].calendar.startTime: "2022-01-15 12:00:00" is ignored: SLO Burn\'s calendar months start at midnight on the 1st in Europe/Berlin',
        ],
      });
      expect(periodOf('- duration: 1w\n  calendar: { startTime: "2024-01-01 00:00:00" }').problems).toEqual([]);
      expect(periodOf('- duration: 1w\n  calendar: { startTime: "2024-01-02" }').problems).toEqual([
        'warning documents[0].spec.timeWindow[0].calendar.startTime: "2024-01-02" is ignored: SLO Burn\'s calendar weeks start at midnight on Monday UTC',
      ]);
    });
  });

  describe('budgeting methods', () => {
    it('treats RatioTimeslices as Timeslices, with a warning', () => {
      const result = importSloFile(
        slo(
          `  budgetingMethod: RatioTimeslices\n  timeWindow: [{ duration: 28d, isRolling: true }]\n  objectives: [{ target: 0.99, timeSliceTarget: 0.9, timeSliceWindow: 1m }]`
        )
      );
      expect(result.specs).toEqual([
        {
          id: 'web-availability',
          name: 'Web availability',
          service: 'web',
          objective: 99,
          period: { rolling: '28d' },
          budgetingMethod: 'timeslices',
          timesliceTarget: 90,
          timesliceWindow: '1m',
          sli: WEB_RATIO,
        },
      ]);
      expect(listed(result.problems)).toEqual([
        "warning documents[0].spec.budgetingMethod: RatioTimeslices (the average of the slices' ratios) is not supported: imported as Timeslices, where a slice is good when its ratio meets timeSliceTarget",
      ]);
      expectAllValid(result);
    });

    it('needs the slice target and window with Timeslices', () => {
      const result = importSloFile(
        slo(
          `  budgetingMethod: Timeslices\n  timeWindow: [{ duration: 28d, isRolling: true }]\n  objectives: [{ target: 0.99 }]`
        )
      );
      expect(result.specs).toEqual([]);
      expect(listed(result.problems)).toEqual([
        'error documents[0].spec.objectives[0].timeSliceTarget: is required with Timeslices: the share of good events that makes a slice good, such as 0.95',
        'error documents[0].spec.objectives[0].timeSliceWindow: is required with Timeslices: the slice length, such as 1m or 5m',
      ]);
    });

    it('warns of slice settings that Occurrences ignores, and of a missing method', () => {
      const result = importSloFile(
        slo(
          `  timeWindow: [{ duration: 28d, isRolling: true }]\n  objectives: [{ target: 0.99, timeSliceTarget: 0.9 }]`
        )
      );
      expect(result.specs[0].budgetingMethod).toBe('occurrences');
      expect(result.specs[0].timesliceTarget).toBeUndefined();
      expect(listed(result.problems)).toEqual([
        'warning documents[0].spec.budgetingMethod: is missing: imported as Occurrences',
        'warning documents[0].spec.objectives[0].timeSliceTarget: only used with Timeslices budgeting; ignored',
      ]);
    });

    it('rejects an unknown method', () => {
      const result = importSloFile(
        slo(
          `  budgetingMethod: Events\n  timeWindow: [{ duration: 28d, isRolling: true }]\n  objectives: [{ target: 0.99 }]`
        )
      );
      expect(result.specs).toEqual([]);
      expect(listed(result.problems)).toEqual([
        'error documents[0].spec.budgetingMethod: must be Occurrences, Timeslices or RatioTimeslices, got "Events"',
      ]);
    });
  });

  describe('metadata and other kinds', () => {
    it('repairs label names and sanitises the id, with warnings', () => {
      const result = importSloFile(
        slo(
          `  budgetingMethod: Occurrences\n  timeWindow: [{ duration: 28d, isRolling: true }]\n  objectives: [{ target: 0.99 }]`,
          `name: Web_Availability\n  labels: { cost-centre: "42", app.kubernetes.io/name: web, env: [prod] }\n  annotations: { openslo.com/owner: someone }`
        )
      );
      expect(result.specs[0]).toMatchObject({
        id: 'web-availability',
        name: 'Web Availability',
        labels: { cost_centre: '42', app_kubernetes_io_name: 'web', env: 'prod' },
      });
      expect(listed(result.problems)).toEqual([
        'warning documents[0].metadata.annotations: not imported: SLO Burn specs have no annotations',
        'warning documents[0].metadata.labels.cost-centre: is not a Prometheus label name; imported as "cost_centre"',
        'warning documents[0].metadata.labels.app.kubernetes.io/name: is not a Prometheus label name; imported as "app_kubernetes_io_name"',
        'warning documents[0].metadata.name: imported as id "web-availability": ids use only a-z, 0-9 and "-"',
      ]);
      expectAllValid(result);
    });

    it('ignores alerting kinds and unused SLIs with a warning each, and rejects unknown kinds', () => {
      const result = importSloFile(`
apiVersion: openslo/v1
kind: AlertPolicy
metadata: { name: page-on-burn }
---
apiVersion: openslo/v1
kind: AlertCondition
metadata: { name: fast-burn }
---
apiVersion: openslo/v1
kind: AlertNotificationTarget
metadata: { name: oncall }
---
apiVersion: openslo/v1
kind: SLI
metadata: { name: orphan }
spec: {}
---
apiVersion: openslo/v1
kind: Budget
metadata: { name: x }
---
apiVersion: openslo/v1alpha
kind: SLO
metadata: { name: old }
`);
      expect(result.specs).toEqual([]);
      expect(listed(result.problems)).toEqual([
        'warning documents[0]: OpenSLO AlertPolicy "page-on-burn" is not imported: SLO Burn alerts with its own multiwindow multi-burn-rate pairs',
        'warning documents[1]: OpenSLO AlertCondition "fast-burn" is not imported: SLO Burn alerts with its own multiwindow multi-burn-rate pairs',
        'warning documents[2]: OpenSLO AlertNotificationTarget "oncall" is not imported: route SLO Burn\'s alerts with Grafana notification policies',
        'warning documents[3]: OpenSLO SLI "orphan" is not used by any SLO of this input, so nothing is imported from it',
        'error documents[4].kind: OpenSLO kind "Budget" is not supported: expected SLO, SLI, Service, AlertPolicy, AlertCondition, AlertNotificationTarget or DataSource',
        'error documents[5]: OpenSLO openslo/v1alpha is not supported: only openslo/v1 is',
      ]);
    });

    it('reports an indicatorRef to an SLI that is not in the input, and alert policies it drops', () => {
      const result = importSloFile(`
apiVersion: openslo/v1
kind: SLO
metadata: { name: a }
spec:
  service: s
  indicatorRef: elsewhere
  budgetingMethod: Occurrences
  timeWindow: [{ duration: 30d, isRolling: true }]
  alertPolicies: [{ alertPolicyRef: page-on-burn }]
  objectives: [{ target: 0.99 }]
`);
      expect(result.specs).toEqual([]);
      expect(listed(result.problems)).toEqual([
        'warning documents[0].spec.alertPolicies: not imported: SLO Burn alerts with its own multiwindow multi-burn-rate pairs',
        'error documents[0].spec.indicatorRef: no SLI named "elsewhere" in this input: paste its kind: SLI document together with the SLO',
      ]);
    });

    it('reads objects written as one YAML list, as the OpenSLO SDK does', () => {
      const result = importSloFile(`
- apiVersion: openslo/v1
  kind: SLI
  metadata: { name: ok }
  spec:
    ratioMetric:
      counter: true
      good: { metricSource: { type: Prometheus, spec: { query: ok_total } } }
      total: { metricSource: { type: Prometheus, spec: { query: all_total } } }
- apiVersion: openslo/v1
  kind: SLO
  metadata: { name: a, displayName: A }
  spec:
    service: s
    indicatorRef: ok
    budgetingMethod: Occurrences
    timeWindow: [{ duration: 30d, isRolling: true }]
    objectives: [{ target: 0.99 }]
`);
      expect(result.format).toBe('openslo-v1');
      expect(result.specs.map((spec) => [spec.id, spec.name])).toEqual([['a', 'A']]);
      expect(result.problems).toEqual([]);
    });
  });
});
