/** @jest-environment node */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PrometheusHttpClient, PrometheusUnreachableError } from './httpClient';
import type { PlannedQuery } from './plan';
import { isOverload } from './scheduler';

interface Received {
  method: string;
  path: string;
  parameters: Record<string, string>;
}

type Handler = (request: Received, response: ServerResponse, raw: IncomingMessage) => void;

/** A local HTTP server on a real socket: `handle` answers, `received` keeps what arrived. */
async function localServer(handle: Handler): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((raw, response) => {
    let body = '';
    raw.on('data', (chunk: Buffer) => (body += chunk.toString()));
    raw.on('end', () => {
      const request = {
        method: raw.method ?? '',
        path: raw.url ?? '',
        parameters: Object.fromEntries(new URLSearchParams(body)),
      };
      received.push(request);
      handle(request, response, raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve(undefined));
        })
    )
  );
});

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

const vector = { status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [100, '1'] }] } };
const instant: PlannedQuery = {
  refId: 'windows',
  role: 'windows',
  expr: 'sum(rate(x[5m]))',
  instant: true,
  start: 100,
  end: 100,
  step: 300,
  perSecond: true,
};
const range: PlannedQuery = { ...instant, refId: 'bad', role: 'bad', instant: false, start: 0, end: 600 };

describe('PrometheusHttpClient redirects', () => {
  it.each([301, 302, 303, 307, 308])('re-sends the POST with its parameters after a %s', async (status) => {
    const target = await localServer((request, response) => json(response, 200, vector));
    const redirecting = await localServer((request, response) => {
      response.writeHead(status, { Location: `${target.url}/prometheus${request.path}` });
      response.end();
    });
    const { result } = await new PrometheusHttpClient({ url: redirecting.url }).run(instant);
    expect(result.error).toBeUndefined();
    expect(result.series).toHaveLength(1);
    expect(target.received).toEqual([
      {
        method: 'POST',
        path: '/prometheus/api/v1/query',
        parameters: expect.objectContaining({ query: 'sum(rate(x[5m]))', time: '100' }),
      },
    ]);
  });

  it('follows a relative Location and names the chain when the target fails', async () => {
    const redirecting = await localServer((request, response) => {
      if (request.path.startsWith('/moved')) {
        response.writeHead(502, { 'Content-Type': 'text/html' });
        response.end('<html>Bad Gateway</html>');
        return;
      }
      response.writeHead(302, { Location: `/moved${request.path}` });
      response.end();
    });
    const failure = new PrometheusHttpClient({ url: redirecting.url }).run(instant);
    await expect(failure).rejects.toThrow(
      `Prometheus at ${redirecting.url} is unreachable: answered HTTP 502 Bad Gateway with something that is not JSON: ` +
        `<html>Bad Gateway</html>`
    );
    const error = await failure.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PrometheusUnreachableError);
  });

  it('names the chain when a redirect target cannot be reached', async () => {
    const gone = await localServer(() => undefined);
    await new Promise((resolve) => gone.server.close(resolve));
    const redirecting = await localServer((request, response) => {
      response.writeHead(307, { Location: `${gone.url}/api/v1/query` });
      response.end();
    });
    await expect(new PrometheusHttpClient({ url: redirecting.url }).run(instant)).rejects.toThrow(
      `Prometheus at ${redirecting.url} is unreachable: ECONNREFUSED ` +
        `(via ${redirecting.url}/api/v1/query → 307 ${gone.url}/api/v1/query)`
    );
  });

  it('gives up after a bounded number of hops, naming them', async () => {
    const looping = await localServer((request, response) => {
      const hop = Number(/\/hop(\d+)/.exec(request.path)?.[1] ?? 0);
      response.writeHead(301, { Location: `/hop${hop + 1}/api/v1/query` });
      response.end();
    });
    const failure = new PrometheusHttpClient({ url: looping.url, maxRedirects: 2 }).run(instant);
    await expect(failure).rejects.toThrow(
      `more than 2 redirects (via ${looping.url}/api/v1/query → 301 ${looping.url}/hop1/api/v1/query → ` +
        `301 ${looping.url}/hop2/api/v1/query → 301 ${looping.url}/hop3/api/v1/query)`
    );
    expect(looping.received).toHaveLength(3);
  });

  it('says so when a redirect has no Location', async () => {
    const broken = await localServer((request, response) => {
      response.writeHead(302);
      response.end();
    });
    await expect(new PrometheusHttpClient({ url: broken.url }).run(instant)).rejects.toThrow(
      'answered HTTP 302 without a Location to go to'
    );
  });
});

describe('PrometheusHttpClient answers', () => {
  it('is an error naming the type when an instant query gets a scalar, string or matrix', async () => {
    const answers = [
      { resultType: 'scalar', result: [100, '1'] },
      { resultType: 'string', result: [100, 'x'] },
      { resultType: 'matrix', result: [{ metric: {}, values: [[100, '1']] }] },
    ];
    const server = await localServer((request, response) =>
      json(response, 200, { status: 'success', data: answers[Number(request.parameters.query)] })
    );
    const client = new PrometheusHttpClient({ url: server.url });
    const errors = await Promise.all(
      answers.map(async (_, index) => (await client.run({ ...instant, expr: String(index) })).result)
    );
    expect(errors).toEqual([
      {
        refId: 'windows',
        series: [],
        error: 'Prometheus answered a scalar result, expected a vector from an instant query: it is not evaluated',
      },
      {
        refId: 'windows',
        series: [],
        error: 'Prometheus answered a string result, expected a vector from an instant query: it is not evaluated',
      },
      {
        refId: 'windows',
        series: [],
        error: 'Prometheus answered a matrix result, expected a vector from an instant query: it is not evaluated',
      },
    ]);
  });

  it('is an error when a range query gets a vector', async () => {
    const server = await localServer((request, response) => json(response, 200, vector));
    const { result } = await new PrometheusHttpClient({ url: server.url }).run(range);
    expect(result.error).toBe(
      'Prometheus answered a vector result, expected a matrix from a range query: it is not evaluated'
    );
  });

  it('says a success answer came without data', async () => {
    const server = await localServer((request, response) => json(response, 200, { status: 'success' }));
    const { result } = await new PrometheusHttpClient({ url: server.url }).run(instant);
    expect(result.error).toBe('Prometheus answered "success" without data');
  });

  it('keeps warnings and infos on the result', async () => {
    const server = await localServer((request, response) =>
      json(response, 200, {
        ...vector,
        warnings: ['PromQL warning: encountered a mix of histograms and floats'],
        infos: ['PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "x"'],
      })
    );
    const { result } = await new PrometheusHttpClient({ url: server.url }).run(instant);
    expect(result.warnings).toEqual([
      'PromQL warning: encountered a mix of histograms and floats',
      'PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "x"',
    ]);
    expect(result.series).toHaveLength(1);
  });

  it('throws an overload answer (for the scheduler to retry) and returns other errors as results', async () => {
    const server = await localServer((request, response) => {
      if (request.parameters.query === 'queued') {
        json(response, 503, { status: 'error', errorType: 'timeout', error: 'query timed out in query queue' });
      } else if (request.parameters.query === 'heavy') {
        json(response, 503, {
          status: 'error',
          errorType: 'timeout',
          error: 'query timed out in expression evaluation',
        });
      } else {
        response.writeHead(429, { 'Content-Type': 'text/plain' });
        response.end('Too Many Requests');
      }
    });
    const client = new PrometheusHttpClient({ url: server.url });
    const queued = await client.run({ ...instant, expr: 'queued' }).catch((error: unknown) => error);
    expect(queued).toBeInstanceOf(PrometheusUnreachableError);
    expect((queued as Error).message).toBe(
      `Prometheus at ${server.url} is overloaded: HTTP 503, timeout: query timed out in query queue`
    );
    expect(isOverload(queued)).toBe(true);
    const limited = await client.run({ ...instant, expr: 'limited' }).catch((error: unknown) => error);
    expect(isOverload(limited)).toBe(true);
    expect((limited as Error).message).toBe(
      `Prometheus at ${server.url} is overloaded: answered HTTP 429 Too Many Requests with something that is not JSON: Too Many Requests`
    );
    const heavy = await client.run({ ...instant, expr: 'heavy' });
    expect(heavy.result.error).toBe('timeout: query timed out in expression evaluation');
  });

  it("sends the time left as Prometheus's timeout and abandons the request when the caller aborts", async () => {
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
    const server = await localServer((request, response, raw) => {
      raw.socket.on('close', () => closed());
    });
    const controller = new AbortController();
    const running = new PrometheusHttpClient({ url: server.url, timeoutSeconds: 30 }).run(instant, {
      signal: controller.signal,
      timeoutSeconds: 1.2345,
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort(new Error('the SLO took longer than its timeout'));
    await expect(running).rejects.toThrow('the SLO took longer than its timeout');
    await connectionClosed;
    expect(server.received[0].parameters.timeout).toBe('1235ms');
  });

  it("settles when its signal aborts even if the body read never does (as Node 20's fetch sometimes does)", async () => {
    const bodyNeverEnds = {
      status: 200,
      statusText: 'OK',
      type: 'basic',
      headers: new Headers(),
      body: null,
      text: () => new Promise<string>(() => undefined),
    } as unknown as Response;
    const client = new PrometheusHttpClient({ url: 'http://prometheus', fetch: async () => bodyNeverEnds });
    const controller = new AbortController();
    const running = client.run(instant, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort(new Error('gave up on this SLO'));
    await expect(running).rejects.toThrow('gave up on this SLO');
  });

  it('settles when its own timeout fires even if the fetch never does', async () => {
    jest.useFakeTimers();
    try {
      const client = new PrometheusHttpClient({
        url: 'http://prometheus',
        timeoutSeconds: 1,
        fetch: () => new Promise<Response>(() => undefined),
      });
      const running = client.run(instant).catch((error: unknown) => error);
      await jest.advanceTimersByTimeAsync(6_000);
      expect(await running).toEqual(
        new PrometheusUnreachableError('http://prometheus', 'no answer before the timeout')
      );
    } finally {
      jest.useRealTimers();
    }
  });
});
