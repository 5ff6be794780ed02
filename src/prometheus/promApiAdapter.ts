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
  /** Things Prometheus wants the user to know that do not fail the query (e.g. a non-counter in rate()). */
  warnings?: string[];
  /** Prometheus 3's informational annotations (e.g. a metric that does not look like a histogram). */
  infos?: string[];
}

/** What the planned query must return: `vector` from an instant query, `matrix` from a range query. */
export type ExpectedResultType = 'vector' | 'matrix';

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

/**
 * One answer in the internal form. With `expected` (what the planned query asks for), any other result
 * type is an error naming it: a scalar or string is not a set of series, and a matrix read as a vector
 * (or the reverse) would be evaluated as something it is not.
 */
export function resultFromPromApi(
  refId: string,
  response: PromApiResponse,
  expected?: ExpectedResultType
): QueryResult {
  const warnings = answerWarnings(response);
  const withWarnings = (result: QueryResult): QueryResult => (warnings.length > 0 ? { ...result, warnings } : result);
  if (response.status !== 'success') {
    return withWarnings({
      refId,
      series: [],
      error: `${response.errorType ?? 'error'}: ${response.error ?? 'Prometheus gave no reason'}`,
    });
  }
  if (!response.data) {
    return withWarnings({ refId, series: [], error: 'Prometheus answered "success" without data' });
  }
  const { resultType, result } = response.data;
  const unexpected = unexpectedResultType(resultType, expected);
  if (unexpected) {
    return withWarnings({ refId, series: [], error: unexpected });
  }
  if (resultType === 'scalar') {
    const [time, value] = result as PromSample;
    return withWarnings({ refId, series: [{ labels: {}, times: [time], values: [parseSampleValue(value)] }] });
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
  return withWarnings({ refId, series });
}

/** The error for a result type the query did not ask for (or cannot be read at all); null when it fits. */
export function unexpectedResultType(resultType: string, expected: ExpectedResultType | undefined): string | null {
  const readable = resultType === 'matrix' || resultType === 'vector' || resultType === 'scalar';
  if (expected === undefined ? readable : resultType === expected) {
    return null;
  }
  const asked = expected === undefined ? '' : `, expected a ${expected} from ${QUERY_KIND[expected]}`;
  return `Prometheus answered a ${resultType} result${asked}: it is not evaluated`;
}

const QUERY_KIND: Record<ExpectedResultType, string> = {
  vector: 'an instant query',
  matrix: 'a range query',
};

/** `warnings` and `infos` of one answer, without repeats. */
function answerWarnings(response: PromApiResponse): string[] {
  const texts = [...(response.warnings ?? []), ...(response.infos ?? [])].filter(
    (text): text is string => typeof text === 'string' && text !== ''
  );
  return [...new Set(texts)];
}

export function queryableSamples(response: PromApiResponse): number | null {
  return response.data?.stats?.samples?.totalQueryableSamples ?? null;
}
