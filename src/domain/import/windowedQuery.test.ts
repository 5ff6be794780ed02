import { isSeriesSelector, windowedQuery } from './windowedQuery';

describe('windowedQuery', () => {
  it.each([
    ['http_requests_total', 'sum(rate(http_requests_total[{{.window}}]))'],
    ['http_requests_total{code=~"5.."}', 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))'],
    ['  http_requests_total{job="api"}\n', 'sum(rate(http_requests_total{job="api"}[{{.window}}]))'],
    ['{__name__="http_requests_total"}', 'sum(rate({__name__="http_requests_total"}[{{.window}}]))'],
    ['http_requests_total{path="/a}b"}', 'sum(rate(http_requests_total{path="/a}b"}[{{.window}}]))'],
  ])('wraps the counter selector %j in a rate over the window', (query, expected) => {
    expect(windowedQuery(query, 'counter')).toEqual({ query: expected });
  });

  it.each([
    ['sum(rate(x[5m]))', 'sum(rate(x[{{.window}}]))'],
    [
      'sum(increase(x{a="b"}[1h30m])) / sum(increase(y[1h30m]))',
      'sum(increase(x{a="b"}[{{.window}}])) / sum(increase(y[{{.window}}]))',
    ],
    ['sum(rate(x[ 5m ]))', 'sum(rate(x[{{.window}}]))'],
    ['max_over_time(rate(x[5m])[1h:1m])', 'max_over_time(rate(x[{{.window}}])[{{.window}}:1m])'],
    ['sum(rate(x{path=~"/v[0-9]+/[5m]"}[5m]))', 'sum(rate(x{path=~"/v[0-9]+/[5m]"}[{{.window}}]))'],
    ['sum(rate(x{path=~"a\\"[5m]"}[2h]))', 'sum(rate(x{path=~"a\\"[5m]"}[{{.window}}]))'],
  ])('replaces the range durations of %j, not those inside strings', (query, expected) => {
    expect(windowedQuery(query, 'counter')).toEqual({ query: expected });
    expect(windowedQuery(query, 'gauge')).toEqual({ query: expected });
    expect(windowedQuery(query, 'ratio')).toEqual({ query: expected });
  });

  it('keeps a query that already uses {{.window}}', () => {
    const query = 'sum(rate(x[{{.window}}])) / sum(rate(y[5m]))';
    expect(windowedQuery(query, 'gauge')).toEqual({ query });
  });

  it('refuses a counter query that aggregates without a range', () => {
    expect(windowedQuery('sum(http_requests{code="200"})', 'counter')).toEqual({
      error:
        'cannot derive a query over {{.window}} from "sum(http_requests{code="200"})": it has no range selector such as [5m] and is not a plain series selector such as metric{label="value"}; write it with a range, e.g. sum(rate(metric[5m]))',
    });
  });

  it('refuses to rate a gauge', () => {
    expect(windowedQuery('queue_depth{queue="jobs"}', 'gauge')).toEqual({
      error:
        'cannot derive a query over {{.window}} from "queue_depth{queue="jobs"}": it has no range selector such as [5m], and a gauge (counter: false) cannot be rated; write it with a range, e.g. sum(sum_over_time(metric[5m])), or set counter: true if the metric is a counter',
    });
  });

  it('refuses a ratio without a range', () => {
    expect(windowedQuery('slo:error_ratio', 'ratio')).toEqual({
      error:
        'cannot derive a query over {{.window}} from "slo:error_ratio": it has no range selector such as [5m]; write the ratio with one, e.g. sum(rate(errors[5m])) / sum(rate(requests[5m]))',
    });
  });
});

describe('isSeriesSelector', () => {
  it.each(['up', 'a:b_c{x="1"}', 'm { x = "1" , y=~"a|b" }', '{job="api"}', 'm{x="}"}'])('accepts %j', (query) => {
    expect(isSeriesSelector(query)).toBe(true);
  });

  it.each(['', '{}', 'sum(x)', 'x{a="1"} or y{b="2"}', 'x{a="1"', 'x[5m]', '1', 'x{a="1"} + 1', 'x{a="{"}}'])(
    'rejects %j',
    (query) => {
      expect(isSeriesSelector(query)).toBe(false);
    }
  );
});
