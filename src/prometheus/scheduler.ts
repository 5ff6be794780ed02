/**
 * Bounded, adaptive concurrency towards one data source (browser and Node alike: no Node-only APIs).
 *
 * Tasks wait in a priority queue (lower first, first come first served within a priority) and run a few
 * at a time. The number allowed in flight grows by one per success up to a ceiling and halves on an
 * overload answer (HTTP 503/429, Prometheus's query queue, "too many requests", and Prometheus's timeout
 * while other tasks of ours were running, since its timeout counts the time spent queued behind them); the
 * overloaded task is retried after an exponential backoff with jitter. A task fails for real only on any
 * other error, after `maxRetries` overload answers, or when its own AbortSignal fires, and its error says
 * which.
 */

export type SchedulerTask<T> = (signal: AbortSignal) => Promise<T>;

export interface SchedulerOptions {
  /** In flight at the start (default 4). */
  initialConcurrency?: number;
  /** Never more in flight than this (default 16). */
  maxConcurrency?: number;
  /** Overload answers one task may get before it fails (default 8). */
  maxRetries?: number;
  /** First backoff; doubles per retry of the same task (default 250 ms). */
  baseBackoffMillis?: number;
  maxBackoffMillis?: number;
  /**
   * Successes in a row at the level that last overloaded before probing one higher again (default 20):
   * a data source that answered 503 at 5 in flight is not asked for 5 again on every other success.
   */
  probeAfterSuccesses?: number;
  /** Injected in tests; resolves after `millis`, rejects when `signal` fires. */
  sleep?: (millis: number, signal: AbortSignal) => Promise<void>;
  /** In [0, 1); injected in tests. */
  random?: () => number;
  /** Milliseconds; injected in tests. */
  now?: () => number;
}

export interface ScheduleOptions<T = unknown> {
  /** Lower runs first (default 0). */
  priority?: number;
  /** Aborting it removes the task from the queue, or aborts its running attempt, and rejects it. */
  signal?: AbortSignal;
  /**
   * For tasks that answer errors as values (a query result with an error, Grafana's DataQueryResponse):
   * the error an answer carries, if any. An overload there is retried like a thrown one; after the last
   * retry the task resolves with that answer.
   */
  answerError?: (value: T) => unknown;
}

export interface ScheduledTask<T> {
  readonly promise: Promise<T>;
  /** Moves a task that is still waiting (e.g. the rows a user scrolled to); no effect once it runs. */
  reprioritize(priority: number): void;
}

export interface SchedulerStats {
  /** How many may be in flight now. */
  limit: number;
  inFlight: number;
  queued: number;
  /** Waiting for their backoff to end before they queue again. */
  backingOff: number;
  /** The most ever in flight at once. */
  peakInFlight: number;
  completed: number;
  failed: number;
  overloads: number;
  /** When the data source last answered anything (a result or an error; not an abandoned request), or null. */
  lastAnswerAt: number | null;
}

/** The task gave up: a non-overload error, too many overload answers, or its own signal. */
export class SchedulerTaskError extends Error {
  constructor(
    message: string,
    readonly reason: 'aborted' | 'overloaded',
    readonly cause?: unknown
  ) {
    super(message);
    this.name = 'SchedulerTaskError';
  }
}

interface Entry {
  run: SchedulerTask<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  priority: number;
  sequence: number;
  signal: AbortSignal;
  attempts: number;
  settled: boolean;
  detachAbort: () => void;
  answerError: (value: unknown) => unknown;
  loneTimeouts: number;
}

/** Retries of a Prometheus timeout that came while nothing else of ours ran. */
const MAX_LONE_TIMEOUT_RETRIES = 2;

const DEFAULTS = {
  initialConcurrency: 4,
  maxConcurrency: 16,
  maxRetries: 8,
  baseBackoffMillis: 250,
  maxBackoffMillis: 10_000,
  probeAfterSuccesses: 20,
};

export class AdaptiveScheduler {
  private readonly settings: typeof DEFAULTS;
  private readonly sleep: (millis: number, signal: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;
  private lastAnswerAt: number | null = null;
  private readonly waiting: Entry[] = [];
  private sequence = 0;
  private limit: number;
  /** The level that last overloaded, less one: additive increase stops there until a probe. */
  private ceiling: number;
  private successesAtCeiling = 0;
  /** Bumped on every decrease, so that answers to requests sent before it do not halve the limit again. */
  private epoch = 0;
  private running = 0;
  private backingOff = 0;
  private peakInFlight = 0;
  private completed = 0;
  private failed = 0;
  private overloads = 0;

  constructor(options: SchedulerOptions = {}) {
    const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
    this.settings = { ...DEFAULTS, ...defined };
    this.sleep = options.sleep ?? abortableSleep;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.limit = Math.max(1, Math.min(this.settings.initialConcurrency, this.settings.maxConcurrency));
    this.ceiling = this.settings.maxConcurrency;
  }

  schedule<T>(task: SchedulerTask<T>, options: ScheduleOptions<T> = {}): ScheduledTask<T> {
    let entry!: Entry;
    const promise = new Promise<T>((resolve, reject) => {
      entry = {
        run: task,
        resolve: resolve as (value: unknown) => void,
        reject,
        priority: options.priority ?? 0,
        sequence: this.sequence++,
        signal: options.signal ?? new AbortController().signal,
        attempts: 0,
        settled: false,
        detachAbort: () => undefined,
        loneTimeouts: 0,
        answerError: (options.answerError as ((value: unknown) => unknown) | undefined) ?? (() => undefined),
      };
    });
    if (entry.signal.aborted) {
      this.fail(entry, abortError(entry.signal));
      return { promise, reprioritize: () => undefined };
    }
    const onAbort = () => {
      const index = this.waiting.indexOf(entry);
      if (index >= 0) {
        this.waiting.splice(index, 1);
      }
      // A running attempt keeps its slot until it settles (its fetch is aborted by the same signal).
      this.fail(entry, abortError(entry.signal));
    };
    entry.signal.addEventListener('abort', onAbort, { once: true });
    entry.detachAbort = () => entry.signal.removeEventListener('abort', onAbort);
    this.enqueue(entry);
    return {
      promise,
      reprioritize: (priority: number) => {
        entry.priority = priority;
        if (this.waiting.includes(entry)) {
          this.sortWaiting();
        }
      },
    };
  }

  stats(): SchedulerStats {
    return {
      limit: this.limit,
      inFlight: this.running,
      queued: this.waiting.length,
      backingOff: this.backingOff,
      peakInFlight: this.peakInFlight,
      completed: this.completed,
      failed: this.failed,
      overloads: this.overloads,
      lastAnswerAt: this.lastAnswerAt,
    };
  }

  private enqueue(entry: Entry): void {
    this.waiting.push(entry);
    this.sortWaiting();
    this.pump();
  }

  private sortWaiting(): void {
    this.waiting.sort((a, b) => a.priority - b.priority || a.sequence - b.sequence);
  }

  private pump(): void {
    while (this.running < this.limit && this.waiting.length > 0) {
      const entry = this.waiting.shift()!;
      void this.start(entry);
    }
  }

  private async start(entry: Entry): Promise<void> {
    this.running++;
    this.peakInFlight = Math.max(this.peakInFlight, this.running);
    const epoch = this.epoch;
    let contended = this.running > 1;
    entry.attempts++;
    let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, value: await entry.run(entry.signal) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    contended ||= this.running > 1;
    this.running--;
    const failure = outcome.ok ? entry.answerError(outcome.value) : outcome.error;
    if (entry.signal.aborted) {
      this.fail(entry, abortError(entry.signal));
      this.pump();
      return;
    }
    this.lastAnswerAt = this.now();
    // A timeout of a query that ran alone may still be load (other clients, a busy machine): a couple of
    // retries, no more, since it may as well be a query too heavy for Prometheus's timeout.
    const loneTimeout =
      failure !== undefined &&
      !contended &&
      isTimeoutAnswer(failure) &&
      ++entry.loneTimeouts <= MAX_LONE_TIMEOUT_RETRIES;
    if (failure !== undefined && (isOverload(failure) || (contended && isTimeoutAnswer(failure)) || loneTimeout)) {
      this.overloads++;
      this.shrink(epoch);
      this.retry(entry, failure, outcome);
    } else if (outcome.ok) {
      this.grow();
      this.succeed(entry, outcome.value);
    } else {
      this.fail(entry, outcome.error);
    }
    this.pump();
  }

  private grow(): void {
    if (this.limit < this.ceiling) {
      this.limit++;
      return;
    }
    if (this.ceiling < this.settings.maxConcurrency && ++this.successesAtCeiling >= this.settings.probeAfterSuccesses) {
      this.ceiling++;
      this.successesAtCeiling = 0;
    }
  }

  private shrink(epochAtStart: number): void {
    if (epochAtStart !== this.epoch) {
      return;
    }
    this.epoch++;
    this.ceiling = Math.max(1, this.running);
    this.successesAtCeiling = 0;
    this.limit = Math.max(1, Math.floor(this.limit / 2));
  }

  /** After the last retry a thrown overload fails the task; one answered as a value is its result. */
  private retry(entry: Entry, error: unknown, outcome: { ok: true; value: unknown } | { ok: false }): void {
    if (entry.settled) {
      return;
    }
    if (entry.attempts > this.settings.maxRetries) {
      if (outcome.ok) {
        this.succeed(entry, outcome.value);
        return;
      }
      this.fail(
        entry,
        new SchedulerTaskError(
          `still overloaded after ${entry.attempts} attempts: ${describeError(error)}`,
          'overloaded',
          error
        )
      );
      return;
    }
    const cap = Math.min(this.settings.maxBackoffMillis, this.settings.baseBackoffMillis * 2 ** (entry.attempts - 1));
    // "Equal jitter": at least half the backoff, so that retries spread out but never come at once.
    const delay = cap / 2 + (this.random() * cap) / 2;
    this.backingOff++;
    this.sleep(delay, entry.signal).then(
      () => {
        this.backingOff--;
        if (!entry.settled) {
          this.enqueue(entry);
        }
      },
      () => {
        this.backingOff--;
        this.fail(entry, abortError(entry.signal));
      }
    );
  }

  private succeed(entry: Entry, value: unknown): void {
    if (entry.settled) {
      return;
    }
    entry.settled = true;
    entry.detachAbort();
    this.completed++;
    entry.resolve(value);
  }

  private fail(entry: Entry, error: unknown): void {
    if (entry.settled) {
      return;
    }
    entry.settled = true;
    entry.detachAbort();
    this.failed++;
    entry.reject(error);
  }
}

const schedulers = new Map<string, AdaptiveScheduler>();

/** One scheduler per data source (uid, or Prometheus URL), shared by everything that queries it. */
export function schedulerFor(key: string, options?: SchedulerOptions): AdaptiveScheduler {
  let scheduler = schedulers.get(key);
  if (!scheduler) {
    scheduler = new AdaptiveScheduler(options);
    schedulers.set(key, scheduler);
  }
  return scheduler;
}

/**
 * Whether an error says the data source is overloaded (so waiting and retrying will do), for the HTTP
 * client's errors (`status`, `errorType`, `message`) and Grafana's `DataQueryError` (`status`, `message`,
 * `data.message`, where Prometheus's error arrives as `errorType: message` text). A Prometheus `timeout`
 * is overload only in the query queue: a query that timed out in evaluation is too heavy, and asking
 * again would not help.
 */
export function isOverload(error: unknown): boolean {
  if (typeof error === 'string') {
    return overloadText(error);
  }
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  const record = error as { status?: unknown; errorType?: unknown; message?: unknown; data?: { message?: unknown } };
  const texts = [record.message, record.data?.message].filter((text): text is string => typeof text === 'string');
  const errorType =
    typeof record.errorType === 'string'
      ? record.errorType
      : texts.map((text) => PROMETHEUS_ERROR_TEXT.exec(text)?.[1]).find((type) => type !== undefined);
  if (errorType !== undefined) {
    return overloadType(errorType, texts.join('\n'));
  }
  const status = Number(record.status);
  return status === 503 || status === 429 || texts.some(overloadText);
}

/**
 * Whether an error is Prometheus's `timeout` (in the queue, in evaluation or execution). Its timeout counts
 * the time a query waited in the queue, so a timeout while other queries of ours were running is ours to
 * cause: the scheduler retries it then (at lower concurrency), and only one that ran alone is the query's own.
 */
export function isTimeoutAnswer(error: unknown): boolean {
  if (typeof error === 'string') {
    return timeoutText(error);
  }
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  const record = error as { errorType?: unknown; message?: unknown; data?: { message?: unknown } };
  return (
    record.errorType === 'timeout' ||
    [record.message, record.data?.message].some((text) => typeof text === 'string' && timeoutText(text))
  );
}

/** `timeout: query timed out in …`, or the deadline as Prometheus reports it from storage (`execution: … context deadline exceeded`). */
function timeoutText(text: string): boolean {
  return /^timeout: /.test(text) || /context deadline exceeded/.test(text);
}

/** Prometheus's error types (web/api/v1), as Grafana shows them: `timeout: query timed out in …`. */
const PROMETHEUS_ERROR_TEXT = /^(timeout|canceled|execution|bad_data|internal|unavailable|not_found|not_acceptable): /;

function overloadType(errorType: string, text: string): boolean {
  return errorType === 'unavailable' || (errorType === 'timeout' && /query queue/i.test(text)) || tooMany(text);
}

function overloadText(text: string): boolean {
  const typed = PROMETHEUS_ERROR_TEXT.exec(text);
  return typed ? overloadType(typed[1], text) : tooMany(text) || /query queue/i.test(text);
}

function tooMany(text: string): boolean {
  return /too many (concurrent )?(requests|queries)/i.test(text);
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name !== 'AbortError') {
    return reason;
  }
  const detail = reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : 'aborted';
  return new SchedulerTaskError(`cancelled before an answer: ${detail}`, 'aborted', reason);
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  if (typeof error === 'object' && error !== null) {
    const record = error as { message?: unknown; data?: { message?: unknown }; status?: unknown };
    const message = record.data?.message ?? record.message;
    if (typeof message === 'string') {
      return message;
    }
    if (record.status !== undefined) {
      return `HTTP ${String(record.status)}`;
    }
  }
  return String(error);
}

function abortableSleep(millis: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, millis);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
