import type { PrometheusHttpClient, QueryCost } from './httpClient';
import type { QueryPlan } from './plan';
import type { AdaptiveScheduler } from './scheduler';
import type { QueryResult } from './series';

export interface ExecutedPlan {
  results: QueryResult[];
  costs: QueryCost[];
}

export interface ExecutePlanOptions {
  /** Queues each query there (the data source's scheduler); without one, all run at once. */
  scheduler?: AdaptiveScheduler;
  /** The queries' priority in the scheduler (lower first). */
  priority?: number;
  /**
   * Bounds the whole plan, from the start of its first query: Prometheus's `timeout` of each query is the
   * time left, and at the deadline every query still queued or running is abandoned (Prometheus cancels
   * the running ones) and the plan fails with a PlanTimeoutError.
   */
  timeoutSeconds?: number;
  /** Giving up from outside: the same as the deadline, with this signal's reason. */
  signal?: AbortSignal;
}

/** The plan did not finish within its `timeoutSeconds`. */
export class PlanTimeoutError extends Error {
  constructor(readonly timeoutSeconds: number) {
    super(`no complete answer within the timeout of ${timeoutSeconds} s: its queries were cancelled`);
    this.name = 'PlanTimeoutError';
  }
}

/**
 * Runs every query of a plan; Prometheus's answers (errors included) become results. Rejects when a
 * query has no answer (unreachable, still overloaded after the scheduler's retries), at the deadline,
 * or when `signal` fires, and then abandons the plan's other queries.
 */
export async function executePlan(
  client: PrometheusHttpClient,
  plan: QueryPlan,
  options: ExecutePlanOptions = {}
): Promise<ExecutedPlan> {
  const abandon = new AbortController();
  const onOuterAbort = () => abandon.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  if (options.signal?.aborted) {
    onOuterAbort();
  }
  let startedAt: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeoutSeconds = options.timeoutSeconds;
  const startClock = () => {
    if (startedAt === undefined) {
      startedAt = Date.now();
      if (timeoutSeconds !== undefined) {
        timer = setTimeout(() => abandon.abort(new PlanTimeoutError(timeoutSeconds)), timeoutSeconds * 1000);
      }
    }
  };
  const secondsLeft = () =>
    timeoutSeconds === undefined ? undefined : timeoutSeconds - (Date.now() - (startedAt ?? Date.now())) / 1000;
  // Each query listens on a signal of its own (the scheduler and the HTTP client both do), all aborted by
  // one listener: on one shared signal a long plan's queries pass the 10 listeners Node warns about.
  const querySignals: AbortController[] = [];
  abandon.signal.addEventListener('abort', () => querySignals.forEach((query) => query.abort(abandon.signal.reason)), {
    once: true,
  });
  const querySignal = () => {
    const query = new AbortController();
    querySignals.push(query);
    if (abandon.signal.aborted) {
      query.abort(abandon.signal.reason);
    }
    return query.signal;
  };
  const runQuery = (query: QueryPlan['queries'][number]) => (signal: AbortSignal) => {
    startClock();
    return client.run(query, { signal, timeoutSeconds: secondsLeft() });
  };
  try {
    const executed = await Promise.all(
      plan.queries.map((query) =>
        options.scheduler
          ? options.scheduler.schedule(runQuery(query), {
              priority: options.priority,
              signal: querySignal(),
              // Prometheus's errors come back as results: a timeout among them may be ours to retry.
              answerError: (executed) => executed.result.error,
            }).promise
          : runQuery(query)(querySignal())
      )
    );
    return { results: executed.map((one) => one.result), costs: executed.map((one) => one.cost) };
  } catch (error) {
    // The first failure decides; the plan's other queries are of no use any more.
    abandon.abort(error);
    throw abandon.signal.reason;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
}
