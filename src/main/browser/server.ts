import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { BridgeMessage, BridgeRequest } from '../../shared/api';
import type { EventHub } from '../app/event-hub';
import type { CallContext, Router } from '../ipc/router';
import { contentSecurityPolicy } from '../base/csp';
import type { DownloadRegistry } from './downloads';
import { RequestGuard } from './guard';
import { isPageRequest, refusedPage } from './refused-page';
import { defaultLiveness, watchLiveness, type Liveness } from './socket-liveness';
import { BrowserSessions } from './sessions';
import { readRequestTarget } from './request-target';
import { serveStatic } from './static-files';

export interface BrowserShellOptions {
  router: Router;
  hub: EventHub;
  downloads: DownloadRegistry;
  rendererDir: string;
  token: string;
  port: number;
  context: () => CallContext;
  /** Ping period and send-buffer limit per tab (tests shorten them). */
  liveness?: Liveness;
  /** The clock one-time links expire by (tests hand in their own). */
  now?: () => number;
  /** Where a request that failed unexpectedly is logged (it gets a 500; the console keeps running). */
  log?: (message: string, error: unknown) => void;
}

export interface RunningShell {
  /** The URL to print for the user (it carries the token: never put it on a command line). */
  url: string;
  port: number;
  /** Tabs connected now. */
  clientCount(): number;
  /** A new one-time link, good for a minute, to open the browser with. */
  bootstrapUrl(): string;
  close(): Promise<void>;
}

/**
 * The browser shell: the built renderer over HTTP and the IPC contract over a WebSocket, on
 * 127.0.0.1 only, behind a per-run token and an Origin check.
 */
export async function startBrowserShell(options: BrowserShellOptions): Promise<RunningShell> {
  let port = 0;
  const sessions = new BrowserSessions(options.now);
  const guard = new RequestGuard(options.token, () => port, sessions);
  const securityHeaders = (): Record<string, string> => ({
    'Content-Security-Policy': contentSecurityPolicy(guard.allowedOrigins().map((o) => o.replace('http:', 'ws:'))),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
  });

  const server: Server = createServer((request, response) => {
    // One request's failure is that request's 500, never the console's end.
    try {
      handleHttp(request, response);
    } catch (error) {
      options.log?.(`browser shell: ${request.method} request failed`, error);
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' }).end('internal error\n');
      else response.destroy();
    }
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });

  function handleHttp(request: IncomingMessage, response: ServerResponse): void {
    // Read before anything else looks at it: the guard's checks too parse the target.
    const target = readRequestTarget(request.url);
    if (!target) return void response.writeHead(400, { 'Content-Type': 'text/plain' }).end('malformed request target\n');
    const code = target.query.get('bootstrap');
    if (code !== null) return exchangeBootstrap(request, response, code);
    const refusal = guard.refuse(request, { requireOrigin: false });
    if (refusal?.status === 401 && isPageRequest(request))
      return void response
        .writeHead(401, { ...securityHeaders(), 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
        .end(refusedPage);
    if (refusal) return void response.writeHead(refusal.status, { 'Content-Type': 'text/plain' }).end(`${refusal.reason}\n`);
    if (request.method !== 'GET' && request.method !== 'HEAD') return void response.writeHead(405).end();
    const path = target.path;
    const headers = {
      ...securityHeaders(),
      ...(guard.tokenFromQuery(request) ? { 'Set-Cookie': guard.sessionCookie(sessions.open()) } : {}),
    };
    if (path.startsWith('/downloads/')) return void options.downloads.serve(path.slice('/downloads/'.length), response, headers);
    if (!serveStatic(options.rendererDir, path, response, headers)) response.writeHead(404, headers).end('not found\n');
  }

  /**
   * A one-time link, exchanged for a session cookie and then dead. The answer is a page that goes
   * on to / itself: a redirect would still count as the opener's (cross-site) navigation, which
   * SameSite=Strict sends no cookie on.
   */
  function exchangeBootstrap(request: IncomingMessage, response: ServerResponse, code: string): void {
    const refusal = guard.refuse(request, { requireOrigin: false, tokenless: true });
    if (refusal) return void response.writeHead(refusal.status, { 'Content-Type': 'text/plain' }).end(`${refusal.reason}\n`);
    if (!sessions.redeemLink(code))
      return void response
        .writeHead(401, { 'Content-Type': 'text/plain' })
        .end('This link was used already or has expired: open the URL the console printed when it started.\n');
    response
      .writeHead(200, {
        ...securityHeaders(),
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'Set-Cookie': guard.sessionCookie(sessions.open()),
      })
      // The console's own icon: without one the browser asks for /favicon.ico, which does not exist.
      .end(
        '<!doctype html><meta http-equiv="refresh" content="0;url=/"><link rel="icon" type="image/svg+xml" href="/favicon.svg">' +
          '<title>Ferry</title><a href="/">Open the Ferry console</a>\n',
      );
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node drops its own error handling from an upgraded socket: a reset must not become an uncaught error.
    socket.on('error', () => socket.destroy());
    try {
      upgrade(request, socket, head);
    } catch (error) {
      options.log?.('browser shell: WebSocket upgrade failed', error);
      socket.end('HTTP/1.1 500 internal error\r\nConnection: close\r\n\r\n');
    }
  });

  function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const target = readRequestTarget(request.url);
    const refusal = target ? guard.refuse(request, { requireOrigin: true }) : { status: 400, reason: 'malformed request target' };
    if (refusal || target?.path !== '/bridge') {
      socket.end(`HTTP/1.1 ${refusal?.status ?? 404} ${refusal?.reason ?? 'not found'}\r\nConnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => bridge(ws));
  }

  function bridge(ws: WebSocket): void {
    const liveness = watchLiveness(ws, options.liveness ?? defaultLiveness);
    const send = (message: BridgeMessage): void => {
      if (ws.readyState === ws.OPEN) liveness.send(JSON.stringify(message));
    };
    const unsubscribe = options.hub.subscribe((name, payload) => send({ kind: 'event', name, payload }));
    ws.on('close', () => {
      unsubscribe();
      liveness.stop();
    });
    // A message over maxPayload or a malformed frame: ws closes the socket (1009, 1002...) and emits
    // this; without a listener it would be an uncaught exception that stops the whole console.
    ws.on('error', () => undefined);
    ws.on('message', async (data) => {
      let request: BridgeRequest;
      try {
        request = JSON.parse(String(data)) as BridgeRequest;
        if (typeof request !== 'object' || request === null || typeof request.id !== 'number') throw new Error('no id');
      } catch {
        ws.close(1008, 'malformed message');
        return;
      }
      const envelope = await options.router.dispatch(request.name, request.payload, options.context());
      send({ kind: 'reply', id: request.id, envelope });
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    clientCount: () => sockets.clients.size,
    url: `http://127.0.0.1:${port}/?token=${options.token}`,
    bootstrapUrl: () => `http://127.0.0.1:${port}/?bootstrap=${sessions.issueLink()}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
