/**
 * Keeps at most `concurrency` tasks in flight against a CPU-bound Prometheus: more would only queue
 * there and skew what each query's time means.
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

/** Runs tasks with at most `limit` in flight; results in task order. */
export function runLimited<T>(tasks: ReadonlyArray<() => Promise<T>>, limit: number): Promise<T[]> {
  const limited = concurrencyLimit(Math.max(1, limit));
  return Promise.all(tasks.map((task) => limited(task)));
}
