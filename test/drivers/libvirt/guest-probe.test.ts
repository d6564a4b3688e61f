// The guest probe: parsing its one-line answer, and asking a (local, fake) guest over TCP.

import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseProbeLine, probeGuest } from '../../../src/main/drivers/libvirt/jobs/guest-probe';

const LINE = 'FERRY-PROBE/1 name=lab-vm1 ip=10.77.0.21 boot=59d5e6af14c142a2a53a2854d4dbdf96 uptime=24.835 disk=59d5e6af14c142a2';

describe('probe line', () => {
  it('reads the boot id, uptime (ms) and every field by key', () => {
    expect(parseProbeLine(`${LINE}\n`)).toEqual({
      name: 'lab-vm1',
      bootId: '59d5e6af14c142a2a53a2854d4dbdf96',
      uptimeMs: 24835,
      fields: { name: 'lab-vm1', ip: '10.77.0.21', boot: '59d5e6af14c142a2a53a2854d4dbdf96', uptime: '24.835', disk: '59d5e6af14c142a2' },
    });
    // New fields may be added at the end; order does not matter.
    expect(parseProbeLine('FERRY-PROBE/1 uptime=1.5 boot=ABCDEF0123456789 extra=x')?.uptimeMs).toBe(1500);
  });

  it('rejects anything else', () => {
    for (const line of [
      '',
      'HTTP/1.1 200 OK',
      'FERRY-PROBE/2 boot=abcdef0123 uptime=1',
      'FERRY-PROBE/1 uptime=1',
      'FERRY-PROBE/1 boot=zz uptime=1',
      'FERRY-PROBE/1 boot=abcdef0123 uptime=-1',
      'FERRY-PROBE/1 boot=abcdef0123 uptime=soon',
    ]) {
      expect(parseProbeLine(line), line).toBeNull();
    }
  });
});

describe('asking a guest', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });
  const serve = async (answer: (n: number) => string | null): Promise<number> => {
    let n = 0;
    const server = createServer((socket) => {
      const line = answer(++n);
      if (line === null) return; // says nothing: the probe must time out
      socket.end(line);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (typeof address !== 'object' || !address) throw new Error('no port');
    return address.port;
  };

  it('reads the line the guest writes', async () => {
    const port = await serve(() => `${LINE}\n`);
    expect((await probeGuest('127.0.0.1', port))?.bootId).toBe('59d5e6af14c142a2a53a2854d4dbdf96');
  });

  it('retries a guest that answers late (e.g. right after the switchover)', async () => {
    const port = await serve((n) => (n < 3 ? 'garbage\n' : `${LINE}\n`));
    expect((await probeGuest('127.0.0.1', port, { attempts: 3, pauseMs: 10 }))?.name).toBe('lab-vm1');
  });

  it('gives up on a silent or absent guest', async () => {
    const silent = await serve(() => null);
    expect(await probeGuest('127.0.0.1', silent, { attempts: 2, timeoutMs: 100, pauseMs: 10 })).toBeNull();
    const closed = await serve(() => '');
    servers.pop()?.close();
    expect(await probeGuest('127.0.0.1', closed, { attempts: 1, timeoutMs: 200 })).toBeNull();
  });
});
