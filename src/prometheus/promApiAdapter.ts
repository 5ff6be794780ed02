import type { QueryResult, SampleSeries } from './series';

/** The parts of a Prometheus `/api/v1/query` or `/api/v1/query_range` answer that we read. */
export interface PromApiResponse {
  status: 'success' | 'error';
  data?: {
    resultType: 'matrix' | 'vector' | 'scalar' | 'string';
    result: unknown;
    stats?: { samples?: { totalQueryableSamples?: number } };
  };
  errorType?: string;
  error?: string;
}

type PromSample = [number, string];

interface PromSeries {
  metric: Record<string, string>;
  values?: PromSample[];
  value?: PromSample;
}

/** Prometheus sends sample values as strings, including "NaN", "+Inf" and "-Inf". */
export function parseSampleValue(text: string): number {
  if (text === '+Inf') {
    return Number.POSITIVE_INFINITY;
  }
  if (text === '-Inf') {
    return Number.NEGATIVE_INFINITY;
  }
  return Number(text);
}

export function resultFromPromApi(refId: string, response: PromApiResponse): QueryResult {
  if (response.status !== 'success' || !response.data) {
    return {
      refId,
      series: [],
      error: `${response.errorType ?? 'error'}: ${response.error ?? 'Prometheus did not answer'}`,
    };
  }
  const { resultType, result } = response.data;
  if (resultType === 'scalar') {
    const [time, value] = result as PromSample;
    return { refId, series: [{ labels: {}, times: [time], values: [parseSampleValue(value)] }] };
  }
  if (resultType !== 'matrix' && resultType !== 'vector') {
    return { refId, series: [], error: `unexpected ${resultType} result` };
  }
  const series = (result as PromSeries[]).map((entry): SampleSeries => {
    const samples = entry.values ?? (entry.value ? [entry.value] : []);
    const { __name__: _name, ...labels } = entry.metric;
    return {
      labels,
      times: samples.map(([time]) => time),
      values: samples.map(([, value]) => parseSampleValue(value)),
    };
  });
  return { refId, series };
}

export function queryableSamples(response: PromApiResponse): number | null {
  return response.data?.stats?.samples?.totalQueryableSamples ?? null;
}
