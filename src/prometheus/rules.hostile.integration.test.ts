import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { findPromtoolBinary } from '../../scripts/prometheus/binaries';
import { describeWithPrometheus } from '../../scripts/prometheus/testing';
import { type SloSpec, alertingPeriodSeconds, formatDuration, parseSloSpecsYaml, resolveAlertWindows } from '../domain';
import { alertAnnotations, alertName, rulesYaml, sloRuleGroups } from './rules';
import { hostileSpecDocuments } from './testing/hostileSpecs';

const ERROR_METRIC = 'sloburn_hostile_errors_total';
const TOTAL_METRIC = 'sloburn_hostile_requests_total';
const SPEC_COUNT = 48;

/** What each alert of an SLO carries once fired: the spec's text exactly as written, nothing expanded. */
function expectedAlerts(spec: SloSpec) {
  return resolveAlertWindows(spec, alertingPeriodSeconds(spec.period)).map((window) => {
    const long = formatDuration(window.longSeconds);
    return {
      exp_labels: {
        severity: window.severity,
        long,
        short: formatDuration(window.shortSeconds),
        sloth_id: spec.id,
        sloth_service: spec.service,
        sloth_slo: spec.id,
        // From the long window's recording, which the alert expression returns.
        sloth_window: long,
      },
      exp_annotations: alertAnnotations(spec, window),
    };
  });
}

/** A promtool unit test: half of all requests fail, so every window pair of every SLO fires. */
function promtoolTests(rulesFile: string, specs: readonly SloSpec[]): string {
  return stringify(
    {
      rule_files: [rulesFile],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: [
            { series: ERROR_METRIC, values: '0+30x15' },
            { series: TOTAL_METRIC, values: '0+60x15' },
          ],
          alert_rule_test: specs.map((spec) => ({
            eval_time: '10m',
            alertname: alertName(spec),
            exp_alerts: expectedAlerts(spec),
          })),
        },
      ],
    },
    { lineWidth: 0 }
  );
}

function runPromtool(promtool: string, args: string[]) {
  const result = spawnSync(promtool, args, { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describeWithPrometheus('exported rules for specs full of template syntax, quotes and unicode', () => {
  const documents = hostileSpecDocuments(20261030, SPEC_COUNT, ERROR_METRIC, TOTAL_METRIC);
  const { valid: specs, problems } = parseSloSpecsYaml(stringify({ slos: documents }));

  it('generates valid specs that hold every kind of hostile text', () => {
    expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(specs.map((spec) => [spec.name, spec.service, spec.runbookUrl])).toEqual(
      documents.map((document) => [document.name, document.service, document.runbookUrl])
    );
    const text = specs.flatMap((spec) => [spec.name, spec.service, spec.runbookUrl]).join('\u0000');
    for (const needle of [
      '{{',
      '}}',
      '{{ 1337 }}',
      '{{ .Value }}',
      '{{{',
      '{{-',
      '"}}"',
      '"',
      '\\',
      '\n',
      '$labels',
      '日本語',
      '🔥',
    ]) {
      expect(text).toContain(needle);
    }
  });

  it('pass promtool check rules and fire with labels and annotations equal to the literal text', () => {
    const promtool = findPromtoolBinary();
    expect(promtool).not.toBeNull();
    const directory = mkdtempSync(path.join(tmpdir(), 'sloburn-hostile-rules-'));
    const rulesFile = path.join(directory, 'rules.yaml');
    const testsFile = path.join(directory, 'tests.yaml');
    writeFileSync(rulesFile, rulesYaml(specs));
    writeFileSync(testsFile, promtoolTests(rulesFile, specs));
    for (const spec of specs) {
      const [first] = expectedAlerts(spec);
      expect(first.exp_annotations.summary.startsWith(`${spec.name}: `)).toBe(true);
      expect(first.exp_annotations.description).toContain(`The ${spec.service} SLO ${spec.id} `);
      expect(first.exp_annotations.runbook_url).toBe(spec.runbookUrl);
    }

    const check = runPromtool(promtool!, ['check', 'rules', rulesFile]);
    expect(check.output).toContain(
      `SUCCESS: ${specs.flatMap(sloRuleGroups).flatMap((group) => group.rules).length} rules found`
    );
    expect(check.status).toBe(0);

    const test = runPromtool(promtool!, ['test', 'rules', testsFile]);
    expect(test.output).toContain('SUCCESS');
    expect(test.status).toBe(0);
  });
});
