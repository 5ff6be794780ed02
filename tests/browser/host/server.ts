/**
 * The browser-test host's HTTP server, in place of Grafana's: the host bundle and index.html, the
 * icons @grafana/ui loads at run time, Grafana's fonts, and `/prometheus/*` proxied to the demo
 * Prometheus. Every other path is a client route (`/a/sloburn-slo-app/…`, `/panels/…`) and gets
 * index.html, as Grafana serves its single-page app.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PROMETHEUS_PROXY_PATH } from './constants';

export interface HostServerOptions {
  /** Where build.ts wrote index.html and the bundle. */
  buildDir: string;
  /** Base URL of the demo Prometheus, e.g. http://127.0.0.1:41234 */
  prometheusUrl: string;
  /** Default: a free port. */
  port?: number;
}

export interface HostServer {
  url: string;
  /** Grafana icons the page asked for that @grafana/ui does not ship (answered with a blank icon). */
  missingIcons: Set<string>;
  close(): Promise<void>;
}

/**
 * @grafana/ui's package ships the icons its own components need most; Grafana's server has the whole
 * Unicons set (spinner, angle-double-left, …). An icon missing here is drawn blank, not failed.
 */
const BLANK_ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"></svg>';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

const ICONS_DIR = path.join(
  path.dirname(require.resolve('@grafana/ui/package.json')),
  'dist',
  'public',
  'img',
  'icons'
);

/**
 * Grafana serves Inter and Roboto Mono from public/fonts; @grafana/ui's global styles point there. The
 * same typefaces come from the npm packages @fontsource/inter and @fontsource/roboto-mono.
 */
function fontFile(name: string): string | null {
  const fontsource = (pkg: string, file: string) =>
    path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'files', file);
  const files: Record<string, string> = {
    'inter/Inter-Regular.woff2': fontsource('@fontsource/inter', 'inter-latin-400-normal.woff2'),
    'inter/Inter-Italic.woff2': fontsource('@fontsource/inter', 'inter-latin-400-italic.woff2'),
    'inter/Inter-Medium.woff2': fontsource('@fontsource/inter', 'inter-latin-500-normal.woff2'),
    'inter/Inter-MediumItalic.woff2': fontsource('@fontsource/inter', 'inter-latin-500-italic.woff2'),
  };
  if (name.startsWith('roboto/')) {
    return fontsource('@fontsource/roboto-mono', 'roboto-mono-latin-400-normal.woff2');
  }
  return files[name] ?? null;
}

export async function startHostServer(options: HostServerOptions): Promise<HostServer> {
  const indexFile = path.join(options.buildDir, 'index.html');
  if (!existsSync(indexFile)) {
    throw new Error(`no host bundle in ${options.buildDir}: run tests/browser/host/build.ts first`);
  }
  const prometheus = new URL(options.prometheusUrl);
  const missingIcons = new Set<string>();
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://host');
    const pathname = decodeURIComponent(url.pathname);
    if (pathname === PROMETHEUS_PROXY_PATH || pathname.startsWith(`${PROMETHEUS_PROXY_PATH}/`)) {
      proxy(request, response, prometheus, `${pathname.slice(PROMETHEUS_PROXY_PATH.length)}${url.search}`);
    } else if (pathname.startsWith('/build/')) {
      sendFile(response, inside(options.buildDir, pathname.slice('/build/'.length)));
    } else if (pathname.startsWith('/public/build/img/icons/')) {
      const icon = inside(ICONS_DIR, pathname.slice('/public/build/img/icons/'.length));
      if (icon && existsSync(icon)) {
        sendFile(response, icon);
      } else {
        missingIcons.add(pathname.slice('/public/build/img/icons/'.length));
        send(response, 200, CONTENT_TYPES['.svg'], BLANK_ICON);
      }
    } else if (pathname.startsWith('/public/fonts/')) {
      sendFile(response, fontFile(pathname.slice('/public/fonts/'.length)));
    } else if (pathname.startsWith('/public/') || pathname.startsWith('/api/') || pathname === '/favicon.ico') {
      // Nothing of Grafana's server exists here: a page that asks for it shows up as a failed request.
      send(response, 404, 'text/plain; charset=utf-8', `the browser-test host does not serve ${pathname}\n`);
    } else {
      sendFile(response, indexFile);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    missingIcons,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `relative` inside `root`, or null when it would leave it. */
function inside(root: string, relative: string): string | null {
  const file = path.resolve(root, relative);
  return file.startsWith(`${path.resolve(root)}${path.sep}`) ? file : null;
}

function sendFile(response: http.ServerResponse, file: string | null): void {
  if (!file || !existsSync(file) || !statSync(file).isFile()) {
    send(response, 404, 'text/plain; charset=utf-8', 'not found\n');
    return;
  }
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Cache-Control': 'no-store',
  });
  createReadStream(file).pipe(response);
}

function send(response: http.ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'Content-Type': contentType });
  response.end(body);
}

function proxy(request: http.IncomingMessage, response: http.ServerResponse, target: URL, pathAndQuery: string): void {
  const upstream = http.request(
    {
      host: target.hostname,
      port: target.port,
      method: request.method,
      path: `${target.pathname.replace(/\/$/, '')}${pathAndQuery}`,
      headers: {
        'content-type': request.headers['content-type'] ?? 'application/x-www-form-urlencoded',
        ...(request.headers['content-length'] ? { 'content-length': request.headers['content-length'] } : {}),
        accept: 'application/json',
      },
    },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, {
        'Content-Type': answer.headers['content-type'] ?? 'application/json',
      });
      answer.pipe(response);
    }
  );
  upstream.on('error', (error) => {
    if (!response.headersSent) {
      send(
        response,
        502,
        'application/json',
        JSON.stringify({ status: 'error', errorType: 'proxy', error: error.message })
      );
    } else {
      response.destroy(error);
    }
  });
  request.pipe(upstream);
}
