// The preview server of `cs-train serve`: static files with sirv, HTML with the live-reload client
// added on the way out, and a server-sent-events stream that tells pages to reload or show errors.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, posix } from 'node:path';
import sirv from 'sirv';
import { CLIENT_PATH, CLIENT_SCRIPT, EVENTS_PATH, injectClient, waitingPage } from './live-client.js';

/** One message to open pages. */
export interface LiveEvent {
  event: 'reload' | 'failed' | 'ok';
  data: object;
}

/** A running preview server. */
export interface LiveServer {
  url: string;
  /** Port asked for, when it was taken and another was chosen. */
  portTaken?: number;
  /** Send an event to every open page; a `failed` event is also replayed to pages opened later. */
  publish(event: LiveEvent): void;
  close(): Promise<void>;
}

/** Options of the preview server. */
export interface LiveServerOptions {
  root: string;
  host: string;
  port: number;
  /** Whether a good build has been written to `root` yet. */
  hasOutput: () => boolean;
  /** The failure of the initial build, if it failed. */
  failure?: object;
}

/** Start serving `root`; when the port is taken, an unused one is chosen. */
export async function startLiveServer(options: LiveServerOptions): Promise<LiveServer> {
  const clients = new Set<ServerResponse>();
  let failure = options.failure;
  const assets = sirv(options.root, { dev: true, dotfiles: false });
  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch {
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    }
  });

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname === EVENTS_PATH) return openStream(req, res);
    if (pathname === CLIENT_PATH) return send(res, req, 'text/javascript; charset=utf-8', CLIENT_SCRIPT);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.statusCode = 405;
      return void res.end();
    }
    const html = findHtml(options.root, pathname);
    if (html?.endsWith('/')) {
      res.writeHead(302, { location: html });
      return void res.end();
    }
    if (html) return send(res, req, 'text/html; charset=utf-8', injectClient(readFileSync(html, 'utf8')));
    if (!options.hasOutput()) return send(res, req, 'text/html; charset=utf-8', waitingPage());
    assets(req, res, () => {
      res.statusCode = 404;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end(`Not found: ${pathname}\n`);
    });
  }

  function openStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write('retry: 1000\n\n');
    if (failure) res.write(frame({ event: 'failed', data: failure }));
    clients.add(res);
    req.on('close', () => clients.delete(res));
  }

  const port = await listen(server, options.port, options.host).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE' || options.port === 0) throw error;
    return listen(server, 0, options.host);
  });
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/`,
    portTaken: port !== options.port && options.port !== 0 ? options.port : undefined,
    publish(event) {
      if (event.event === 'failed') failure = event.data;
      if (event.event === 'ok') failure = undefined;
      for (const res of clients) res.write(frame(event));
    },
    close: () =>
      new Promise<void>((done) => {
        for (const res of clients) res.end();
        clients.clear();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

function frame(e: LiveEvent): string {
  return `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`;
}

function send(res: ServerResponse, req: IncomingMessage, type: string, body: string): void {
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(200, { 'content-type': type, 'content-length': bytes.length, 'cache-control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

/**
 * The HTML file a URL path names (`/x/` → x/index.html, `/x` → x.html), never outside `root`; for a
 * folder named without its trailing slash, the path to redirect to (ending in "/").
 */
function findHtml(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const rel = posix.normalize(decoded).replace(/^\/+/, '');
  if (rel.split('/').includes('..')) return undefined;
  const isFile = (r: string) => {
    const abs = join(root, ...r.split('/'));
    return existsSync(abs) && statSync(abs).isFile() ? abs : undefined;
  };
  if (rel === '' || rel.endsWith('/')) return isFile(`${rel}index.html`);
  if (/\.html?$/i.test(rel)) return isFile(rel);
  return isFile(`${rel}.html`) ?? (isFile(`${rel}/index.html`) ? `${pathname}/` : undefined);
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}
