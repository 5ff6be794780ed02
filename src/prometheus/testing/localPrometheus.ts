import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake Prometheus saw it. */
export interface Arrival {
  at: number;
  path: string;
  parameters: Record<string, string>;
  /** When the client closed the connection (e.g. it abandoned the request). */
  closedAt?: number;
  answered: boolean;
}

export interface FakePrometheusAnswer {
  /** Milliseconds before answering (default 0). */
  delayMillis?: number;
  /** HTTP status (default 200). */
  status?: number;
  /** Default: an empty result of the type the endpoint gives (vector, or matrix for query_range). */
  body?: unknown;
}

export interface LocalPrometheus {
  url: string;
  arrivals: Arrival[];
  stop(): Promise<void>;
}

/**
 * Test support: a stand-in Prometheus on a real loopback socket, answering each request as `answer`
 * says, and recording what arrived and when the client hung up. Node only.
 */
export async function localPrometheus(
  answer: (arrival: Arrival) => FakePrometheusAnswer = () => ({})
): Promise<LocalPrometheus> {
  const arrivals: Arrival[] = [];
  const server: Server = createServer((raw: IncomingMessage, response: ServerResponse) => {
    let body = '';
    raw.on('data', (chunk: Buffer) => (body += chunk.toString()));
    raw.on('end', () => {
      const arrival: Arrival = {
        at: Date.now(),
        path: raw.url ?? '',
        parameters: Object.fromEntries(new URLSearchParams(body)),
        answered: false,
      };
      arrivals.push(arrival);
      raw.socket.once('close', () => (arrival.closedAt = Date.now()));
      const planned = answer(arrival);
      const timer = setTimeout(() => {
        if (response.destroyed) {
          return;
        }
        arrival.answered = true;
        const resultType = arrival.path.endsWith('query_range') ? 'matrix' : 'vector';
        response.writeHead(planned.status ?? 200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(planned.body ?? { status: 'success', data: { resultType, result: [] } }));
      }, planned.delayMillis ?? 0);
      // An answer still pending when the test ends must not keep the test runner alive.
      timer.unref();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrivals,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Prometheus's `timeout` parameter in milliseconds: `1s`, `1234ms`. */
export function timeoutMillis(timeout: string | undefined): number {
  const match = /^(\d+)(ms|s)$/.exec(timeout ?? '');
  return match ? Number(match[1]) * (match[2] === 's' ? 1000 : 1) : Number.NaN;
}
