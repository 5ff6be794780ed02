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

  describe('an answer of a type the query did not ask for is an error naming it, on both paths', () => {
    const answers: Record<string, PromApiResponse> = {
      scalar: { status: 'success', data: { resultType: 'scalar', result: [1793250300, '1'] } },
      string: { status: 'success', data: { resultType: 'string', result: [1793250300, 'one'] } },
      matrix: responses.range,
      vector: responses.instant,
    };
    it.each<[string, 'vector' | 'matrix']>([
      ['scalar', 'vector'],
      ['string', 'vector'],
      ['matrix', 'vector'],
      ['vector', 'matrix'],
      ['scalar', 'matrix'],
    ])('a %s where a %s was asked', (answered, expected) => {
      const message = `Prometheus answered a ${answered} result, expected a ${expected} from ${
        expected === 'vector' ? 'an instant query' : 'a range query'
      }: it is not evaluated`;
      const fromApi = resultFromPromApi('A', answers[answered], expected);
      const [fromFrames] = resultsFromDataFrames(grafanaFramesFor('A', answers[answered], 300), ['A'], [], {
        A: expected,
      });
      expect(fromApi).toEqual({ refId: 'A', series: [], error: message });
      expect(fromFrames).toEqual(fromApi);
    });

    it('reads the type that was asked for as before', () => {
      expect(resultFromPromApi('A', responses.range, 'matrix').series).toHaveLength(1);
      const [fromFrames] = resultsFromDataFrames(grafanaFramesFor('A', responses.instant), ['A'], [], { A: 'vector' });
      expect(fromFrames).toEqual(resultFromPromApi('A', responses.instant, 'vector'));
    });

    it('reads frames that state no result type (stats took the custom meta) as they are', () => {
      const frames = grafanaFramesFor('A', responses.range, 300).map((frame) => ({
        ...frame,
        meta: { ...frame.meta, custom: { stats: {} } },
      }));
      expect(resultsFromDataFrames(frames, ['A'], [], { A: 'vector' })[0].series).toHaveLength(1);
    });
  });

  it('says when a success answer has no data', () => {
    expect(resultFromPromApi('A', { status: 'success' })).toEqual({
      refId: 'A',
      series: [],
      error: 'Prometheus answered "success" without data',
    });
  });

  it("keeps Prometheus's warnings and infos (frames: meta.notices), without repeats, on both paths", () => {
    const warned: PromApiResponse = {
      ...responses.range,
      warnings: ['PromQL warning: encountered a mix of histograms and floats'],
      infos: [
        'PromQL info: metric might not be a counter: "x"',
        'PromQL warning: encountered a mix of histograms and floats',
      ],
    };
    const fromApi = resultFromPromApi('A', warned, 'matrix');
    expect(fromApi.warnings).toEqual([
      'PromQL warning: encountered a mix of histograms and floats',
      'PromQL info: metric might not be a counter: "x"',
    ]);
    const [fromFrames] = resultsFromDataFrames(grafanaFramesFor('A', warned, 300), ['A'], [], { A: 'matrix' });
    expect(fromFrames).toEqual(fromApi);
  });

  it('reads the warnings of an answer without series from Grafana\'s lone "Warnings" frame', () => {
    const empty: PromApiResponse = {
      status: 'success',
      data: { resultType: 'vector', result: [] },
      warnings: ['PromQL info: metric might not be a counter: "x"'],
    };
    const frames = grafanaFramesFor('A', empty);
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatchObject({ name: 'Warnings', fields: [], meta: { notices: [{ severity: 'warning' }] } });
    expect(resultsFromDataFrames(frames, ['A'], [], { A: 'vector' })).toEqual([
      { refId: 'A', series: [], warnings: ['PromQL info: metric might not be a counter: "x"'] },
    ]);
  });
});
