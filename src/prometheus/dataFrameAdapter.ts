import { type DataFrame, type DataQueryError, FieldType } from '@grafana/data';
import type { QueryResult, SampleSeries } from './series';

/**
 * Reads what a Grafana Prometheus data source returns to a query runner: one frame per series
 * (time field plus a number field carrying the labels), or wide frames with several number fields.
 * Times are milliseconds; NaN and ±Inf arrive already decoded, missing points as null.
 */
export function resultsFromDataFrames(
  frames: readonly DataFrame[],
  refIds: readonly string[],
  errors: readonly DataQueryError[] = []
): QueryResult[] {
  return refIds.map((refId) => {
    const error =
      errors.find((candidate) => candidate.refId === refId) ?? (refIds.length === 1 ? errors[0] : undefined);
    if (error) {
      return { refId, series: [], error: error.message ?? error.data?.message ?? 'query failed' };
    }
    return { refId, series: frames.filter((frame) => frame.refId === refId).flatMap(seriesOfFrame) };
  });
}

function seriesOfFrame(frame: DataFrame): SampleSeries[] {
  const timeField = frame.fields.find((field) => field.type === FieldType.time);
  if (!timeField) {
    return [];
  }
  const times = Array.from(timeField.values as ArrayLike<number>, (millis) => millis / 1000);
  return frame.fields
    .filter((field) => field.type === FieldType.number)
    .map((field) => {
      const { __name__: _name, ...labels } = field.labels ?? {};
      const keptTimes: number[] = [];
      const values: number[] = [];
      const raw = field.values as ArrayLike<number | null | undefined>;
      for (let i = 0; i < times.length; i++) {
        const value = raw[i];
        if (value !== null && value !== undefined) {
          keptTimes.push(times[i]);
          values.push(value);
        }
      }
      return { labels, times: keptTimes, values };
    });
}
