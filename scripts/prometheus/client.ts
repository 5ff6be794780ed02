/** The few calls of Prometheus's HTTP API that tests and scripts need. */

export type Labels = Record<string, string>;

export interface InstantSample {
  labels: Labels;
  value: number;
}

export interface RangeSeries {
  labels: Labels;
  /** [Unix seconds, value] */
  points: Array<[number, number]>;
}

interface ApiResponse<Result> {
  status: 'success' | 'error';
  error?: string;
  data?: { resultType: string; result: Result };
}

type WireValue = [number, string];

export async function queryInstant(baseUrl: string, query: string, time: number): Promise<InstantSample[]> {
  const result = await callApi<Array<{ metric: Labels; value: WireValue }>>(baseUrl, '/api/v1/query', {
    query,
    time: String(time),
  });
  return result.map(({ metric, value }) => ({ labels: metric, value: parseValue(value[1]) }));
}

/** The value of a query that returns at most one series; NaN when it returns none. */
export async function queryScalar(baseUrl: string, query: string, time: number): Promise<number> {
  const samples = await queryInstant(baseUrl, query, time);
  if (samples.length > 1) {
    throw new Error(`expected at most one series from ${query}, got ${samples.length}`);
  }
  return samples[0]?.value ?? Number.NaN;
}

export async function queryRange(
  baseUrl: string,
  query: string,
  start: number,
  end: number,
  step: number
): Promise<RangeSeries[]> {
  const result = await callApi<Array<{ metric: Labels; values: WireValue[] }>>(baseUrl, '/api/v1/query_range', {
    query,
    start: String(start),
    end: String(end),
    step: String(step),
  });
  return result.map(({ metric, values }) => ({
    labels: metric,
    points: values.map(([time, value]) => [time, parseValue(value)]),
  }));
}

/** Substitutes a window such as `5m` for the `{{.window}}` placeholder of an SLO query. */
export function withWindow(query: string, window: string): string {
  return query.split('{{.window}}').join(window);
}

async function callApi<Result>(baseUrl: string, path: string, parameters: Record<string, string>): Promise<Result> {
  // POST keeps long queries out of the URL.
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(parameters).toString(),
  });
  const body = (await response.json()) as ApiResponse<Result>;
  if (body.status !== 'success' || !body.data) {
    throw new Error(
      `prometheus ${path} failed (HTTP ${response.status}): ${body.error ?? 'no data'}\nquery: ${parameters.query}`
    );
  }
  return body.data.result;
}

function parseValue(text: string): number {
  if (text === '+Inf') {
    return Number.POSITIVE_INFINITY;
  }
  if (text === '-Inf') {
    return Number.NEGATIVE_INFINITY;
  }
  return Number(text);
}
