/**
 * Keeps at most `concurrency` tasks in flight against a CPU-bound Prometheus: more would only queue
 * there and skew what each query's time means. A plain limit, without the adaptive scheduler's back-off:
 * for the benchmark's measured runs and the rules path over HTTP.
 */
export function concurrencyLimit(concurrency: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running < concurrency) {
      running++;
    } else {
      // A finishing task hands its slot over directly, so that no newcomer can slip in between.
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) {
        next();
      } else {
        running--;
      }
    }
  };
}
