import { parse } from 'yaml';
import { rulesYaml } from '../../src/prometheus/rules';
import {
  type RecordingRuleFile,
  demoSpecs,
  hasOverlaps,
  jobPasses,
  jobSegments,
  recordLevels,
  recordNames,
  recordedWindows,
  rulesSubset,
  slothBackfillJobs,
  slothEvaluationTimes,
  utcMonthStart,
} from './sloth-rules';
import { DEMO_END_DEFAULT, demoTimeline } from './timeline';

const rules = parse(rulesYaml(demoSpecs())) as RecordingRuleFile;
const timeline = demoTimeline(DEMO_END_DEFAULT);

describe('recordLevels', () => {
  it('puts the ratios and constants first, then the burn rates, then the remaining budget', () => {
    const levels = recordLevels(rules);
    expect(levels.get('slo:sli_error:ratio_rate5m')).toBe(0);
    expect(levels.get('slo:error_budget:ratio')).toBe(0);
    expect(levels.get('sloth_slo_info')).toBe(0);
    expect(levels.get('slo:current_burn_rate:ratio')).toBe(1);
    expect(levels.get('slo:period_burn_rate:ratio')).toBe(1);
    expect(levels.get('slo:period_error_budget_remaining:ratio')).toBe(2);
  });

  it('ignores names inside label values and rejects cycles', () => {
    const file: RecordingRuleFile = {
      groups: [
        {
          name: 'g',
          rules: [
            { record: 'a', expr: 'x{name="b"}' },
            { record: 'b', expr: 'a + 1' },
          ],
        },
      ],
    };
    expect([...recordLevels(file)]).toEqual([
      ['a', 0],
      ['b', 1],
    ]);
    const cycle: RecordingRuleFile = {
      groups: [
        {
          name: 'g',
          rules: [
            { record: 'a', expr: 'b' },
            { record: 'b', expr: 'a' },
          ],
        },
      ],
    };
    expect(() => recordLevels(cycle)).toThrow(/cycle/);
  });
});

describe('slothBackfillJobs', () => {
  const jobs = slothBackfillJobs(timeline, rules);
  const { calicoOutage, dataEnd } = slothEvaluationTimes(timeline);

  it('backfills every recording rule somewhere, inside the demo data', () => {
    expect(new Set(jobs.flatMap((job) => job.records))).toEqual(new Set(recordNames(rules)));
    for (const job of jobs) {
      expect(job.start).toBeGreaterThanOrEqual(timeline.start);
      expect(job.end).toBeLessThanOrEqual(timeline.end);
      expect(job.intervalSeconds).toBe(60);
    }
  });

  it('covers what a discovered SLO reads: the 5m ratio from a period and a day before the calico evaluation', () => {
    const fiveMinutes = jobs.find((job) => job.records.includes('slo:sli_error:ratio_rate5m'))!;
    expect(fiveMinutes.start).toBeLessThanOrEqual(calicoOutage - 31 * 86400);
    expect(fiveMinutes.end).toBe(dataEnd);
  });

  it('evaluates the period ratio only just before the evaluation times', () => {
    const period = jobs.filter((job) => job.records.includes('slo:sli_error:ratio_rate30d'));
    expect(period.map((job) => [job.start, job.end])).toEqual([
      [calicoOutage - 1800, calicoOutage],
      [dataEnd - 1800, dataEnd],
    ]);
  });

  it('can be run in passes: no job mixes dependency depths', () => {
    const passes = jobPasses(jobs, recordLevels(rules));
    expect(passes.map((pass) => pass.length)).toEqual([7, 3, 2]);
    expect(recordedWindows(rules)).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d']);
  });
});

describe('helpers', () => {
  it('keeps only the named records of a rule file, in their groups', () => {
    const subset = rulesSubset(rules, ['slo:sli_error:ratio_rate5m']);
    expect(subset.groups.map((group) => group.name)).toEqual([
      'sloth-slo-sli-recordings-apiserver-read-availability',
      'sloth-slo-sli-recordings-checkout-availability',
    ]);
    expect(recordNames(subset)).toEqual(['slo:sli_error:ratio_rate5m', 'slo:sli_error:ratio_rate5m']);
  });

  it('splits a job into consecutive segments', () => {
    const job = { name: 'j', records: [], start: 0, end: 5 * 86400, intervalSeconds: 60 };
    expect(jobSegments(job, 2 * 86400)).toEqual([
      { start: 0, end: 2 * 86400 },
      { start: 2 * 86400, end: 4 * 86400 },
      { start: 4 * 86400, end: 5 * 86400 },
    ]);
  });

  it('tells overlapping blocks apart from adjacent ones (maxTime is exclusive)', () => {
    expect(
      hasOverlaps([
        { minTime: 0, maxTime: 10 },
        { minTime: 10, maxTime: 20 },
      ])
    ).toBe(false);
    expect(
      hasOverlaps([
        { minTime: 10, maxTime: 20 },
        { minTime: 0, maxTime: 11 },
      ])
    ).toBe(true);
  });

  it('finds the first of the month in UTC', () => {
    expect(utcMonthStart(Date.UTC(2026, 9, 30, 12) / 1000)).toBe(Date.UTC(2026, 9, 1) / 1000);
  });
});
