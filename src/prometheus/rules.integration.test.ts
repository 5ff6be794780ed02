import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { findPromtoolBinary } from '../../scripts/prometheus/binaries';
import { describeWithPrometheus } from '../../scripts/prometheus/testing';
import { parseSloSpecsYaml } from '../domain';
import { rulesYaml } from './rules';

const demoSpecs = parseSloSpecsYaml(
  readFileSync(path.resolve(__dirname, '..', '..', 'demo', 'slos.yaml'), 'utf8')
).valid;

describeWithPrometheus('exported rules under promtool', () => {
  it('are valid for every demo SLO, one alert per window pair', () => {
    const promtool = findPromtoolBinary();
    expect(promtool).not.toBeNull();
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sloburn-rules-')), 'rules.yaml');
    const yaml = rulesYaml(demoSpecs);
    writeFileSync(file, yaml);
    const output = execFileSync(promtool!, ['check', 'rules', file], { encoding: 'utf8' });
    const groups = parse(yaml).groups as Array<{ rules: Array<{ alert?: string; record?: string }> }>;
    const rules = groups.flatMap((group) => group.rules);
    expect(output).toContain(`SUCCESS: ${rules.length} rules found`);
    expect(rules.filter((rule) => rule.alert)).toHaveLength(demoSpecs.length * 4);
  });
});
