import { type DataFrame, DataFrameType, FieldType } from '@grafana/data';
import { type PromApiResponse, parseSampleValue } from '../promApiAdapter';

interface PromSeries {
  metric: Record<string, string>;
  values?: Array<[number, string]>;
  value?: [number, string];
}

/**
 * Test support: the frames Grafana's Prometheus data source hands a query runner for a Prometheus
 * answer, following Grafana's converter (pkg/promlib/converter): one frame per series, a `Time`
 * field in milliseconds and a `Value` field carrying the series labels (with `__name__`), meta type
 * `timeseries-multi` (range) or `numeric-multi` (instant, dataplane). NaN arrives decoded as NaN.
 */
export function grafanaFramesFor(
  refId: string,
  response: PromApiResponse,
  stepSeconds?: number,
  expr?: string
): DataFrame[] {
  if (response.status !== 'success' || !response.data) {
    return [];
  }
  const resultType = response.data.resultType;
  const series = response.data.result as PromSeries[];
  return series.map((one) => {
    const samples = one.values ?? (one.value ? [one.value] : []);
    return {
      refId,
      name: undefined,
      length: samples.length,
      meta: {
        type: resultType === 'vector' ? DataFrameType.NumericMulti : DataFrameType.TimeSeriesMulti,
        typeVersion: [0, 1],
        custom: { resultType },
        executedQueryString: expr ? `Expr: ${expr}\nStep: ${stepSeconds ?? 0}s` : undefined,
      },
      fields: [
        {
          name: 'Time',
          type: FieldType.time,
          values: samples.map(([time]) => Math.round(time * 1000)),
          config: stepSeconds ? { interval: stepSeconds * 1000 } : {},
        },
        {
          name: 'Value',
          type: FieldType.number,
          values: samples.map(([, value]) => parseSampleValue(value)),
          labels: { ...one.metric },
          config: {},
        },
      ],
    };
  });
}
