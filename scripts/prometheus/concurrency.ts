import { concurrencyLimit } from '../../src/prometheus/concurrencyLimit';

export { concurrencyLimit };

/** Runs tasks with at most `limit` in flight; results in task order. */
export function runLimited<T>(tasks: ReadonlyArray<() => Promise<T>>, limit: number): Promise<T[]> {
  const limited = concurrencyLimit(Math.max(1, limit));
  return Promise.all(tasks.map((task) => limited(task)));
}
