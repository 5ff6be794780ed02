import {
  escapeLabelValue,
  escapeRegexValue,
  extendSelector,
  labelMatcher,
  promDuration,
  withWindow,
  yieldsPerSecondRate,
} from './promql';

describe('PromQL helpers', () => {
  it('escapes label values that come from users and data', () => {
    expect(labelMatcher('group', 'projectcalico.org')).toBe('group="projectcalico.org"');
    expect(escapeLabelValue('say "hi"\\now\n')).toBe('say \\"hi\\"\\\\now\\n');
    expect(escapeLabelValue('tab\there\r\n\\"')).toBe('tab\\there\\r\\n\\\\\\"');
    expect(labelMatcher('sloth_id', 'a"} or vector(1) or {x="')).toBe('sloth_id="a\\"} or vector(1) or {x=\\""');
  });

  it('escapes regex metacharacters for =~ matchers', () => {
    expect(escapeRegexValue('0.3')).toBe('0\\\\.3');
    expect(escapeRegexValue('a+b|c')).toBe('a\\\\+b\\\\|c');
  });

  it('substitutes every {{.window}}', () => {
    expect(withWindow('sum(rate(a[{{.window}}])) / sum(rate(b[{{.window}}]))', '1h')).toBe(
      'sum(rate(a[1h])) / sum(rate(b[1h]))'
    );
  });

  it('writes durations Prometheus reads', () => {
    expect(promDuration(300)).toBe('5m');
    expect(promDuration(86400 * 30)).toBe('30d');
    expect(promDuration(299.999)).toBe('299999ms');
  });

  it('tells per-second rates from counts', () => {
    expect(yieldsPerSecondRate('sum(rate(x[5m]))')).toBe(true);
    expect(yieldsPerSecondRate('sum(irate(x[5m]))')).toBe(true);
    expect(yieldsPerSecondRate('sum(increase(x[5m]))')).toBe(false);
    expect(yieldsPerSecondRate('sum(x)')).toBe(false);
  });

  it('adds matchers to a selector', () => {
    expect(extendSelector('{job="api"}', 'le="1"')).toBe('{job="api",le="1"}');
    expect(extendSelector('{}', 'le="1"')).toBe('{le="1"}');
  });
});
