// review2 F5 and F6: a URI Ferry cannot parse was reported as "The hypervisor refused"
// (OPERATION_FAILED) after passing the add-host field, and a port where something other than
// libvirtd answers (an HTTP server, sshd) read as "connection closed (protocol-error: invalid
// frame length 1213486160)" with HOST_UNREACHABLE advice. Both now get their own typed code.

import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LibvirtDriver } from '../../../src/main/drivers/libvirt/libvirt-driver';
import { describeError } from '../../../src/renderer/src/components/describe-error';
import { FerryError } from '../../../src/shared/api/errors';
import { HostConnectionInput } from '../../../src/shared/model/inventory';
import { libvirtUriShape } from '../../../src/shared/model/libvirt-uri';

async function failureOf(uri: string): Promise<{ code: string; message: string; details: unknown }> {
  try {
    await LibvirtDriver.testConnection({ uri, clusterId: 'c' });
  } catch (error) {
    return error as { code: string; message: string; details: unknown };
  }
  throw new Error(`${uri} answered`);
}

const servers: { close(callback: () => void): unknown }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

async function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

describe('a malformed libvirt URI is refused as a URI, at the field and in main', () => {
  const malformed = ['qemu+tcp://[::1', 'qemu+ssh://', 'qemu+ssh:///system', 'qemu+tcp:///system', 'qemu+tls://h:99999/system'];

  it.each(malformed)('%s: the shared check (the field, the contract) refuses it', (uri) => {
    const shape = libvirtUriShape(uri);
    expect(shape.ok).toBe(false);
    const parsed = HostConnectionInput.safeParse({ uri, clusterName: 'c' });
    expect(parsed.success).toBe(false);
  });

  it('well-formed URIs still pass', () => {
    for (const uri of ['qemu:///system', 'qemu+tcp://[::1]/system', 'qemu+ssh://root@h:2222/system', 'qemu+tls://h/system'])
      expect(libvirtUriShape(uri)).toMatchObject({ ok: true });
  });

  it('the driver answers INVALID_URI, never "the hypervisor refused"', async () => {
    const error = await failureOf('qemu+tcp://[::1');
    expect(error.code).toBe('INVALID_URI');
    expect(error.message).toMatch(/qemu\+tcp:\/\/\[::1/);
    const described = describeError(new FerryError('INVALID_URI', error.message));
    expect(described.title).toBe('This libvirt URI cannot be used');
    expect(described.hint).not.toMatch(/libvirt log/);
  });
});

describe('something other than libvirtd on the port says so, naming what answers', () => {
  it('an HTTP server', async () => {
    const http = createHttpServer((_req, res) => res.end('hello'));
    const port = await listen(http);
    const error = await failureOf(`qemu+tcp://127.0.0.1:${port}/system`);
    expect(error).toMatchObject({ code: 'NOT_LIBVIRT', details: { endpoint: `127.0.0.1:${port}`, protocol: 'HTTP' } });
    expect(error.message).toBe(`something other than libvirtd answers on 127.0.0.1:${port} (it speaks HTTP): check the port`);
    const described = describeError(new FerryError('NOT_LIBVIRT', error.message, error.details));
    expect(described.title).toBe(`Not libvirtd on 127.0.0.1:${port}`);
    expect(described.hint).toMatch(/port/);
  });

  it('an SSH server (its banner)', async () => {
    const sshd = createServer((socket) => socket.resume().end('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n'));
    const port = await listen(sshd);
    const error = await failureOf(`qemu+tcp://127.0.0.1:${port}/system`);
    expect(error).toMatchObject({ code: 'NOT_LIBVIRT', details: { protocol: 'SSH' } });
    expect(error.message).toMatch(/\(it speaks SSH\): check the port$/);
  });

  it('an unknown text protocol is named as unknown, still not HOST_UNREACHABLE', async () => {
    const smtp = createServer((socket) => socket.resume().end('220 mail.example.com ESMTP ready\r\n'));
    const port = await listen(smtp);
    const error = await failureOf(`qemu+tcp://127.0.0.1:${port}/system`);
    expect(error).toMatchObject({ code: 'NOT_LIBVIRT', details: { protocol: null } });
    expect(error.message).toBe(`something other than libvirtd answers on 127.0.0.1:${port}: check the port`);
  });
});
