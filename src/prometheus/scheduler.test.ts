import { AdaptiveScheduler, SchedulerTaskError, isOverload, isTimeoutAnswer, schedulerFor } from './scheduler';

/** A macrotask: lets every pending answer and retry move on, as a network round trip would. */
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Backoff without waiting: records the delays asked for and resolves on the next macrotask. */
function fakeSleep() {
  const delays: number[] = [];
  const sleep = (millis: number, signal: AbortSignal) => {
    delays.push(millis);
    return new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason);
      }
      setTimeout(resolve, 0);
    });
  };
  return { delays, sleep };
}

/**
 * A data source that serves `capacity` requests at once and answers `overloadAnswer` to any beyond,
 * taking a few round trips per answer. Records how many were in flight when each request arrived.
 */
function fakeDataSource(capacity: number, overloadAnswer: () => unknown) {
  let inFlight = 0;
  const arrivals: number[] = [];
  let overloads = 0;
  const query = async <T>(value: T, signal?: AbortSignal): Promise<T> => {
    inFlight++;
    arrivals.push(inFlight);
    try {
      for (let round = 0; round < 3; round++) {
        await tick();
        if (signal?.aborted) {
          throw signal.reason;
        }
      }
      if (arrivals[arrivals.length - 1] > capacity && inFlight > capacity) {
        overloads++;
        throw overloadAnswer();
      }
      return value;
    } finally {
      inFlight--;
    }
  };
  return { query, arrivals, overloads: () => overloads };
}

const httpOverload = () =>
  Object.assign(new Error('Prometheus answered HTTP 503 Service Unavailable'), { status: 503 });
const queueTimeout = () =>
  Object.assign(new Error('timeout: query timed out in query queue'), {
    status: 503,
    errorType: 'timeout',
  });

describe('AdaptiveScheduler under a data source that refuses more than N at once', () => {
  it.each([
    ['HTTP 503', httpOverload],
    ["Prometheus's query-queue timeout", queueTimeout],
  ])('completes every task without an error on %s, settling at or under N in flight', async (_, answer) => {
    const capacity = 3;
    const source = fakeDataSource(capacity, answer);
    const { sleep } = fakeSleep();
    const scheduler = new AdaptiveScheduler({ initialConcurrency: 4, maxConcurrency: 12, sleep, random: () => 0.5 });
    const tasks = Array.from({ length: 300 }, (_, index) => scheduler.schedule(() => source.query(index)));
    const results = await Promise.allSettled(tasks.map((task) => task.promise));

    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    expect(results.map((result) => (result as PromiseFulfilledResult<number>).value)).toEqual(
      Array.from({ length: 300 }, (_, index) => index)
    );
    expect(source.overloads()).toBeGreaterThan(0);
    // Once it has learnt the capacity it probes above it only now and then.
    const lateArrivals = source.arrivals.slice(source.arrivals.length / 2);
    const overCapacity = lateArrivals.filter((inFlight) => inFlight > capacity).length;
    expect(overCapacity / lateArrivals.length).toBeLessThan(0.1);
    expect(scheduler.stats().limit).toBeLessThanOrEqual(capacity + 1);
    expect(scheduler.stats()).toMatchObject({ completed: 300, failed: 0, inFlight: 0, queued: 0, backingOff: 0 });
  });

  it('grows towards its maximum while nothing is overloaded', async () => {
    const source = fakeDataSource(100, httpOverload);
    const scheduler = new AdaptiveScheduler({ initialConcurrency: 2, maxConcurrency: 8 });
    await Promise.all(Array.from({ length: 100 }, (_, index) => scheduler.schedule(() => source.query(index)).promise));
    expect(scheduler.stats().limit).toBe(8);
    expect(Math.max(...source.arrivals)).toBe(8);
    expect(source.arrivals.slice(0, 2)).toEqual([1, 2]);
  });

  it('backs off exponentially with jitter between half and all of the cap', async () => {
    const { delays, sleep } = fakeSleep();
    const scheduler = new AdaptiveScheduler({ sleep, random: () => 0.999, baseBackoffMillis: 100, maxRetries: 5 });
    let attempts = 0;
    const value = await scheduler.schedule(async () => {
      if (++attempts <= 4) {
        throw httpOverload();
      }
      return 'answered';
    }).promise;
    expect(value).toBe('answered');
    expect(delays.map(Math.round)).toEqual([100, 200, 400, 800]);

    const low = fakeSleep();
    const lowScheduler = new AdaptiveScheduler({ sleep: low.sleep, random: () => 0, baseBackoffMillis: 100 });
    let lowAttempts = 0;
    await lowScheduler.schedule(async () => {
      if (++lowAttempts <= 2) {
        throw httpOverload();
      }
    }).promise;
    expect(low.delays).toEqual([50, 100]);
  });
});

describe("AdaptiveScheduler and Prometheus's timeouts, which count the time queued behind our other queries", () => {
  const evaluationTimeout = { status: 503, errorType: 'timeout', message: 'query timed out in expression evaluation' };

  it('retries a timeout while other tasks of ours ran, at lower concurrency, until it runs', async () => {
    const { sleep } = fakeSleep();
    const scheduler = new AdaptiveScheduler({ initialConcurrency: 4, sleep });
    let inFlight = 0;
    const attempts: number[] = [];
    const tasks = Array.from({ length: 8 }, () =>
      scheduler.schedule(async () => {
        inFlight++;
        attempts.push(inFlight);
        await tick();
        const crowded = inFlight > 2;
        inFlight--;
        if (crowded) {
          throw evaluationTimeout;
        }
        return 'answered';
      })
    );
    expect(await Promise.all(tasks.map((task) => task.promise))).toEqual(Array(8).fill('answered'));
    expect(scheduler.stats().overloads).toBeGreaterThan(0);
    expect(scheduler.stats().limit).toBeLessThanOrEqual(4);
  });

  it('retries a timeout of a task that ran alone only twice: the query itself may be too heavy', async () => {
    const { sleep } = fakeSleep();
    const scheduler = new AdaptiveScheduler({ initialConcurrency: 1, maxConcurrency: 1, sleep });
    let attempts = 0;
    await expect(
      scheduler.schedule(async () => {
        attempts++;
        throw evaluationTimeout;
      }).promise
    ).rejects.toBe(evaluationTimeout);
    expect(attempts).toBe(3);
  });

  it('retries answers that carry an overload as a value, and resolves with the last one when retries run out', async () => {
    const { sleep } = fakeSleep();
    const scheduler = new AdaptiveScheduler({ sleep, maxRetries: 2 });
    let attempts = 0;
    const answer = await scheduler.schedule(
      async () => ({ attempt: ++attempts, error: 'timeout: query timed out in query queue' }),
      { answerError: (value) => value.error }
    ).promise;
    expect(answer).toEqual({ attempt: 3, error: 'timeout: query timed out in query queue' });

    let fine = 0;
    const answered = await scheduler.schedule(async () => ({ attempt: ++fine, error: 'bad_data: parse error' }), {
      answerError: (value) => value.error,
    }).promise;
    expect(answered.attempt).toBe(1);
  });

  it('tells timeouts apart', () => {
    expect(isTimeoutAnswer(evaluationTimeout)).toBe(true);
    expect(isTimeoutAnswer('timeout: query timed out in expression evaluation')).toBe(true);
    expect(isTimeoutAnswer({ message: 'timeout: query timed out in query execution' })).toBe(true);
    expect(isTimeoutAnswer('execution: expanding series: context deadline exceeded')).toBe(true);
    expect(isTimeoutAnswer({ errorType: 'bad_data', message: 'parse error' })).toBe(false);
    expect(isTimeoutAnswer(new Error('no answer before the timeout'))).toBe(false);
  });
});

describe('AdaptiveScheduler order', () => {
  /** One slot, taken until `release` is called, so that everything else waits in the queue. */
  function blocked() {
    let release!: () => void;
    const scheduler = new AdaptiveScheduler({ initialConcurrency: 1, maxConcurrency: 1 });
    scheduler.schedule(() => new Promise<void>((resolve) => (release = resolve)));
    return { scheduler, release: () => release() };
  }

  it('runs lower priorities first, first come first served within one', async () => {
    const { scheduler, release } = blocked();
    const order: string[] = [];
    const task = (name: string) => async () => void order.push(name);
    const all = [
      scheduler.schedule(task('a5'), { priority: 5 }),
      scheduler.schedule(task('b1'), { priority: 1 }),
      scheduler.schedule(task('c3'), { priority: 3 }),
      scheduler.schedule(task('d1'), { priority: 1 }),
      scheduler.schedule(task('e-default')),
    ];
    release();
    await Promise.all(all.map((one) => one.promise));
    expect(order).toEqual(['e-default', 'b1', 'd1', 'c3', 'a5']);
  });

  it('moves a waiting task when it is reprioritized (a row scrolled into view)', async () => {
    const { scheduler, release } = blocked();
    const order: number[] = [];
    const rows = Array.from({ length: 5 }, (_, row) =>
      scheduler.schedule(async () => void order.push(row), { priority: row })
    );
    rows[4].reprioritize(-1);
    rows[0].reprioritize(10);
    release();
    await Promise.all(rows.map((row) => row.promise));
    expect(order).toEqual([4, 1, 2, 3, 0]);
  });
});

describe('AdaptiveScheduler failures', () => {
  it('fails a task on its first non-overload error, without retrying', async () => {
    const scheduler = new AdaptiveScheduler();
    let attempts = 0;
    const badQuery = Object.assign(new Error('bad_data: parse error'), { status: 400, errorType: 'bad_data' });
    await expect(
      scheduler.schedule(async () => {
        attempts++;
        throw badQuery;
      }).promise
    ).rejects.toBe(badQuery);
    expect(attempts).toBe(1);
  });

  it('gives up after a bounded number of overload answers, naming the cause', async () => {
    const { sleep } = fakeSleep();
    const scheduler = new AdaptiveScheduler({ sleep, maxRetries: 3 });
    let attempts = 0;
    const failure = scheduler.schedule(async () => {
      attempts++;
      throw queueTimeout();
    }).promise;
    await expect(failure).rejects.toThrow('still overloaded after 4 attempts: timeout: query timed out in query queue');
    await expect(failure).rejects.toBeInstanceOf(SchedulerTaskError);
    expect(attempts).toBe(4);
  });

  it('removes an aborted task from the queue and rejects it with the reason', async () => {
    const scheduler = new AdaptiveScheduler({ initialConcurrency: 1, maxConcurrency: 1 });
    let release!: () => void;
    const first = scheduler.schedule(() => new Promise<string>((resolve) => (release = () => resolve('first'))));
    const controller = new AbortController();
    let ran = false;
    const queued = scheduler.schedule(async () => void (ran = true), { signal: controller.signal });
    controller.abort(new Error('evaluation of checkout took longer than --timeout 2 s'));
    await expect(queued.promise).rejects.toThrow('evaluation of checkout took longer than --timeout 2 s');
    expect(scheduler.stats().queued).toBe(0);
    release();
    expect(await first.promise).toBe('first');
    expect(ran).toBe(false);
  });

  it('aborts a running task through its signal, and frees the slot when it stops', async () => {
    const scheduler = new AdaptiveScheduler({ initialConcurrency: 1, maxConcurrency: 1 });
    const controller = new AbortController();
    let seenSignal: AbortSignal | undefined;
    const running = scheduler.schedule(
      (signal) =>
        new Promise((_, reject) => {
          seenSignal = signal;
          signal.addEventListener('abort', () => setTimeout(() => reject(new Error('fetch aborted')), 0));
        }),
      { signal: controller.signal }
    );
    const next = scheduler.schedule(async () => 'next');
    await tick();
    controller.abort();
    await expect(running.promise).rejects.toThrow('cancelled before an answer: ');
    expect(seenSignal?.aborted).toBe(true);
    expect(await next.promise).toBe('next');
  });

  it('aborts a task waiting for its backoff', async () => {
    const scheduler = new AdaptiveScheduler({ baseBackoffMillis: 60_000 });
    const controller = new AbortController();
    const task = scheduler.schedule(
      async () => {
        throw httpOverload();
      },
      { signal: controller.signal }
    );
    await tick();
    expect(scheduler.stats().backingOff).toBe(1);
    controller.abort(new Error('gave up'));
    await expect(task.promise).rejects.toThrow('gave up');
    await tick();
    expect(scheduler.stats().backingOff).toBe(0);
  });

  it('rejects a task whose signal has already fired without running it', async () => {
    const scheduler = new AdaptiveScheduler();
    let ran = false;
    const task = scheduler.schedule(async () => void (ran = true), { signal: AbortSignal.abort() });
    await expect(task.promise).rejects.toThrow('cancelled before an answer');
    expect(ran).toBe(false);
  });
});

describe('AdaptiveScheduler.stats().lastAnswerAt', () => {
  it('is when the data source last answered, success or error, and not when a request was abandoned', async () => {
    let clock = 1_000;
    const scheduler = new AdaptiveScheduler({ now: () => clock });
    expect(scheduler.stats().lastAnswerAt).toBeNull();
    await scheduler.schedule(async () => 'ok').promise;
    expect(scheduler.stats().lastAnswerAt).toBe(1_000);
    clock = 2_000;
    await scheduler
      .schedule(async () => {
        throw new Error('bad_data: parse error');
      })
      .promise.catch(() => undefined);
    expect(scheduler.stats().lastAnswerAt).toBe(2_000);
    clock = 3_000;
    const controller = new AbortController();
    const abandoned = scheduler.schedule(
      (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
      { signal: controller.signal }
    );
    await tick();
    controller.abort(new Error('deadline'));
    await abandoned.promise.catch(() => undefined);
    await tick();
    expect(scheduler.stats().lastAnswerAt).toBe(2_000);
  });
});

describe('schedulerFor', () => {
  it('gives one scheduler per data source', () => {
    expect(schedulerFor('http://a:9090')).toBe(schedulerFor('http://a:9090'));
    expect(schedulerFor('http://a:9090')).not.toBe(schedulerFor('uid-b'));
  });
});

describe('isOverload', () => {
  it.each<[string, unknown, boolean]>([
    ['HTTP 503 without a Prometheus body', { status: 503, message: 'Service Unavailable' }, true],
    ['HTTP 429', { status: 429, message: 'slow down' }, true],
    ['Prometheus unavailable', { status: 503, errorType: 'unavailable', message: 'unavailable: try later' }, true],
    ['a query-queue timeout', queueTimeout(), true],
    [
      'an evaluation timeout (too heavy, not overloaded)',
      { status: 503, errorType: 'timeout', message: 'query timed out in expression evaluation' },
      false,
    ],
    ['bad PromQL', { status: 400, errorType: 'bad_data', message: 'parse error' }, false],
    ['Grafana DataQueryError, queue timeout', { message: 'timeout: query timed out in query queue' }, true],
    [
      'Grafana DataQueryError, evaluation timeout with status 503',
      { status: 503, message: 'timeout: query timed out in expression evaluation' },
      false,
    ],
    ["Grafana's own limit", { status: 429, data: { message: 'Too many requests' } }, true],
    ['Grafana data.message only', { data: { message: 'Too many requests' } }, true],
    ['too many requests in text', 'upstream: too many requests', true],
    ['a plain error', new Error('ECONNREFUSED'), false],
    ['a 500', { status: 500, message: 'internal' }, false],
    ['nothing', undefined, false],
  ])('%s', (_, error, expected) => {
    expect(isOverload(error)).toBe(expected);
  });
});
