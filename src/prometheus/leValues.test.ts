import type { SloSpec } from '../domain';
import { leSpellings, prometheus3LeValue } from './leValues';
import { planQueries } from './plan';
import { readSlo } from './readSlo';
import type { QueryResult } from './series';
import { leMatcher, sliErrorRatioExpr } from './sliQueries';

describe('prometheus3LeValue', () => {
  it('writes bounds as Prometheus 3 stores them: Go floats with .0 on whole numbers', () => {
    expect([1, 5, 30, 0, 0.3, 2.5, 100000, 1e6, 1.5e7, 0.0001, 0.00001, Infinity].map(prometheus3LeValue)).toEqual([
      '1.0',
      '5.0',
      '30.0',
      '0.0',
      '0.3',
      '2.5',
      '100000.0',
      '1e+06',
      '1.5e+07',
      '0.0001',
      '1e-05',
      '+Inf',
    ]);
  });
});

describe('leSpellings', () => {
  it('covers the threshold as written, as clients expose it and as Prometheus 3 normalises it', () => {
    expect(leSpellings('1')).toEqual(['1', '1.0']);
    expect(leSpellings('1.0')).toEqual(['1.0', '1']);
    expect(leSpellings('0.3')).toEqual(['0.3']);
    expect(leSpellings('1000000')).toEqual(['1000000', '1e+06']);
    expect(leSpellings('not a number')).toEqual(['not a number']);
  });
});

/** What a PromQL `le` matcher selects: RE2 regexes match the whole value. */
function selects(matcher: string, value: string): boolean {
  const [, operator, quoted] = /^le(=~|=)"(.*)"$/.exec(matcher)!;
  const literal = quoted.replace(/\\\\/g, '\\');
  return operator === '=' ? literal === value : new RegExp(`^(?:${literal})$`).test(value);
}

describe('a latency SLI with a whole-number threshold', () => {
  const latency: SloSpec = {
    id: 'api-latency',
    name: 'API latency',
    service: 'api',
    objective: 99,
    period: { rolling: '30d' },
    budgetingMethod: 'occurrences',
    sli: { latency: { bucketMetric: 'request_duration_seconds_bucket', threshold: '1', selector: '{job="api"}' } },
  };

  it('selects the bucket whichever way it is stored, and no other', () => {
    const matcher = leMatcher('1');
    expect(['1', '1.0'].map((value) => selects(matcher, value))).toEqual([true, true]);
    expect(['10', '1.5', '0.1', '11.0', '+Inf'].some((value) => selects(matcher, value))).toBe(false);
    expect(sliErrorRatioExpr(latency.sli, '1h')).toBe(
      '1 - (sum(rate(request_duration_seconds_bucket{job="api",le=~"1|1\\\\.0"}[1h])) / sum(rate(request_duration_seconds_bucket{job="api",le="+Inf"}[1h])))'
    );
  });

  it('evaluates the same over data with le="1.0" (Prometheus 3) as with le="1" (Prometheus 2)', () => {
    const at = 1793491200;
    const plan = planQueries(latency, { from: at - 3600, to: at, view: 'overview' });
    const [bucketQuery] = plan.queries;
    const [, bounds] = /le=~"([^"]*)"/.exec(bucketQuery.expr)!;
    const times = Array.from({ length: 12 }, (_, i) => at - 3300 + i * 300);
    const answer = (le: string): QueryResult[] => {
      expect(selects(`le=~"${bounds}"`, le)).toBe(true);
      return [
        {
          refId: bucketQuery.refId,
          series: [
            { labels: { le }, times, values: times.map((_, i) => 9 + (i % 3)) },
            { labels: { le: '+Inf' }, times, values: times.map(() => 10) },
          ],
        },
      ];
    };
    const stored2 = readSlo(latency, plan, answer('1'));
    const stored3 = readSlo(latency, plan, answer('1.0'));
    expect(stored3.kind).toBe('evaluated');
    expect(stored3).toEqual(stored2);
    expect(stored3.kind === 'evaluated' && stored3.groups[0].evaluation.windows[2].errorRatio).toBeCloseTo(1 / 30, 12);
  });
});
