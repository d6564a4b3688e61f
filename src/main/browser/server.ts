import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { BridgeMessage, BridgeRequest } from '../../shared/api';
import type { EventHub } from '../app/event-hub';
import type { CallContext, Router } from '../ipc/router';
import { contentSecurityPolicy } from '../base/csp';
import type { DownloadRegistry } from './downloads';
import { RequestGuard } from './guard';
import { serveStatic } from './static-files';

export interface BrowserShellOptions {
  router: Router;
  hub: EventHub;
  downloads: DownloadRegistry;
  rendererDir: string;
  token: string;
  port: number;
  context: () => CallContext;
}

export interface RunningShell {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The browser shell: the built renderer over HTTP and the IPC contract over a WebSocket, on
 * 127.0.0.1 only, behind a per-run token and an Origin check.
 */
export async function startBrowserShell(options: BrowserShellOptions): Promise<RunningShell> {
  let port = 0;
  const guard = new RequestGuard(options.token, () => port);
  const securityHeaders = (): Record<string, string> => ({
    'Content-Security-Policy': contentSecurityPolicy(guard.allowedOrigins().map((o) => o.replace('http:', 'ws:'))),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
  });

  const server: Server = createServer((request, response) => handleHttp(request, response));
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });

  function handleHttp(request: IncomingMessage, response: ServerResponse): void {
    const refusal = guard.refuse(request, { requireOrigin: false });
    if (refusal) return void response.writeHead(refusal.status, { 'Content-Type': 'text/plain' }).end(`${refusal.reason}\n`);
    if (request.method !== 'GET' && request.method !== 'HEAD') return void response.writeHead(405).end();
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const headers = { ...securityHeaders(), ...(guard.tokenFromQuery(request) ? { 'Set-Cookie': guard.sessionCookie() } : {}) };
    if (path.startsWith('/downloads/')) return void options.downloads.serve(path.slice('/downloads/'.length), response, headers);
    if (!serveStatic(options.rendererDir, path, response, headers)) response.writeHead(404, headers).end('not found\n');
  }

  server.on('upgrade', (request, socket, head) => {
    const refusal = guard.refuse(request, { requireOrigin: true });
    if (refusal || new URL(request.url ?? '/', 'http://127.0.0.1').pathname !== '/bridge') {
      socket.end(`HTTP/1.1 ${refusal?.status ?? 404} ${refusal?.reason ?? 'not found'}\r\nConnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => bridge(ws));
  });

  function bridge(ws: WebSocket): void {
    const send = (message: BridgeMessage): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const unsubscribe = options.hub.subscribe((name, payload) => send({ kind: 'event', name, payload }));
    ws.on('close', unsubscribe);
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
    url: `http://127.0.0.1:${port}/?token=${options.token}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
