// Garbage at the browser shell, spoken as raw HTTP (a browser or fetch would clean it up first):
// a malformed request-target before and after authentication gets a 400, and the console, with
// whatever it is migrating, keeps serving.

import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConvergencePolicy } from '../../src/shared/model/migration';
import { BridgeClient } from './bridge-client';
import { ConsoleApp } from './console-app';

/** Sends one raw request and resolves with the status line's code (0 when the socket closed without one). */
function rawStatus(port: number, head: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    let answer = '';
    socket.on('data', (d) => {
      answer += String(d);
      const match = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      if (match) {
        socket.destroy();
        resolve(Number(match[1]));
      }
    });
    socket.on('close', () => resolve(0));
    socket.on('error', reject);
  });
}

describe('bad requests at the browser shell', () => {
  const app = new ConsoleApp({ preset: 'demo', simSpeed: 20 });
  let client: BridgeClient;
  let taskId = '';
  let port = 0;
  let token = '';
  const host = () => `Host: 127.0.0.1:${port}\r\n`;
  const cookie = () => `Cookie: ferry_token_${port}=${token}\r\n`;

  beforeAll(async () => {
    const url = new URL(await app.start());
    port = Number(url.port);
    token = url.searchParams.get('token') ?? '';
    client = await BridgeClient.connect(app.url);
    // A migration in flight while the garbage arrives: it must finish as if nothing happened.
    [taskId = ''] = (
      await client.invoke('migration.start', {
        vmIds: ['DC0_C0_H0_VM0'],
        destHostId: 'DC0_C0_H3',
        type: 'compute',
        destDatastoreId: null,
        priority: 'default',
        options: { bandwidthLimitBps: null, convergence: defaultConvergencePolicy },
        acknowledgedWarnings: [],
      })
    ).taskIds;
  });
  afterAll(async () => {
    client.close();
    await app.dispose();
  });

  it('answers a request-target new URL() cannot read with 400, before authentication', async () => {
    expect(await rawStatus(port, `GET //[::1 HTTP/1.1\r\n${host()}Connection: close\r\n\r\n`)).toBe(400);
    expect(app.pid).not.toBeNull();
  });

  it('answers a malformed percent-encoding with 400, after authentication', async () => {
    expect(await rawStatus(port, `GET /%E0%A4%A HTTP/1.1\r\n${host()}${cookie()}Connection: close\r\n\r\n`)).toBe(400);
    expect(await rawStatus(port, `GET /assets/%ff%fe.js?token=${token} HTTP/1.1\r\n${host()}Connection: close\r\n\r\n`)).toBe(400);
    expect(app.pid).not.toBeNull();
  });

  it('answers a WebSocket upgrade with a malformed target with 400', async () => {
    const upgrade = `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: http://127.0.0.1:${port}\r\n`;
    expect(await rawStatus(port, `GET //[::1 HTTP/1.1\r\n${host()}${upgrade}\r\n`)).toBe(400);
    expect(await rawStatus(port, `GET /bridge%E0%A4%A HTTP/1.1\r\n${host()}${cookie()}${upgrade}\r\n`)).toBe(400);
    expect(app.pid).not.toBeNull();
  });

  it('keeps serving the console afterwards, and the migration under way completes', async () => {
    const page = await fetch(`http://127.0.0.1:${port}/?token=${token}`);
    expect(page.status).toBe(200);
    for (;;) {
      const { task } = await client.invoke('tasks.detail', { taskId });
      if (task.state !== 'queued' && task.state !== 'running') {
        expect(task.state).toBe('completed');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(await client.invoke('audit.verify', {})).toMatchObject({ ok: true });
    expect(app.pid).not.toBeNull();
    expect(app.stderr).not.toMatch(/uncaught|TypeError: Invalid URL|URIError/i);
  });
});
