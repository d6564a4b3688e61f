// The observed downtime: silences between a guest's answers, the guest's address from what libvirt
// reports, TCP knocks on loopback, and the observer around a switchover it is told about.

import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DowntimeObserver, Silences, tcpKnock } from '../../../src/main/drivers/libvirt/jobs/downtime-observer';
import { pickGuestAddress } from '../../../src/main/drivers/libvirt/jobs/guest-address';
import { domainInterfaceAddresses, readDomainRef, RemoteProcedure as P } from '../../../src/main/drivers/libvirt/rpc';
import { testVm as vm, useFakeDaemon } from './rpc/fake-libvirtd';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('silences between answers', () => {
  it('gives the last pause, not a longer stall during the copy (a throttled or starved guest), nor jitter after it', () => {
    const s = new Silences();
    expect(s.switchover(null)).toBeNull();
    const every10 = (from: number, to: number) => Array.from({ length: (to - from) / 10 + 1 }, (_, i) => from + i * 10);
    for (const at of [0, 10, 20, ...every10(900, 5010)]) s.answered(at); // an 880 ms stall during the copy
    for (const at of [5330, 5340, 5350, 5400, 5410]) s.answered(at); // the switchover: 320 ms, then 50 ms of jitter
    expect(s.switchover(300)).toBe(320);
    // With no figure from the hypervisor, the last silence of a few knocks or more.
    expect(s.switchover(null)).toBe(50);
    expect(s.answeredSince(5410)).toBe(true);
    expect(s.answeredSince(5411)).toBe(false);
  });

  it('gives the longest gap when no pause stood out', () => {
    const s = new Silences();
    for (const at of [0, 10, 22, 30]) s.answered(at);
    expect(s.switchover(100)).toBe(12);
  });
});

describe("the guest's address", () => {
  it('prefers IPv4, and never a loopback or link-local address', () => {
    expect(
      pickGuestAddress([
        { family: 'ipv4', address: '127.0.0.1', prefix: 8 },
        { family: 'ipv6', address: 'fe80::5054:ff:fe77:21', prefix: 64 },
        { family: 'ipv6', address: '2001:db8::21', prefix: 64 },
        { family: 'ipv4', address: '10.77.0.21', prefix: 24 },
      ]),
    ).toBe('10.77.0.21');
    expect(pickGuestAddress([{ family: 'ipv6', address: '2001:db8::21', prefix: 64 }])).toBe('2001:db8::21');
    expect(pickGuestAddress([{ family: 'ipv4', address: '169.254.3.4', prefix: 16 }])).toBeNull();
  });

  const setup = useFakeDaemon();

  it('reads virDomainInterfaceAddresses: source, interfaces, MAC (maybe absent), addresses', async () => {
    const { client, server } = setup();
    server.on(P.DOMAIN_INTERFACE_ADDRESSES, (c) => {
      expect(readDomainRef(c.args)).toEqual(vm);
      expect([c.args.uint(), c.args.uint()]).toEqual([1, 0]);
      c.reply((w) => {
        w.uint(2);
        w.string('lo').uint(0).uint(1).int(0).string('127.0.0.1').uint(8);
        w.string('eth0').uint(1).string('52:54:00:77:00:21').uint(2).int(0).string('10.77.0.21').uint(24).int(1).string('fe80::1').uint(64);
      });
    });
    const ifaces = await domainInterfaceAddresses(client, vm, 1);
    expect(ifaces).toEqual([
      { name: 'lo', mac: null, addresses: [{ family: 'ipv4', address: '127.0.0.1', prefix: 8 }] },
      {
        name: 'eth0',
        mac: '52:54:00:77:00:21',
        addresses: [
          { family: 'ipv4', address: '10.77.0.21', prefix: 24 },
          { family: 'ipv6', address: 'fe80::1', prefix: 64 },
        ],
      },
    ]);
  });
});

describe('knocking', () => {
  let server: Server | null = null;
  afterEach(() => server?.close());

  it('counts a refusal and an accepted connection as an answer', async () => {
    server = createServer((socket) => socket.on('error', () => undefined));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const open = (server.address() as AddressInfo).port;
    expect(await tcpKnock('127.0.0.1', open, 1000)).toBe(true);
    server.close();
    await sleep(20);
    expect(await tcpKnock('127.0.0.1', open, 1000)).toBe(true); // now refused: the kernel still answered
  });
});

describe('the observer', () => {
  it('measures the silence of a guest around a switchover', async () => {
    let silent = false;
    const observer = DowntimeObserver.start('guest', { knock: async () => !silent });
    await sleep(100);
    silent = true;
    await sleep(250);
    silent = false;
    const observed = await observer.settle(250);
    expect(observed).not.toBeNull();
    expect(observed!).toBeGreaterThanOrEqual(240);
    expect(observed!).toBeLessThan(2000);
  });

  it('gives null for a guest that never answers from here, and stops knocking', async () => {
    let knocks = 0;
    const observer = DowntimeObserver.start('guest', {
      knock: async () => {
        knocks += 1;
        return false;
      },
      firstAnswerWithinMs: 50,
      settleWithinMs: 100,
    });
    await sleep(150);
    const stoppedAt = knocks;
    await sleep(60);
    expect(knocks).toBe(stoppedAt);
    expect(await observer.settle()).toBeNull();
  });

  it('gives null when the guest does not answer again after the switchover', async () => {
    let silent = false;
    const observer = DowntimeObserver.start('guest', { knock: async () => !silent, settleWithinMs: 100 });
    await sleep(50);
    silent = true;
    expect(await observer.settle()).toBeNull();
  });
});
