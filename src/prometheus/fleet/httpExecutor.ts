import { type HttpClientOptions, PrometheusHttpClient } from '../httpClient';
import { isOverload } from '../scheduler';
import type { PlanExecutor } from './types';

/**
 * Runs a request's queries over the Prometheus HTTP API (command line, benchmarks, tests), in parallel
 * as Grafana's backend runs the queries of one request. An overloaded Prometheus (a query-queue timeout,
 * `unavailable`, too many requests) rejects the request so that the scheduler backs off and retries it;
 * every other error stays with its query, or, when Prometheus cannot be reached, rejects as the SLO's error.
 * Aborting the signal aborts the HTTP requests in flight.
 */
export function httpExecutor(options: HttpClientOptions): PlanExecutor {
  const baseFetch = options.fetch ?? fetch;
  return async ({ plan, signal }) => {
    const client = new PrometheusHttpClient({ ...options, fetch: abortableFetch(baseFetch, signal) });
    const executed = await Promise.all(plan.queries.map((query) => client.run(query)));
    const overloaded = executed.find((one) => one.result.error && isOverload(one.result.error));
    if (overloaded) {
      throw new Error(overloaded.result.error);
    }
    const samples = executed.reduce((sum, one) => sum + (one.cost.samples ?? 0), 0);
    return { results: executed.map((one) => one.result), samples };
  };
}

/** A fetch that also gives up when `signal` fires. */
function abortableFetch(base: typeof fetch, signal: AbortSignal): typeof fetch {
  return (input, init) => {
    const controller = new AbortController();
    const abort = () => controller.abort(signal.reason);
    const own = init?.signal;
    if (signal.aborted || own?.aborted) {
      controller.abort(signal.aborted ? signal.reason : own?.reason);
    }
    signal.addEventListener('abort', abort, { once: true });
    own?.addEventListener('abort', () => controller.abort(own.reason), { once: true });
    return base(input, { ...init, signal: controller.signal }).finally(() =>
      signal.removeEventListener('abort', abort)
    );
  };
}
