/**
 * SLO Burn's exported rules for the fleet, as a Prometheus running them would hold them at one instant:
 * each recording the rules path reads (`slo:sli_error:ratio_rate<window>` and `sloth_slo_info`) is
 * evaluated once at that instant, by Prometheus, as an instant query of the rule's expression, its result
 * named after the record and given the rule's labels — what a rule evaluation does — then written as
 * OpenMetrics and backfilled with promtool into one block.
 *
 * Why not `promtool tsdb create-blocks-from rules` as scripts/demo/sloth-rules.ts does: it writes one block
 * per rule and 2 hours, 9,000 blocks for 1,000 SLOs' rules, which Prometheus must then open and merge;
 * for one instant the rule's instant query is the same evaluation.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import type { SloSpec } from '../../../src/domain';
import type { PrometheusHttpClient } from '../../../src/prometheus/httpClient';
import { queryableSamples, resultFromPromApi } from '../../../src/prometheus/promApiAdapter';
import { escapeLabelValue } from '../../../src/prometheus/promql';
import { rulesYaml } from '../../../src/prometheus/rules';
import type { RecordingRuleFile } from '../../demo/sloth-rules';
import { runLimited } from '../../prometheus/concurrency';
import { runCommand } from '../../prometheus/process-output';

/** The records the rules path reads. */
export function isReadRecord(record: string): boolean {
  return record.startsWith('slo:sli_error:ratio_rate') || record === 'sloth_slo_info';
}

export interface RecordedSeries {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface RulesEvaluation {
  rules: number;
  series: RecordedSeries[];
  /** totalQueryableSamples of all the rules' expressions: what Prometheus reads per evaluation of them. */
  samples: number;
  wallMs: number;
}

/** Evaluates the read records of the specs' exported rules at `time`, `concurrency` rules at once. */
export async function evaluateRules(
  client: PrometheusHttpClient,
  specs: readonly SloSpec[],
  time: number,
  concurrency: number
): Promise<RulesEvaluation> {
  const rules = (parse(rulesYaml(specs)) as RecordingRuleFile).groups
    .flatMap((group) => group.rules)
    .filter((rule): rule is { record: string; expr: string; labels?: Record<string, string> } =>
      Boolean(rule.record && isReadRecord(rule.record))
    );
  const started = performance.now();
  const evaluated = await runLimited(
    rules.map((rule) => async () => {
      const { response } = await client.instant(rule.expr, time);
      const result = resultFromPromApi(rule.record, response);
      if (result.error) {
        throw new Error(`${rule.record} ${JSON.stringify(rule.labels)}: ${result.error}`);
      }
      const series = result.series.map((one) => ({
        name: rule.record,
        // As a rule evaluation: the result's labels, overridden by the rule's.
        labels: { ...one.labels, ...(rule.labels ?? {}) },
        value: one.values[one.values.length - 1],
      }));
      return { series, samples: queryableSamples(response) ?? 0 };
    }),
    concurrency
  );
  return {
    rules: rules.length,
    series: evaluated.flatMap((one) => one.series),
    samples: evaluated.reduce((sum, one) => sum + one.samples, 0),
    wallMs: performance.now() - started,
  };
}

/** OpenMetrics of the series at `time`, each name's series together. */
export function recordedOpenMetrics(series: readonly RecordedSeries[], time: number): string {
  const byName = new Map<string, RecordedSeries[]>();
  for (const one of series) {
    byName.set(one.name, [...(byName.get(one.name) ?? []), one]);
  }
  const lines: string[] = [];
  for (const [name, members] of byName) {
    lines.push(`# TYPE ${name} gauge`);
    for (const { labels, value } of members) {
      const text = Object.entries(labels)
        .map(([label, labelValue]) => `${label}="${escapeLabelValue(labelValue)}"`)
        .join(',');
      lines.push(`${name}{${text}} ${goFloat(value)} ${time}`);
    }
  }
  return `${lines.join('\n')}\n# EOF\n`;
}

/** A float as Go's ParseFloat reads it: NaN, +Inf, -Inf, or JavaScript's shortest digits. */
function goFloat(value: number): string {
  if (Number.isNaN(value)) {
    return 'NaN';
  }
  if (!Number.isFinite(value)) {
    return value > 0 ? '+Inf' : '-Inf';
  }
  return String(value);
}

/** Writes the evaluation as one TSDB block in `dir` (created); returns the block directory's parent. */
export async function backfillRecorded(
  promtool: string,
  evaluation: RulesEvaluation,
  time: number,
  dir: string
): Promise<{ seconds: number }> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'recorded.om');
  await writeFile(file, recordedOpenMetrics(evaluation.series, time));
  const blocks = path.join(dir, 'blocks');
  const started = performance.now();
  await runCommand(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', file, blocks]);
  return { seconds: (performance.now() - started) / 1000 };
}
