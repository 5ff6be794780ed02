import type { PlannedQuery } from './plan';
import { promDuration } from './promql';
import { type PromApiResponse, queryableSamples, resultFromPromApi } from './promApiAdapter';
import { isOverload } from './scheduler';
import type { QueryResult } from './series';

export interface HttpClientOptions {
  /** Base URL of Prometheus, e.g. http://127.0.0.1:9090 */
  url: string;
  /** Prometheus's `timeout` for each query unless `run` is given one; the request is abandoned 5 s later. */
  timeoutSeconds?: number;
  /** Ask Prometheus for `stats=all` to count samples read. */
  withStats?: boolean;
  fetch?: typeof fetch;
  /** Redirects followed per request before giving up (default 5). */
  maxRedirects?: number;
}

export interface RunOptions {
  /** Aborting it abandons the request, so that Prometheus cancels the query; `run` rejects with its reason. */
  signal?: AbortSignal;
  /** Prometheus's `timeout` for this query, e.g. the time left of a deadline (default: the client's). */
  timeoutSeconds?: number;
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

/**
 * No usable answer: the connection failed, the answer was not Prometheus's JSON, or Prometheus said it
 * is overloaded (`status` 503/429, or an `errorType` of its query queue: `isOverload` tells, and a
 * scheduler retries those).
 */
export class PrometheusUnreachableError extends Error {
  /** The HTTP status, when there was an answer. */
  readonly status?: number;
  /** Prometheus's `errorType`, when the answer was its JSON. */
  readonly errorType?: string;

  constructor(url: string, cause: string, answer: { status?: number; errorType?: string } = {}) {
    super(
      `Prometheus at ${url} is ${isOverload({ ...answer, message: cause }) ? 'overloaded' : 'unreachable'}: ${cause}`
    );
    this.name = 'PrometheusUnreachableError';
    this.status = answer.status;
    this.errorType = answer.errorType;
  }
}

const DEFAULT_TIMEOUT_SECONDS = 30;
/** Past Prometheus's own timeout, the time its error answer may take to arrive. */
const ANSWER_GRACE_SECONDS = 5;
const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** A minimal client of the Prometheus HTTP API for the command-line tool, benchmarks and tests. */
export class PrometheusHttpClient {
  readonly baseUrl: string;

  constructor(private readonly options: HttpClientOptions) {
    this.baseUrl = options.url.replace(/\/+$/, '');
  }

  /**
   * One planned query. Prometheus's errors (bad PromQL, a timeout in evaluation) and answers of a result
   * type the query does not ask for are error results; no answer at all, or an overloaded Prometheus,
   * throws a PrometheusUnreachableError.
   */
  async run(query: PlannedQuery, options: RunOptions = {}): Promise<ExecutedQuery> {
    const parameters: Record<string, string> = { query: query.expr };
    if (query.instant) {
      parameters.time = String(query.end);
    } else {
      parameters.start = String(query.start);
      parameters.end = String(query.end);
      parameters.step = String(query.step);
    }
    const { response, bytes, status } = await this.request(
      query.instant ? 'query' : 'query_range',
      parameters,
      options
    );
    if (response.status === 'error' && isOverload({ status, errorType: response.errorType, message: response.error })) {
      throw new PrometheusUnreachableError(this.baseUrl, `HTTP ${status}, ${response.errorType}: ${response.error}`, {
        status,
        errorType: response.errorType,
      });
    }
    return {
      result: resultFromPromApi(query.refId, response, query.instant ? 'vector' : 'matrix'),
      cost: { refId: query.refId, samples: queryableSamples(response), bytes },
    };
  }

  /** Instant query at `time` (Unix seconds). */
  async instant(
    expr: string,
    time: number,
    options: RunOptions = {}
  ): Promise<{ response: PromApiResponse; bytes: number }> {
    return this.request('query', { query: expr, time: String(time) }, options);
  }

  async rangeQuery(
    expr: string,
    start: number,
    end: number,
    step: number,
    options: RunOptions = {}
  ): Promise<{ response: PromApiResponse; bytes: number }> {
    return this.request(
      'query_range',
      { query: expr, start: String(start), end: String(end), step: String(step) },
      options
    );
  }

  async seriesLabels(match: string, start: number, end: number): Promise<Array<Record<string, string>>> {
    const { response } = await this.request('series', { 'match[]': match, start: String(start), end: String(end) });
    return (response.data as unknown as Array<Record<string, string>>) ?? [];
  }

  private async request(
    endpoint: string,
    parameters: Record<string, string>,
    options: RunOptions = {}
  ): Promise<{ response: PromApiResponse; bytes: number; status: number }> {
    const body = new URLSearchParams(parameters);
    if (this.options.withStats) {
      body.set('stats', 'all');
    }
    const timeoutSeconds = options.timeoutSeconds ?? this.options.timeoutSeconds;
    if (timeoutSeconds) {
      // Prometheus reads whole milliseconds; under one it would read "0ms", which is no timeout at all.
      body.set('timeout', promDuration(Math.max(timeoutSeconds, 0.001)));
    }
    const abandon = new AbortController();
    const timer = setTimeout(
      () => abandon.abort(),
      ((timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) + ANSWER_GRACE_SECONDS) * 1000
    );
    const onCallerAbort = () => abandon.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', onCallerAbort, { once: true });
    if (options.signal?.aborted) {
      onCallerAbort();
    }
    let answer: { text: string; status: number; statusText: string };
    try {
      answer = await this.post(`${this.baseUrl}/api/v1/${endpoint}`, body, abandon.signal);
    } catch (error) {
      if (options.signal?.aborted) {
        throw callerAbortReason(options.signal);
      }
      throw error;
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onCallerAbort);
    }
    const { text, status, statusText } = answer;
    try {
      return { response: JSON.parse(text) as PromApiResponse, bytes: new TextEncoder().encode(text).length, status };
    } catch {
      const http = `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
      throw new PrometheusUnreachableError(
        this.baseUrl,
        `answered ${http} with something that is not JSON: ${text.slice(0, 120)}`,
        { status }
      );
    }
  }

  /**
   * POST, following redirects by hand: `fetch` would turn the POST into a GET on 301/302/303 and lose the
   * query. Every redirect re-sends the same POST and parameters to its target, up to `maxRedirects`.
   */
  private async post(
    url: string,
    body: URLSearchParams,
    signal: AbortSignal
  ): Promise<{ text: string; status: number; statusText: string }> {
    const fetchImplementation = this.options.fetch ?? fetch;
    const maxRedirects = this.options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    const chain: string[] = [url];
    const via = () => (chain.length > 1 ? ` (via ${chain.join(' → ')})` : '');
    let target = url;
    for (;;) {
      let answer: Response;
      try {
        answer = await settleOnAbort(
          fetchImplementation(target, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body,
            signal,
            redirect: 'manual',
          }),
          signal
        );
      } catch (error) {
        throw new PrometheusUnreachableError(this.baseUrl, `${describeFetchError(error)}${via()}`);
      }
      if (answer.type === 'opaqueredirect') {
        throw new PrometheusUnreachableError(this.baseUrl, `answered with a redirect whose target is hidden${via()}`);
      }
      if (!REDIRECTS.has(answer.status)) {
        try {
          return {
            text: await settleOnAbort(answer.text(), signal),
            status: answer.status,
            statusText: answer.statusText,
          };
        } catch (error) {
          throw new PrometheusUnreachableError(this.baseUrl, `${describeFetchError(error)}${via()}`);
        }
      }
      await answer.body?.cancel().catch(() => undefined);
      const location = answer.headers.get('location');
      if (!location) {
        throw new PrometheusUnreachableError(
          this.baseUrl,
          `answered HTTP ${answer.status} without a Location to go to${via()}`,
          { status: answer.status }
        );
      }
      target = new URL(location, target).toString();
      chain.push(`${answer.status} ${target}`);
      if (chain.length > maxRedirects + 1) {
        throw new PrometheusUnreachableError(this.baseUrl, `more than ${maxRedirects} redirects${via()}`, {
          status: answer.status,
        });
      }
    }
  }
}

/**
 * `work` (a fetch, or reading its body), settled as soon as `signal` aborts. Node 20's fetch does not
 * always settle `Response.text()` when the request's signal aborts while the body is being read (seen
 * under load, when the deadline or a failed sibling query abandons a request): the request then holds no
 * timer and no socket, Node's event loop runs dry with the run's promise pending, and the process exits
 * 0 without a word. Never wait on such a promise alone.
 */
function settleOnAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) {
      onAbort();
    } else {
      signal.addEventListener('abort', onAbort, { once: true });
    }
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      }
    );
  });
}

/** What a caller aborted with: its Error (e.g. a deadline), or a plain one. */
function callerAbortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error && reason.name !== 'AbortError' ? reason : new Error('the query was cancelled');
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
