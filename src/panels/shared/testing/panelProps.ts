import {
  type DataFrame,
  type DataQueryError,
  EventBusSrv,
  LoadingState,
  type PanelData,
  type PanelProps,
  type TimeRange,
  dateTime,
} from '@grafana/data';
import type { PromApiResponse } from '../../../prometheus/promApiAdapter';
import { grafanaFramesFor } from '../../../prometheus/testing/grafanaFrames';

/** Test support: a time range in Unix seconds. */
export function timeRangeOf(from: number, to: number): TimeRange {
  const range = { from: dateTime(from * 1000), to: dateTime(to * 1000) };
  return { ...range, raw: { ...range } };
}

/** A Prometheus range answer with one series, a point every `step` from `from` (exclusive) to `to`. */
export function matrixAnswer(
  from: number,
  to: number,
  step: number,
  valueAt: (time: number) => number,
  metric: Record<string, string> = {}
): PromApiResponse {
  const values: Array<[number, string]> = [];
  for (let time = from + step; time <= to; time += step) {
    values.push([time, String(valueAt(time))]);
  }
  return { status: 'success', data: { resultType: 'matrix', result: [{ metric, values }] } };
}

/** Frames exactly as Grafana's Prometheus data source hands them to a panel. */
export function promFrames(refId: string, answer: PromApiResponse, step: number): DataFrame[] {
  return grafanaFramesFor(refId, answer, step);
}

export function panelData(
  series: DataFrame[],
  range: TimeRange,
  extra: { errors?: DataQueryError[]; state?: LoadingState } = {}
): PanelData {
  return {
    state: extra.state ?? (extra.errors?.length ? LoadingState.Error : LoadingState.Done),
    series,
    errors: extra.errors,
    timeRange: range,
  };
}

/** Everything a panel component receives from Grafana, with the given options and data. */
export function panelProps<T>(options: T, data: PanelData, overrides: Partial<PanelProps<T>> = {}): PanelProps<T> {
  return {
    id: 1,
    data,
    timeRange: data.timeRange,
    timeZone: 'utc',
    options,
    transparent: false,
    width: 640,
    height: 320,
    fieldConfig: { defaults: {}, overrides: [] },
    renderCounter: 0,
    title: 'Panel',
    eventBus: new EventBusSrv(),
    onOptionsChange: jest.fn(),
    onFieldConfigChange: jest.fn(),
    replaceVariables: (value: string) => value,
    onChangeTimeRange: jest.fn(),
    ...overrides,
  };
}
