import { createServer, type Server } from 'node:http';
import { afterEach, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import type { ConnectionState, FerryBridge } from '../../src/shared/api/bridge';

// By a path in a variable: the bridge uses the DOM's types (location), which the Node tsconfig that checks the tests lacks.
const bridgeModule = '../../src/renderer/src/api/ws-bridge';
const { createWebSocketBridge } = (await import(/* @vite-ignore */ bridgeModule)) as {
  createWebSocketBridge: (url: string, options?: { refusedRetryMs?: number }) => FerryBridge;
};

const globals = globalThis as { WebSocket?: unknown };
const original = globals.WebSocket;
const servers: Server[] = [];
afterEach(() => {
  globals.WebSocket = original;
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
});

/** A console restarted under the tab: it refuses the old session (401) on / and on the upgrade, until it stops `refusing`. */
async function restartedConsole() {
  const console = { refusing: true, upgrades: 0 };
  const sockets = new WebSocketServer({ noServer: true });
  sockets.on('connection', (socket) =>
    socket.on('message', (data) => {
      const { id } = JSON.parse(String(data)) as { id: number };
      socket.send(JSON.stringify({ kind: 'reply', id, envelope: { ok: true, value: 'hi' } }));
    }),
  );
  const server = createServer((_request, response) => void response.writeHead(console.refusing ? 401 : 200).end());
  server.on('upgrade', (request, socket, head) => {
    console.upgrades += 1;
    if (console.refusing) return void socket.end('HTTP/1.1 401 missing or wrong token\r\nConnection: close\r\n\r\n');
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  globals.WebSocket = WebSocket;
  return { console, url: `ws://127.0.0.1:${(server.address() as { port: number }).port}/bridge` };
}

it('fails calls at once as refused (not disconnected), says the session was refused, and backs off when the console restarted', async () => {
  const { console, url } = await restartedConsole();
  const bridge = createWebSocketBridge(url);
  const states: ConnectionState[] = [];
  bridge.onConnectionState?.((state) => void states.push(state));
  await expect.poll(() => states.at(-1), { timeout: 5000 }).toBe('session-refused');

  const started = Date.now();
  expect(await bridge.invoke('app.info', {})).toEqual({
    ok: false,
    error: { code: 'SESSION_REFUSED', message: "Ferry refused this tab's session" },
  });
  expect(Date.now() - started).toBeLessThan(1000);

  // It asked once; a tab hammering every second would have asked three more times by now.
  const attempts = console.upgrades;
  await new Promise((resolve) => setTimeout(resolve, 3000));
  expect(console.upgrades - attempts).toBe(0);
});

it('comes back online once the session is accepted again', async () => {
  const { console, url } = await restartedConsole();
  const bridge = createWebSocketBridge(url, { refusedRetryMs: 200 });
  const states: ConnectionState[] = [];
  bridge.onConnectionState?.((state) => void states.push(state));
  await expect.poll(() => states.at(-1), { timeout: 5000 }).toBe('session-refused');
  console.refusing = false;
  await expect.poll(() => states.at(-1), { timeout: 5000 }).toBe('online');
  expect(await bridge.invoke('app.info', {})).toEqual({ ok: true, value: 'hi' });
});

it('says it is offline and stops a call waiting on a console that is down after a bounded wait', async () => {
  const { url } = await restartedConsole();
  for (const s of servers.splice(0)) await new Promise((resolve) => s.close(resolve));
  const bridge = createWebSocketBridge(url);
  const states: ConnectionState[] = [];
  bridge.onConnectionState?.((state) => void states.push(state));
  const started = Date.now();
  const reply = await Promise.race([
    bridge.invoke('app.info', {}),
    new Promise((resolve) => setTimeout(() => resolve('still waiting'), 7000)),
  ]);
  expect(reply).toMatchObject({ ok: false, error: { code: 'DISCONNECTED' } });
  expect(Date.now() - started).toBeLessThanOrEqual(5500);
  expect(states).toEqual(['connecting', 'offline']);
}, 10_000);
