import { planQueries } from '../plan';
import type { AdaptiveScheduler, ScheduledTask } from '../scheduler';
import type { SloReading } from '../readSlo';
import { RangeCache } from './rangeCache';
import { rawReader } from './rawReader';
import { sharedSchedulerFor } from './sharedScheduler';
import type {
  ExecutedRequest,
  FleetRange,
  FleetReading,
  FleetLoadScope,
  FleetSlo,
  PlanExecutor,
  ReadContext,
  ReaderSelector,
  SloReader,
} from './types';

export interface FleetLoaderOptions {
  executor: PlanExecutor;
  /** History kept between loads (see `RangeCache`); default: the one of this page or process. */
  cache?: RangeCache;
  /** Default: `sharedSchedulerFor`, one per data source for the whole page. */
  schedulerFor?: (datasource: string) => AdaptiveScheduler;
  /**
   * Called once per load: which reader reads each SLO of it; default: the raw reader over `cache` for
   * every SLO. The place for an alternative source (recording rules, see `recordedRulesReaders`): it may
   * send requests shared by many SLOs through `scope`, and returns its reader for the SLOs it can read,
   * the raw reader otherwise.
   */
  readers?: (scope: FleetLoadScope) => ReaderSelector;
  /** Wall clock in Unix seconds, for what the cache may keep; injected in tests. */
  clock?: () => number;
  /** Readers started per macrotask, so that planning a thousand SLOs never blocks the page (default 50). */
  startBatch?: number;
}

export interface FleetLoadHandlers {
  /** Each SLO's reading, as soon as it is there (never for an SLO of an aborted load). */
  onReading(reading: FleetReading): void;
  /** Queue position of an SLO: lower is read first (default: its position in the list). */
  priorityOf?(sloId: string): number;
}

export interface FleetLoadSummary {
  aborted: boolean;
  slos: number;
  evaluated: number;
  errors: number;
  /** Requests sent: each SLO's own, and those shared by several SLOs (see `FleetLoadScope.send`). */
  requests: number;
  /** Samples read, where the executor counts them (`stats=all`). */
  samples: number;
  /** From the start of the load to the first reading and to the last (ms). */
  firstReadingMs: number | null;
  wallMs: number;
  /** SLOs per source of their reading, e.g. { raw: 242, rules: 758 }. */
  sources: Record<string, number>;
}

export interface FleetLoad {
  readonly done: Promise<FleetLoadSummary>;
  /** How many SLOs have no reading yet. */
  pending(): number;
  /** New queue positions for the SLOs still waiting (e.g. the table's page or sort changed). */
  prioritize(priorityOf: (sloId: string) => number): void;
  /** Drops queued requests, cancels those in flight, and reports nothing more. */
  abort(reason?: unknown): void;
}

const DEFAULT_CACHE = new RangeCache();

/** The history cache shared by every load of this page (or Node process) that does not bring its own. */
export function defaultRangeCache(): RangeCache {
  return DEFAULT_CACHE;
}

/**
 * Evaluates a fleet of SLOs as of `range.to`, each SLO on its own, and reports each reading as it arrives.
 * Every request goes through its data source's scheduler (bounded, adaptive concurrency that backs off on
 * overload), at the priority of its SLO, so that the SLOs a user looks at are read first and a fleet of
 * any size never floods Prometheus. The same core runs in the app (Grafana data sources) and in Node (the
 * Prometheus HTTP API); only the executor differs.
 */
export function loadFleet(
  slos: readonly FleetSlo[],
  range: FleetRange,
  options: FleetLoaderOptions,
  handlers: FleetLoadHandlers
): FleetLoad {
  const started = performance.now();
  const controller = new AbortController();
  /**
   * One signal per SLO being read, aborted with the load's: a thousand requests listening to one signal
   * would be a thousand listeners on it (Node warns from eleven).
   */
  const active = new Set<AbortController>();
  const cache = options.cache ?? DEFAULT_CACHE;
  const schedulerOf = options.schedulerFor ?? ((datasource: string) => sharedSchedulerFor(datasource));
  const raw = rawReader(cache);
  const clock = options.clock ?? (() => Date.now() / 1000);
  const batch = Math.max(1, options.startBatch ?? 50);

  const order = new Map(slos.map((slo, index) => [slo.spec.id, index]));
  let priorityOf = (id: string) => handlers.priorityOf?.(id) ?? order.get(id) ?? 0;
  /** Tasks still queued or running, per SLO, with the priority they were given: it follows the SLO's. */
  const queued = new Map<string, { tasks: Set<ScheduledTask<ExecutedRequest>>; priority: number }>();
  let pending = slos.length;
  let firstReadingMs: number | null = null;
  const summary = { evaluated: 0, errors: 0, requests: 0, samples: 0, sources: {} as Record<string, number> };

  const scope: FleetLoadScope = {
    slos,
    range,
    signal: controller.signal,
    send: (datasource, plan, priority) => {
      // Its own signal, aborted with the load's (see `active`): shared requests are a few dozen per load.
      const own = new AbortController();
      if (controller.signal.aborted) {
        own.abort(controller.signal.reason);
      }
      active.add(own);
      return schedulerOf(datasource)
        .schedule((signal) => options.executor({ plan, datasource, signal }), { priority, signal: own.signal })
        .promise.then((answer) => {
          summary.requests++;
          summary.samples += answer.samples ?? 0;
          return answer;
        })
        .finally(() => active.delete(own));
    },
  };
  const readerOf: ReaderSelector = options.readers?.(scope) ?? ((_slo: FleetSlo, rawOne: SloReader) => rawOne);

  const readOne = async (slo: FleetSlo): Promise<void> => {
    const id = slo.spec.id;
    const reader = readerOf(slo, raw);
    if (controller.signal.aborted) {
      return;
    }
    const own = new AbortController();
    active.add(own);
    let requests = 0;
    let samples = 0;
    const context: ReadContext = {
      slo,
      range,
      signal: own.signal,
      clock,
      send: (plan) => {
        const scheduler = schedulerOf(slo.datasource);
        const priority = priorityOf(id);
        const task = scheduler.schedule((signal) => options.executor({ plan, datasource: slo.datasource, signal }), {
          priority,
          signal: own.signal,
        });
        const entry = queued.get(id) ?? { tasks: new Set(), priority };
        entry.tasks.add(task);
        queued.set(id, entry);
        const forget = () => entry.tasks.delete(task);
        return task.promise.then(
          (answer) => {
            forget();
            requests++;
            samples += answer.samples ?? 0;
            return answer;
          },
          (error: unknown) => {
            forget();
            throw error;
          }
        );
      },
    };
    let reading: SloReading;
    try {
      reading = await reader.read(context);
    } catch (error) {
      if (controller.signal.aborted) {
        return;
      }
      // A reader's own failure (a bug, not Prometheus's answer): the SLO says so, the others carry on.
      const plan = planQueries(slo.spec, { ...range, view: 'overview', pointsLimit: 'coarsen' });
      reading = {
        kind: 'error',
        spec: slo.spec,
        plan,
        message: error instanceof Error ? error.message : String(error),
      };
    } finally {
      active.delete(own);
    }
    queued.delete(id);
    if (controller.signal.aborted) {
      return;
    }
    pending--;
    firstReadingMs ??= performance.now() - started;
    summary.requests += requests;
    summary.samples += samples;
    const source = reading.source ?? reader.source;
    summary.sources[source] = (summary.sources[source] ?? 0) + 1;
    if (reading.kind === 'error') {
      summary.errors++;
    } else {
      summary.evaluated++;
    }
    handlers.onReading({ slo, reading, source, requests, samples });
  };

  const run = async (): Promise<FleetLoadSummary> => {
    const byPriority = [...slos].sort((a, b) => priorityOf(a.spec.id) - priorityOf(b.spec.id));
    const reads: Array<Promise<void>> = [];
    for (let index = 0; index < byPriority.length; index += batch) {
      if (controller.signal.aborted) {
        break;
      }
      if (index > 0) {
        await macrotask();
      }
      reads.push(...byPriority.slice(index, index + batch).map(readOne));
    }
    await Promise.all(reads);
    return {
      aborted: controller.signal.aborted,
      slos: slos.length,
      ...summary,
      firstReadingMs,
      wallMs: performance.now() - started,
    };
  };

  return {
    done: run(),
    pending: () => pending,
    prioritize: (next) => {
      priorityOf = (id) => next(id);
      for (const [id, entry] of queued) {
        const priority = next(id);
        // Each move re-sorts the scheduler's queue: only the SLOs whose place changed.
        if (priority !== entry.priority) {
          entry.priority = priority;
          entry.tasks.forEach((task) => task.reprioritize(priority));
        }
      }
    },
    abort: (reason) => {
      const why = reason ?? new Error('superseded by a newer load');
      controller.abort(why);
      active.forEach((one) => one.abort(why));
    },
  };
}

function macrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
