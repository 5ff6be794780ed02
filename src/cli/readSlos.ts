import { setMaxListeners } from 'node:events';
import type { SloSpec } from '../domain';
import { PrometheusHttpClient } from '../prometheus/httpClient';
import { loadSlo } from '../prometheus/loadSlo';
import type { PlanOptions } from '../prometheus/plan';
import type { SloReading } from '../prometheus/readSlo';
import { type AdaptiveScheduler, schedulerFor } from '../prometheus/scheduler';

export interface ReadSlosOptions {
  /** Bounds all the queries of one SLO together, from its first query on (not its time in the queue). */
  timeoutSeconds: number;
  /** Giving up (Ctrl-C): every SLO not read yet gets this signal's reason as its error. */
  signal?: AbortSignal;
}

/**
 * Reads every SLO from one Prometheus, as `slo evaluate` and `slo backtest` both do: one queue towards it,
 * SLOs in file order, a few queries at a time, backing off when it says it is overloaded. Each reading is
 * summarized as soon as it arrives, so that its buckets are let go of then rather than all held until the
 * last SLO is read. Never throws: an SLO that cannot be read is an error reading with its cause.
 */
export async function readSlos<Summary>(
  url: string,
  specs: readonly SloSpec[],
  planOptionsFor: (spec: SloSpec) => PlanOptions,
  options: ReadSlosOptions,
  summarize: (reading: SloReading) => Summary
): Promise<Summary[]> {
  const { timeoutSeconds } = options;
  const client = new PrometheusHttpClient({ url, timeoutSeconds });
  const scheduler = schedulerFor(client.baseUrl);
  const stop = stopWhenStalled(scheduler, client.baseUrl, timeoutSeconds, options.signal);
  try {
    return await Promise.all(
      specs.map(async (spec, index) => {
        const { reading } = await loadSlo(client, spec, planOptionsFor(spec), {
          scheduler,
          priority: index,
          timeoutSeconds,
          signal: stop.signal,
        });
        return summarize(reading);
      })
    );
  } finally {
    stop.dispose();
  }
}

/** Past the timeout, how long a Prometheus that answers nothing at all gets before the run gives up. */
const STALL_GRACE_SECONDS = 1;

/**
 * A signal that fires when `interrupt` does, or when Prometheus has answered nothing at all for a whole
 * timeout while queries were running: each SLO's deadline starts with its first query, so against a
 * Prometheus that accepts requests and never answers, SLOs would otherwise time out a few at a time, one
 * timeout after another; the SLOs not evaluated by then get that as their error.
 */
function stopWhenStalled(
  scheduler: AdaptiveScheduler,
  url: string,
  timeoutSeconds: number,
  interrupt: AbortSignal | undefined
): { signal: AbortSignal; dispose: () => void } {
  const stop = new AbortController();
  // Every SLO being evaluated listens to it: hundreds are no leak.
  setMaxListeners(0, stop.signal);
  const onInterrupt = () => stop.abort(interrupt?.reason);
  interrupt?.addEventListener('abort', onInterrupt, { once: true });
  if (interrupt?.aborted) {
    onInterrupt();
  }
  const startedAt = Date.now();
  const watch = setInterval(() => {
    const { inFlight, lastAnswerAt } = scheduler.stats();
    const quietSeconds = (Date.now() - Math.max(startedAt, lastAnswerAt ?? 0)) / 1000;
    if (inFlight > 0 && quietSeconds > timeoutSeconds + STALL_GRACE_SECONDS) {
      stop.abort(
        new Error(
          `Prometheus at ${url} answered nothing for ${Math.floor(quietSeconds)} s: gave up on the SLOs not evaluated yet`
        )
      );
    }
  }, 250);
  return {
    signal: stop.signal,
    dispose: () => {
      clearInterval(watch);
      interrupt?.removeEventListener('abort', onInterrupt);
    },
  };
}
