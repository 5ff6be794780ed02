import { resultsFromDataFrames } from './dataFrameAdapter';
import checkoutBad from '../../tests/fixtures/prometheus/checkout-bad.json';
import checkoutQuiet from '../../tests/fixtures/prometheus/checkout-quiet-ratio.json';
import breakdownBad from '../../tests/fixtures/prometheus/apiserver-breakdown-bad.json';
import badPromql from '../../tests/fixtures/prometheus/bad-promql.json';
import { type PromApiResponse, parseSampleValue, resultFromPromApi } from './promApiAdapter';
import { grafanaFramesFor } from './testing/grafanaFrames';

const responses = {
  range: checkoutBad as PromApiResponse,
  withNaN: checkoutQuiet as PromApiResponse,
  instant: breakdownBad as PromApiResponse,
  error: badPromql as PromApiResponse,
};

describe('the two adapters produce one internal form from real demo-Prometheus answers', () => {
  it.each(Object.entries(responses).filter(([name]) => name !== 'error'))('agree on the %s response', (_, response) => {
    const fromApi = resultFromPromApi('A', response);
    const [fromFrames] = resultsFromDataFrames(grafanaFramesFor('A', response, 300), ['A']);
    expect(fromFrames).toEqual(fromApi);
  });

  it('reads a range answer as seconds and numbers', () => {
    const result = resultFromPromApi('bad', responses.range);
    expect(result.series).toHaveLength(1);
    expect(result.series[0].labels).toEqual({});
    expect(result.series[0].times[0]).toBe(1793250300);
    expect(result.series[0].values[0]).toBeCloseTo(0.14, 12);
    expect(result.series[0].times).toHaveLength(12);
  });

  it('keeps NaN (0/0 in a quiet hour) as NaN for the engine to treat as no traffic', () => {
    const values = resultFromPromApi('ratio', responses.withNaN).series[0].values;
    expect(values.filter(Number.isNaN).length).toBe(12);
  });

  it('drops __name__ but keeps every other label, including a missing one as absent', () => {
    const series = resultFromPromApi('breakdown', responses.instant).series;
    expect(series.map((one) => one.labels)).toContainEqual({ group: 'projectcalico.org', verb: 'LIST' });
    expect(series.map((one) => one.labels)).toContainEqual({ verb: 'GET' });
  });

  it('turns a Prometheus error into an error result', () => {
    expect(resultFromPromApi('bad', responses.error)).toEqual({
      refId: 'bad',
      series: [],
      error: 'bad_data: invalid parameter "query": 1:34: parse error: unclosed left parenthesis',
    });
  });

  it('turns a data source error into an error result for its refId', () => {
    const [ok, failed] = resultsFromDataFrames(
      grafanaFramesFor('A', responses.range),
      ['A', 'B'],
      [{ refId: 'B', message: 'bad_data: parse error' }]
    );
    expect(ok.error).toBeUndefined();
    expect(failed).toEqual({ refId: 'B', series: [], error: 'bad_data: parse error' });
  });

  it('parses the special sample values', () => {
    expect(parseSampleValue('+Inf')).toBe(Number.POSITIVE_INFINITY);
    expect(parseSampleValue('-Inf')).toBe(Number.NEGATIVE_INFINITY);
    expect(parseSampleValue('NaN')).toBeNaN();
    expect(parseSampleValue('1e-3')).toBe(0.001);
  });
});
