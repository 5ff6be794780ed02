import { readFileSync } from 'fs';
import { join } from 'path';
import type { SpecProblem } from '../validation/problems';
import { importSloFile } from './index';

function testdata(name: string): string {
  return readFileSync(join(__dirname, 'testdata', name), 'utf8');
}

function listed(problems: SpecProblem[]): string[] {
  return problems.map((problem) => `${problem.severity} ${problem.path}: ${problem.message}`);
}

const OWN_SPEC = {
  id: 'checkout-availability',
  name: 'Checkout availability',
  service: 'checkout',
  objective: 99.9,
  sli: {
    events: {
      errorQuery: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
      totalQuery: 'sum(rate(http_requests_total[{{.window}}]))',
    },
  },
};

describe('importSloFile', () => {
  it('passes our own format through unchanged, as { slos } or as a list', () => {
    const asObject = importSloFile(JSON.stringify({ slos: [OWN_SPEC] }));
    expect(asObject.format).toBe('sloburn');
    expect(asObject.specs).toEqual([OWN_SPEC]);
    expect(asObject.problems).toEqual([]);
    expect(asObject.validation.valid).toEqual([
      { ...OWN_SPEC, period: { rolling: '30d' }, budgetingMethod: 'occurrences' },
    ]);

    const asList = importSloFile(JSON.stringify([OWN_SPEC, { ...OWN_SPEC, id: 'other', extra: 1 }]));
    expect(asList.specs).toEqual([OWN_SPEC, { ...OWN_SPEC, id: 'other', extra: 1 }]);
    expect(listed(asList.validation.problems)).toEqual(['warning slos[1].extra: unknown field, ignored']);
  });

  it('reads a single spec pasted on its own', () => {
    expect(importSloFile(JSON.stringify(OWN_SPEC)).specs).toEqual([OWN_SPEC]);
  });

  it('leaves the judging of our own format to validation, whose paths refer to specs', () => {
    const result = importSloFile(`
slos:
  - ${JSON.stringify({ ...OWN_SPEC, objective: 100 })}
  - 42
settings: {}
`);
    expect(listed(result.problems)).toEqual([
      'warning documents[0].settings: unknown field, ignored',
      'error documents[0].slos[1]: must be an SLO (an object), got number 42',
    ]);
    expect(listed(result.validation.problems)).toEqual([
      'error slos[0].objective: 100 leaves no error budget, so every bad event would exhaust it: use e.g. 99.99',
    ]);
  });

  it('converts every document of a mixed file, in order, and reports the first known format', () => {
    const text = [
      testdata('unknown-api-version.yaml'),
      testdata('openslo-checkout.yaml'),
      testdata('sloth-karmada-crd.yaml'),
      JSON.stringify({ slos: [OWN_SPEC] }),
    ].join('\n---\n');
    const result = importSloFile(text);
    expect(result.format).toBe('sloth-prometheus-v1');
    expect(result.specs.map((spec) => spec.id)).toEqual([
      'myservice-requests-availability',
      'checkout-availability',
      'karmada-work-execution',
      'checkout-availability',
    ]);
    expect(result.problems.map((problem) => problem.path)).toEqual([
      'documents[0]',
      'documents[2]',
      'documents[5].spec.slos[0].alerting.pageAlert.disable',
    ]);
    // Validation sees the two "checkout-availability" specs as the duplicates they are.
    expect(listed(result.validation.problems)).toEqual([
      'error slos[3].id: duplicate id "checkout-availability": ids must be unique',
    ]);
  });

  it('reports an unknown apiVersion and still converts the Sloth document after it', () => {
    const result = importSloFile(testdata('unknown-api-version.yaml'));
    expect(result.specs.map((spec) => spec.id)).toEqual(['myservice-requests-availability']);
    expect(result.problems).toEqual([
      {
        path: 'documents[0]',
        message:
          'apiVersion "monitoring.coreos.com/v1" (kind "PrometheusRule") is not supported: expected a Sloth file (version: prometheus/v1), a Sloth PrometheusServiceLevel (apiVersion: sloth.slok.dev/v1), OpenSLO objects (apiVersion: openslo/v1) or SLO Burn specs ({ slos: [...] })',
        severity: 'error',
      },
    ]);
  });

  it('reports a YAML syntax error with its line and column, and keeps the documents before it', () => {
    // A .txt file, so that formatting the repository's YAML does not stop at it.
    const result = importSloFile(testdata('yaml-syntax-error.txt'));
    expect(result.format).toBe('sloth-prometheus-v1');
    expect(result.specs.map((spec) => spec.id)).toEqual(['myservice-requests-availability']);
    expect(listed(result.problems)).toEqual([
      'error documents[1]: YAML syntax error at line 14, column 3: Block collections are not allowed within flow collections',
      'error documents[1]: YAML syntax error at line 15, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
    expect(result.validation.valid).toHaveLength(1);
  });

  it.each([
    ['', 'error : no YAML documents: paste a Sloth, OpenSLO or SLO Burn file'],
    ['# only a comment\n---\n', 'error : no YAML documents: paste a Sloth, OpenSLO or SLO Burn file'],
    [
      'hello',
      'error documents[0]: not an SLO file: expected a Sloth file (version: prometheus/v1), a Sloth PrometheusServiceLevel (apiVersion: sloth.slok.dev/v1), OpenSLO objects (apiVersion: openslo/v1) or SLO Burn specs ({ slos: [...] }), got string "hello"',
    ],
    [
      'groups: []',
      'error documents[0]: not an SLO file: expected a Sloth file (version: prometheus/v1), a Sloth PrometheusServiceLevel (apiVersion: sloth.slok.dev/v1), OpenSLO objects (apiVersion: openslo/v1) or SLO Burn specs ({ slos: [...] })',
    ],
    [
      'version: "3.8"\nservices: {}',
      'error documents[0]: version "3.8" is not supported: Sloth files use version: prometheus/v1',
    ],
    [
      'a: [1, 2',
      'error documents[0]: YAML syntax error at line 1, column 9: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
    ['a: 1\na: 2', 'error documents[0]: YAML syntax error at line 2, column 1: Map keys must be unique'],
  ])('reports %j as unknown', (text, problem) => {
    const result = importSloFile(text);
    expect(result.format).toBe('unknown');
    expect(result.specs).toEqual([]);
    expect(listed(result.problems)).toEqual([problem]);
    expect(result.validation).toEqual({ valid: [], problems: [] });
  });

  it('refuses to expand a document of runaway aliases', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 8; level++) {
      lines.push(
        `${'b'.repeat(level)}: &${'a'.repeat(level + 1)} [${Array(10)
          .fill(`*${'a'.repeat(level)}`)
          .join(', ')}]`
      );
    }
    const result = importSloFile(lines.join('\n'));
    expect(result.specs).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0].path).toBe('documents[0]');
    expect(result.problems[0].message).toMatch(/^cannot read this document: /);
  });

  it('never throws, whatever it is given', () => {
    const inputs = [
      'null',
      '[]',
      '[null, 1, "x"]',
      'slos: 3',
      'version: prometheus/v1',
      'version: prometheus/v1\nservice: s\nslos: [null, 1, {sli: 2}, {name: n, sli: {events: 1}}, {name: m, sli: {raw: {}}}]',
      'version: prometheus/v1\nservice: s\nslos: [{name: n, alerting: 1, labels: [1], sli: {raw: {error_ratio_query: [1]}}}]',
      'version: prometheus/v1\nservice: s\nslos: [{name: n, alerting: {page_alert: 1, annotations: 2, labels: 3}}]',
      'apiVersion: sloth.slok.dev/v1\nkind: PrometheusServiceLevel\nspec: []',
      'apiVersion: sloth.slok.dev/v1\nkind: PrometheusServiceLevel\nspec: {service: [], slos: {}}',
      'apiVersion: v1\nkind: List\nitems: 3',
      'apiVersion: v1\nkind: List\nitems: [1, [2], {apiVersion: v1, kind: List, items: [null]}]',
      '&a [*a]',
      'apiVersion: openslo/v1',
      'apiVersion: openslo/v1\nkind: SLO',
      'apiVersion: openslo/v1\nkind: SLO\nmetadata: 1\nspec: {objectives: 1}',
      'apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: 1}\nspec: {objectives: [1, {target: x}], timeWindow: [1]}',
      'apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: a}\nspec: {indicator: 1, indicatorRef: 2, objectives: [{}]}',
      'apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: a}\nspec: {indicatorRef: [], objectives: [{indicator: {spec: {ratioMetric: {raw: 1, rawType: failure}}}}]}',
      'apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: a}\nspec: {indicator: {spec: {ratioMetric: {counter: 1, good: 1, total: {metricSource: {spec: 3}}}}}, objectives: [{target: 0.9}]}',
      'apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: a}\nspec: {timeWindow: [{duration: 1M, isRolling: no, calendar: 3}], budgetingMethod: 7, objectives: [{target: 0.9}]}',
      'apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: a}\nspec: {timeWindow: [{duration: 1M, calendar: {startTime: 5, timeZone: 6}}], objectives: [{target: 0.9}]}',
      'apiVersion: openslo/v1\nkind: SLI\nmetadata: {name: a}\n---\napiVersion: openslo/v1\nkind: SLO\nmetadata: {name: b}\nspec: {indicatorRef: a, objectives: [{target: 0.9}]}',
      '\t\u0000',
    ];
    for (const text of inputs) {
      expect(() => importSloFile(text)).not.toThrow();
      const result = importSloFile(text);
      expect(Array.isArray(result.specs)).toBe(true);
      expect(result.validation.valid.length).toBeLessThanOrEqual(result.specs.length);
    }
  });

  it('reports a problem shared by several SLOs once', () => {
    const sli = `
apiVersion: openslo/v1
kind: SLI
metadata: { name: shared }
spec:
  description: Shared
  ratioMetric:
    counter: true
    bad: { metricSource: { spec: { query: errors_total } } }
    total: { metricSource: { spec: { query: requests_total } } }
`;
    const sloNamed = (name: string) => `
apiVersion: openslo/v1
kind: SLO
metadata: { name: ${name} }
spec:
  service: s
  indicatorRef: shared
  budgetingMethod: Occurrences
  timeWindow: [{ duration: 30d, isRolling: true }]
  objectives: [{ target: 0.99 }]
`;
    const result = importSloFile([sloNamed('a'), sli, sloNamed('b')].join('---'));
    expect(result.specs.map((spec) => [spec.id, spec.description])).toEqual([
      ['a', 'Shared'],
      ['b', 'Shared'],
    ]);
    expect(listed(result.problems)).toEqual([
      'warning documents[1].spec.ratioMetric.bad.metricSource: has no type and names no DataSource of this input: assumed to be Prometheus',
      'warning documents[1].spec.ratioMetric.total.metricSource: has no type and names no DataSource of this input: assumed to be Prometheus',
    ]);
  });

  it('produces specs that pass validation for every good example file', () => {
    for (const name of [
      'sloth-myservice.yaml',
      'sloth-karmada-crd.yaml',
      'sloth-crd-list.yaml',
      'openslo-checkout.yaml',
      'openslo-calendar-month.yaml',
      'openslo-timeslices.yaml',
    ]) {
      const result = importSloFile(testdata(name));
      expect(result.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
      expect(result.validation.problems).toEqual([]);
      expect(result.validation.valid.map((spec) => spec.id)).toEqual(result.specs.map((spec) => spec.id));
    }
  });
});
