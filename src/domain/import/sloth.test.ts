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

const ALERTS_NOT_IMPORTED =
  'not imported: SLO Burn names its alerts after the SLO id and labels them with severity (page or ticket), long and short';

describe('importing Sloth prometheus/v1 files', () => {
  it('converts events and raw SLOs, merging labels and keeping runbooks', () => {
    const result = importSloFile(testdata('sloth-myservice.yaml'));
    expect(result.format).toBe('sloth-prometheus-v1');
    expect(result.specs).toEqual([
      {
        id: 'myservice-requests-availability',
        name: 'Requests availability',
        service: 'myservice',
        description: 'Requests to myservice answer without a server error.',
        labels: { owner: 'payments-team', tier: '0', category: 'availability' },
        runbookUrl: 'https://runbooks.example.com/myservice/availability',
        objective: 99.9,
        period: { rolling: '30d' },
        sli: {
          events: {
            errorQuery: 'sum(rate(http_server_requests_total{job="myservice",code=~"5.."}[{{.window}}]))',
            totalQuery: 'sum(rate(http_server_requests_total{job="myservice"}[{{.window}}]))',
          },
        },
      },
      {
        id: 'myservice-queue-freshness',
        name: 'Queue freshness',
        service: 'myservice',
        description: 'Jobs leave the queue before they go stale.',
        labels: { owner: 'payments-team', tier: '1' },
        runbookUrl: 'https://runbooks.example.com/myservice/queue',
        objective: 99.5,
        period: { rolling: '30d' },
        sli: {
          raw: {
            errorRatioQuery:
              'sum(rate(queue_jobs_stale_total{job="myservice"}[{{.window}}]))\n/\nsum(rate(queue_jobs_processed_total{job="myservice"}[{{.window}}]))',
          },
        },
      },
    ]);
    expect(listed(result.problems)).toEqual([
      `warning documents[0].slos[0].alerting: name, labels, annotations, page_alert.labels, ticket_alert.labels ${ALERTS_NOT_IMPORTED}`,
      'warning documents[0].slos[1].alerting.ticket_alert.disable: SLO Burn always evaluates both severities (page and ticket): this disabled ticket alert will be evaluated too',
    ]);
    expectAllValid(result);
  });

  it('skips an SLO with a plugin SLI and keeps the others', () => {
    const result = importSloFile(testdata('sloth-plugin-sli.yaml'));
    expect(result.specs.map((spec) => spec.id)).toEqual(['ledger-writes-availability', 'ledger-writes-latency']);
    expect(result.specs[1].sli).toEqual({
      events: {
        errorQuery:
          'sum(rate(ledger_write_seconds_count[{{.window}}])) - sum(rate(ledger_write_seconds_bucket{le="0.25"}[{{.window}}]))',
        totalQuery: 'sum(rate(ledger_write_seconds_count[{{.window}}]))',
      },
    });
    expect(result.problems).toEqual([
      {
        path: 'documents[0].slos[1].sli.plugin',
        message: 'Sloth SLI plugins are not supported: write the error and total queries',
        severity: 'error',
      },
    ]);
    expectAllValid(result);
  });

  it('derives the id from service and name as Sloth does, and says when it had to change it', () => {
    const result = importSloFile(`
version: prometheus/v1
service: Web_Shop
slos:
  - name: Checkout.Latency
    objective: 99
    sli: { raw: { error_ratio_query: "slo:latency:ratio_rate{{.window}}" } }
`);
    expect(result.specs[0]).toMatchObject({ id: 'web-shop-checkout-latency', name: 'Checkout.Latency' });
    expect(listed(result.problems)).toEqual([
      'warning documents[0].slos[0].name: imported with id "web-shop-checkout-latency", not Sloth\'s sloth_id "Web_Shop-Checkout.Latency": recordings Sloth made for this SLO will not be found under the new id',
    ]);
    expectAllValid(result);
  });

  it('warns of unknown fields and plugins instead of dropping them silently', () => {
    const result = importSloFile(`
version: prometheus/v1
service: api
owner: team-a
slo_plugins: { chain: [{ id: sloth.dev/core/debug/v1 }] }
slos:
  - name: availability
    objectve: 99.9
    objective: 99.9
    plugins: { chain: [] }
    sli:
      events:
        error_query: sum(rate(e[{{.window}}]))
        total_query: sum(rate(t[{{.window}}]))
        good_query: sum(rate(g[{{.window}}]))
`);
    expect(result.specs).toHaveLength(1);
    expect(listed(result.problems)).toEqual([
      'warning documents[0].owner: unknown field, ignored',
      'warning documents[0].slo_plugins: Sloth SLO plugins are not imported: SLO Burn generates its own rules',
      'warning documents[0].slos[0].objectve: unknown field, ignored (did you mean "objective"?)',
      'warning documents[0].slos[0].plugins: Sloth SLO plugins are not imported: SLO Burn generates its own rules',
      'warning documents[0].slos[0].sli.events.good_query: unknown field, ignored',
    ]);
  });

  it('keeps no runbook that is not a URL, and says so', () => {
    const result = importSloFile(`
version: prometheus/v1
service: api
slos:
  - name: availability
    objective: 99.9
    sli: { raw: { error_ratio_query: "x:ratio_rate{{.window}}" } }
    alerting:
      annotations: { runbook: "see the wiki" }
`);
    expect(result.specs[0].runbookUrl).toBeUndefined();
    expect(listed(result.problems)).toEqual([
      'warning documents[0].slos[0].alerting.annotations.runbook: "see the wiki" is not an http(s) URL, so it is not imported as the runbook URL',
    ]);
  });

  it('warns when an SLO hints at a period other than Sloth default 30 days', () => {
    const result = importSloFile(`
version: prometheus/v1
service: api
slos:
  - name: availability-7d
    objective: 99.9
    sli: { raw: { error_ratio_query: "x:ratio_rate{{.window}}" } }
  - name: availability-30d
    description: Measured over 30 days.
    objective: 99.9
    sli: { raw: { error_ratio_query: "x:ratio_rate{{.window}}" } }
  - name: latency
    objective: 99
    labels: { window: monthly }
    sli: { raw: { error_ratio_query: "y:ratio_rate{{.window}}" } }
`);
    expect(result.specs.map((spec) => spec.period)).toEqual([
      { rolling: '30d' },
      { rolling: '30d' },
      { rolling: '30d' },
    ]);
    expect(listed(result.problems)).toEqual([
      'warning documents[0].slos[0]: imported with a rolling 30d period (Sloth\'s default: Sloth files carry none), but "7d" suggests another; if Sloth ran with --default-slo-period, set the same period here',
      'warning documents[0].slos[2]: imported with a rolling 30d period (Sloth\'s default: Sloth files carry none), but "monthly" suggests another; if Sloth ran with --default-slo-period, set the same period here',
    ]);
  });

  it('reports SLOs that cannot be converted, with their path, and converts the rest', () => {
    const result = importSloFile(`
version: prometheus/v1
service: api
slos:
  - objective: 99.9
    sli: { raw: { error_ratio_query: "x:ratio_rate{{.window}}" } }
  - name: no-sli
    objective: 99
  - name: two-slis
    objective: 99
    sli:
      raw: { error_ratio_query: "x:ratio_rate{{.window}}" }
      events: { error_query: "e", total_query: "t" }
  - name: missing-total
    objective: 99
    sli: { events: { error_query: "sum(rate(e[{{.window}}]))" } }
  - "not an slo"
  - name: fine
    objective: 99
    sli: { raw: { error_ratio_query: "x:ratio_rate{{.window}}" } }
`);
    expect(result.specs.map((spec) => spec.id)).toEqual(['api-fine']);
    expect(listed(result.problems)).toEqual([
      'error documents[0].slos[0].name: is required',
      'error documents[0].slos[1].sli: is required: events or raw',
      'error documents[0].slos[2].sli: must have exactly one of events, raw or plugin, found events and raw',
      'error documents[0].slos[3].sli.events.total_query: is required',
      'error documents[0].slos[4]: must be an object, got string "not an slo"',
    ]);
  });

  it('needs the service to build any id', () => {
    const result = importSloFile('version: prometheus/v1\nslos:\n  - name: a\n    objective: 99\n');
    expect(result.specs).toEqual([]);
    expect(listed(result.problems)).toEqual(['error documents[0].service: is required']);
  });
});

describe('importing Sloth Kubernetes CRDs', () => {
  it('converts a PrometheusServiceLevel with camelCase fields', () => {
    const result = importSloFile(testdata('sloth-karmada-crd.yaml'));
    expect(result.format).toBe('sloth-crd');
    expect(result.specs).toEqual([
      {
        id: 'karmada-work-execution',
        name: 'Work execution',
        service: 'karmada',
        description: 'Works are applied to member clusters without error.',
        labels: { component: 'execution-controller' },
        runbookUrl: 'https://karmada.example.org/runbooks/work-execution',
        objective: 99.5,
        period: { rolling: '30d' },
        sli: {
          events: {
            errorQuery:
              'sum(rate(create_resource_to_cluster{result="error"}[{{.window}}])) + sum(rate(update_resource_to_cluster{result="error"}[{{.window}}]))',
            totalQuery:
              'sum(rate(create_resource_to_cluster[{{.window}}])) + sum(rate(update_resource_to_cluster[{{.window}}]))',
          },
        },
      },
    ]);
    expect(listed(result.problems)).toEqual([
      'warning documents[0].spec.slos[0].alerting.pageAlert.disable: SLO Burn always evaluates both severities (page and ticket): this disabled page alert will be evaluated too',
    ]);
    expectAllValid(result);
  });

  it('converts every PrometheusServiceLevel of a kind: List', () => {
    const result = importSloFile(testdata('sloth-crd-list.yaml'));
    expect(result.format).toBe('sloth-crd');
    expect(result.specs).toEqual([
      {
        id: 'checkout-api-availability',
        name: 'Api availability',
        service: 'checkout',
        objective: 99.95,
        period: { rolling: '30d' },
        sli: {
          events: {
            errorQuery: 'sum(rate(checkout_requests_total{status="failed"}[{{.window}}]))',
            totalQuery: 'sum(rate(checkout_requests_total[{{.window}}]))',
          },
        },
      },
      {
        id: 'search-query-errors',
        name: 'Query errors',
        service: 'search',
        labels: { team: 'discovery' },
        objective: 99,
        period: { rolling: '30d' },
        sli: { raw: { errorRatioQuery: 'slo:search_error:ratio_rate{{.window}}' } },
      },
    ]);
    expect(result.problems).toEqual([]);
    expectAllValid(result);
  });

  it('reports problems inside a List under the item path', () => {
    const result = importSloFile(`
apiVersion: v1
kind: List
items:
  - apiVersion: sloth.slok.dev/v1
    kind: PrometheusServiceLevel
    spec:
      service: a
      slos:
        - name: broken
          objective: 99
          sli: { plugin: { id: x } }
  - apiVersion: v1
    kind: ConfigMap
    data: {}
  - apiVersion: sloth.slok.dev/v1
    kind: PrometheusServiceLevel
    spec:
      service: b
      slos:
        - name: fine
          objective: 99
          sli: { raw: { errorRatioQuery: "x:ratio_rate{{.window}}" } }
`);
    expect(result.specs.map((spec) => spec.id)).toEqual(['b-fine']);
    expect(result.problems.map((problem) => problem.path)).toEqual([
      'documents[0].items[0].spec.slos[0].sli.plugin',
      'documents[0].items[1]',
    ]);
  });

  it('ignores AlertWindows with a hint about the period, and rejects other Sloth kinds', () => {
    const result = importSloFile(`
apiVersion: sloth.slok.dev/v1
kind: AlertWindows
spec:
  sloPeriod: 7d
---
apiVersion: sloth.slok.dev/v1
kind: PrometheusServiceLevelList
`);
    expect(listed(result.problems)).toEqual([
      "warning documents[0]: Sloth AlertWindows for 7d are not imported: SLO Burn derives its alert windows from each SLO's period; if Sloth ran with --default-slo-period 7d, set that period on the imported SLOs",
      'error documents[1].kind: Sloth kind "PrometheusServiceLevelList" is not supported: only PrometheusServiceLevel',
    ]);
  });
});
