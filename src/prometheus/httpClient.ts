import type { PlannedQuery } from './plan';
import { promDuration } from './promql';
import { type PromApiResponse, queryableSamples, resultFromPromApi } from './promApiAdapter';
import type { QueryResult } from './series';

export interface HttpClientOptions {
  /** Base URL of Prometheus, e.g. http://127.0.0.1:9090 */
  url: string;
  timeoutSeconds?: number;
  /** Ask Prometheus for `stats=all` to count samples read. */
  withStats?: boolean;
  fetch?: typeof fetch;
}

export interface QueryCost {
  refId: string;
  samples: number | null;
  bytes: number;
}

export interface ExecutedQuery {
  result: QueryResult;
  cost: QueryCost;
}

export class PrometheusUnreachableError extends Error {
  constructor(url: string, cause: string) {
    super(`Prometheus at ${url} is unreachable: ${cause}`);
    this.name = 'PrometheusUnreachableError';
  }
}

/** A minimal client of the Prometheus HTTP API for the command-line tool, benchmarks and tests. */
export class PrometheusHttpClient {
  private readonly baseUrl: string;

  constructor(private readonly options: HttpClientOptions) {
    this.baseUrl = options.url.replace(/\/+$/, '');
  }

  async run(query: PlannedQuery): Promise<ExecutedQuery> {
    const parameters: Record<string, string> = { query: query.expr };
    if (query.instant) {
      parameters.time = String(query.end);
    } else {
      parameters.start = String(query.start);
      parameters.end = String(query.end);
      parameters.step = String(query.step);
    }
    const { response, bytes } = await this.request(query.instant ? 'query' : 'query_range', parameters);
    return {
      result: resultFromPromApi(query.refId, response),
      cost: { refId: query.refId, samples: queryableSamples(response), bytes },
    };
  }

  /** Instant query at `time` (Unix seconds). */
  async instant(expr: string, time: number): Promise<{ response: PromApiResponse; bytes: number }> {
    return this.request('query', { query: expr, time: String(time) });
  }

  async rangeQuery(
    expr: string,
    start: number,
    end: number,
    step: number
  ): Promise<{ response: PromApiResponse; bytes: number }> {
    return this.request('query_range', { query: expr, start: String(start), end: String(end), step: String(step) });
  }

  async seriesLabels(match: string, start: number, end: number): Promise<Array<Record<string, string>>> {
    const { response } = await this.request('series', { 'match[]': match, start: String(start), end: String(end) });
    return (response.data as unknown as Array<Record<string, string>>) ?? [];
  }

  private async request(
    endpoint: string,
    parameters: Record<string, string>
  ): Promise<{ response: PromApiResponse; bytes: number }> {
    const body = new URLSearchParams(parameters);
    if (this.options.withStats) {
      body.set('stats', 'all');
    }
    if (this.options.timeoutSeconds) {
      body.set('timeout', promDuration(this.options.timeoutSeconds));
    }
    const fetchImplementation = this.options.fetch ?? fetch;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), ((this.options.timeoutSeconds ?? 30) + 5) * 1000);
    let text: string;
    try {
      const answer = await fetchImplementation(`${this.baseUrl}/api/v1/${endpoint}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body,
        signal: controller.signal,
      });
      text = await answer.text();
    } catch (error) {
      throw new PrometheusUnreachableError(this.baseUrl, describeFetchError(error));
    } finally {
      clearTimeout(timer);
    }
    try {
      return { response: JSON.parse(text) as PromApiResponse, bytes: new TextEncoder().encode(text).length };
    } catch {
      throw new PrometheusUnreachableError(
        this.baseUrl,
        `answered with something that is not JSON: ${text.slice(0, 120)}`
      );
    }
  }
}

/** Node's fetch hides the useful part (ECONNREFUSED, ENOTFOUND) in `cause`. */
function describeFetchError(error: unknown): string {
  // Duck typing: errors from another realm (test sandboxes, workers) fail `instanceof Error`.
  const failure = error as { name?: string; message?: string; cause?: { code?: string; message?: string } } | null;
  if (failure && typeof failure === 'object') {
    if (failure.name === 'AbortError') {
      return 'no answer before the timeout';
    }
    return failure.cause?.code ?? failure.cause?.message ?? failure.message ?? String(error);
  }
  return String(error);
}
