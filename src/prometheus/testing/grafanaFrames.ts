import { type DataFrame, DataFrameType, FieldType, type QueryResultMetaNotice } from '@grafana/data';
import { type PromApiResponse, parseSampleValue } from '../promApiAdapter';

interface PromSeries {
  metric: Record<string, string>;
  values?: Array<[number, string]>;
  value?: [number, string];
}

/**
 * Test support: the frames Grafana's Prometheus data source hands a query runner for a Prometheus
 * answer, following Grafana's converter (pkg/promlib/converter/prom.go, dataplane on): one frame per
 * series, a `Time` field in milliseconds and a `Value` field carrying the series labels (with
 * `__name__`), meta type `timeseries-multi` (matrix) or `numeric-multi` (vector and scalar) and
 * `custom.resultType`; a string result as a string `Value`; Prometheus's `warnings` and `infos` as
 * `notices` on every frame (on a lone "Warnings" frame when there is no data). NaN arrives decoded as NaN.
 */
export function grafanaFramesFor(
  refId: string,
  response: PromApiResponse,
  stepSeconds?: number,
  expr?: string
): DataFrame[] {
  if (response.status !== 'success') {
    return [];
  }
  const frames = response.data ? dataFrames(refId, response.data, stepSeconds, expr) : [];
  const notices: QueryResultMetaNotice[] = [
    ...(response.warnings ?? []).map((text) => ({ severity: 'warning' as const, text })),
    ...(response.infos ?? []).map((text) => ({ severity: 'info' as const, text })),
  ];
  if (notices.length === 0) {
    return frames;
  }
  const withNotices = frames.length > 0 ? frames : [{ refId, name: 'Warnings', length: 0, fields: [] }];
  return withNotices.map((frame) => ({ ...frame, meta: { ...frame.meta, notices } }));
}

function dataFrames(
  refId: string,
  data: NonNullable<PromApiResponse['data']>,
  stepSeconds: number | undefined,
  expr: string | undefined
): DataFrame[] {
  const { resultType } = data;
  const executedQueryString = expr ? `Expr: ${expr}\nStep: ${stepSeconds ?? 0}s` : undefined;
  const timeField = (times: number[]) => ({
    name: 'Time',
    type: FieldType.time,
    values: times.map((time) => Math.round(time * 1000)),
    config: stepSeconds ? { interval: stepSeconds * 1000 } : {},
  });
  if (resultType === 'scalar' || resultType === 'string') {
    const [time, value] = data.result as [number, string];
    return [
      {
        refId,
        name: undefined,
        length: 1,
        meta: {
          type: resultType === 'scalar' ? DataFrameType.NumericMulti : DataFrameType.TimeSeriesMulti,
          ...(resultType === 'scalar' ? { typeVersion: [0, 1] as [number, number] } : {}),
          custom: { resultType },
          executedQueryString,
        },
        fields: [
          timeField([time]),
          resultType === 'scalar'
            ? { name: 'Value', type: FieldType.number, values: [parseSampleValue(value)], labels: {}, config: {} }
            : { name: 'Value', type: FieldType.string, values: [value], labels: {}, config: {} },
        ],
      },
    ];
  }
  return (data.result as PromSeries[]).map((one) => {
    const samples = one.values ?? (one.value ? [one.value] : []);
    return {
      refId,
      name: undefined,
      length: samples.length,
      meta: {
        type: resultType === 'vector' ? DataFrameType.NumericMulti : DataFrameType.TimeSeriesMulti,
        typeVersion: [0, 1],
        custom: { resultType },
        executedQueryString,
      },
      fields: [
        timeField(samples.map(([time]) => time)),
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
