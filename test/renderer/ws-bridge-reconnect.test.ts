import { afterEach, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import type { FerryBridge } from '../../src/shared/api/bridge';

// By a path in a variable: the bridge uses the DOM's types (location), which the Node tsconfig that checks the tests lacks.
const bridgeModule = '../../src/renderer/src/api/ws-bridge';
const { createWebSocketBridge } = (await import(/* @vite-ignore */ bridgeModule)) as {
  createWebSocketBridge: (url: string) => FerryBridge;
};

// The browser's WebSocket, played by ws (the same addEventListener API), against a server that drops the tab.
const globals = globalThis as { WebSocket?: unknown };
const original = globals.WebSocket;
afterEach(() => void (globals.WebSocket = original));

it('tells its listeners when a dropped socket is back, not on the first connection', async () => {
  globals.WebSocket = WebSocket;
  const server = new WebSocketServer({ port: 0 });
  const connections: WebSocket[] = [];
  server.on('connection', (socket) => {
    connections.push(socket);
    socket.on('message', (data) => {
      const { id } = JSON.parse(String(data)) as { id: number };
      socket.send(JSON.stringify({ kind: 'reply', id, envelope: { ok: true, value: connections.length } }));
    });
  });
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const bridge = createWebSocketBridge(`ws://127.0.0.1:${(server.address() as { port: number }).port}/bridge`);
    let reconnects = 0;
    bridge.onReconnect?.(() => void reconnects++);
    expect(await bridge.invoke('app.info', {})).toEqual({ ok: true, value: 1 });
    expect(reconnects).toBe(0);

    connections[0]?.terminate();
    // The bridge tries again after a second.
    await expect.poll(() => reconnects, { timeout: 5000 }).toBe(1);
    expect(connections).toHaveLength(2);
    expect(await bridge.invoke('app.info', {})).toEqual({ ok: true, value: 2 });
  } finally {
    for (const c of server.clients) c.terminate();
    server.close();
  }
});
