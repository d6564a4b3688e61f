// Bug 7 of issue 14: a host nobody listens for said only `connect ECONNREFUSED 127.0.0.1:1`. The
// real socket failure is now a typed HOST_UNREACHABLE whose details say why and where, and the
// console turns them into what to check.

import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { LibvirtDriver } from '../../../src/main/drivers/libvirt/libvirt-driver';
import { describeError } from '../../../src/renderer/src/components/describe-error';
import { FerryError } from '../../../src/shared/api/errors';

/** A local port nothing listens on: bound, noted, closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function failureOf(uri: string): Promise<{ code: string; message: string; details: unknown }> {
  try {
    await LibvirtDriver.testConnection({ uri, clusterId: 'c' });
  } catch (error) {
    return error as { code: string; message: string; details: unknown };
  }
  throw new Error(`${uri} answered`);
}

describe('a host that cannot be reached says why, and what to check', () => {
  it('a refused TCP connection: libvirtd not listening, wrong port or firewall', async () => {
    const port = await closedPort();
    const error = await failureOf(`qemu+tcp://127.0.0.1:${port}/system`);
    expect(error).toMatchObject({
      code: 'HOST_UNREACHABLE',
      details: { reason: 'refused', endpoint: `127.0.0.1:${port}`, transport: 'tcp' },
    });
    expect(error.message).toMatch(/refused the connection: nothing listens there/);
    const described = describeError(new FerryError('HOST_UNREACHABLE', error.message, error.details));
    expect(described.title).toBe(`libvirtd is not listening on 127.0.0.1:${port}`);
    expect(described.hint).toMatch(/--listen.*port is right.*firewall/);
  });

  it('a unix socket that is not there: libvirtd not running', async () => {
    const error = await failureOf('qemu+unix:///system?socket=/nonexistent/ferry/libvirt-sock');
    expect(error).toMatchObject({ code: 'HOST_UNREACHABLE', details: { reason: 'socket-missing', transport: 'unix' } });
    expect(describeError(new FerryError('HOST_UNREACHABLE', error.message, error.details)).hint).toMatch(/start libvirtd/);
  });

  it('an unresolvable host name', async () => {
    const error = await failureOf('qemu+tcp://no-such-host.invalid/system');
    expect(error).toMatchObject({ code: 'HOST_UNREACHABLE', details: { reason: 'name-unknown', transport: 'tcp' } });
    expect(describeError(new FerryError('HOST_UNREACHABLE', error.message, error.details)).title).toBe('The host name does not resolve');
  });
});
