// The RPC client against a real libvirtd (Debian's 9.0 here) that this test starts privately.
// Needs root on Linux (mount namespace, libvirtd); skipped elsewhere with a message.

import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import {
  connectGetCapabilities,
  connectGetDomainCapabilities,
  connectGetHostname,
  connectGetLibVersion,
  connectGetUri,
  connectGetVersion,
  connectListAllDomains,
  connectListAllNetworks,
  connectListAllStoragePools,
  connectSupportsFeature,
  domainCreateWithFlags,
  domainDefineXmlFlags,
  domainDestroy,
  domainGetInfo,
  domainGetJobStats,
  domainGetState,
  domainGetXmlDesc,
  domainLookupByName,
  domainLookupByUuid,
  domainMigrateGetMaxDowntime,
  domainMigratePerform3Params,
  domainResume,
  domainSuspend,
  domainUndefineFlags,
  DriverFeature,
  LibvirtError,
  migrateFlags,
  nodeGetCpuStats,
  nodeGetInfo,
  nodeGetMemoryStats,
  openLibvirt,
  subscribeDomainEvents,
  type DomainEvent,
  type DomainRef,
  type DomainEventSubscription,
  type LibvirtClient,
} from '../../../../src/main/drivers/libvirt/rpc';
import { startPrivateLibvirtd, type PrivateLibvirtd } from './private-libvirtd';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const canRun = process.platform === 'linux' && process.getuid?.() === 0;
if (!canRun) console.warn('libvirtd integration test skipped: needs root on Linux to start a private libvirtd');

const NAME = `ferry-rpc-it-${process.pid}`;
// No disk, no kernel: QEMU sits in the firmware, which is a real running guest for libvirt.
const DOMAIN_XML = `<domain type='qemu'>
  <name>${NAME}</name>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices>
</domain>`;

describe.skipIf(!canRun)('LibvirtClient against a private libvirtd', () => {
  let daemon: PrivateLibvirtd;
  let client: LibvirtClient;
  let dom: DomainRef | undefined;
  let subscription: DomainEventSubscription | undefined;
  const events: DomainEvent[] = [];

  const waitForEvent = async (event: string, timeoutMs = 10_000): Promise<DomainEvent> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = events.find((e) => e.kind === 'lifecycle' && e.domain.name === NAME && e.event === event);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no ${event} event; saw ${JSON.stringify(events.map((e) => e.kind === 'lifecycle' && e.event))}`);
      await sleep(20);
    }
  };

  beforeAll(async () => {
    daemon = await startPrivateLibvirtd();
    // The first open makes the QEMU driver probe the emulator (several seconds, once).
    client = await openLibvirt(daemon.uri, { callTimeoutMs: 30_000 });
    subscription = await subscribeDomainEvents(client, ['lifecycle', 'job-completed'], (e) => events.push(e));
  }, 30_000);

  afterAll(async () => {
    try {
      if (client && !client.closed) {
        if (dom) {
          await domainDestroy(client, dom).catch(() => undefined);
          await domainUndefineFlags(client, dom).catch(() => undefined);
        }
        await subscription?.unsubscribe().catch(() => undefined);
        await client.close();
      }
    } finally {
      await daemon?.stop();
    }
  }, 15_000);

  it('reports versions, hostname, URI, capabilities and node info', async () => {
    const lib = await connectGetLibVersion(client);
    expect(lib.major).toBeGreaterThanOrEqual(9);
    expect((await connectGetVersion(client)).major).toBeGreaterThan(0); // QEMU
    await expect(connectGetHostname(client)).resolves.toBe(hostname());
    await expect(connectGetUri(client)).resolves.toBe('qemu:///system');
    const caps = await connectGetCapabilities(client);
    expect(caps).toContain('<capabilities>');
    expect(caps).toContain('x86_64');
    const domcaps = await connectGetDomainCapabilities(client, { virttype: 'qemu', arch: 'x86_64' });
    expect(domcaps).toContain('<domainCapabilities>');
    const node = await nodeGetInfo(client);
    expect(node.cpus).toBeGreaterThan(0);
    expect(node.memoryKiB).toBeGreaterThan(0);
    expect(node.model).toBe('x86_64');
    expect((await nodeGetMemoryStats(client)).total).toBeGreaterThan(0n);
    expect(Object.keys(await nodeGetCpuStats(client))).toContain('idle');
    await expect(connectSupportsFeature(client, DriverFeature.MIGRATION_PARAMS)).resolves.toBe(true);
  });

  it('answers our pings at once but pings us only after we ask for PROGRAM_KEEPALIVE', async () => {
    const quiet = await openLibvirt(daemon.uri, { keepalive: false, daemonKeepalive: false });
    try {
      await expect(quiet.ping()).resolves.toBeGreaterThanOrEqual(0);
      await sleep(1_500); // idle for longer than the daemon's keepalive_interval (1 s)
      expect(quiet.keepaliveCounters.pingsReceived).toBe(0);
      await expect(connectSupportsFeature(quiet, DriverFeature.PROGRAM_KEEPALIVE)).resolves.toBe(true);
      const deadline = Date.now() + 5_000;
      while (quiet.keepaliveCounters.pingsReceived === 0 && Date.now() < deadline) await sleep(50);
      expect(quiet.keepaliveCounters.pingsReceived).toBeGreaterThan(0);
      expect(quiet.closed).toBe(false); // our automatic PONGs kept the daemon happy
    } finally {
      await quiet.close();
    }
  }, 15_000);

  it('keeps the daemon reading through a burst of calls on one connection (no "max requests limit")', async () => {
    const busy = await openLibvirt(daemon.uri);
    try {
      const names = await Promise.all(Array.from({ length: 24 }, () => connectGetHostname(busy)));
      expect(new Set(names)).toEqual(new Set([hostname()]));
      // The daemon's keepalive still reaches us and our answers reach it: the connection stays up.
      await expect(busy.ping()).resolves.toBeGreaterThanOrEqual(0);
    } finally {
      await busy.close();
    }
    expect(daemon.log()).not.toMatch(/max requests limit/);
  });

  it('lists (empty) domains, networks and pools', async () => {
    expect(await connectListAllDomains(client)).toEqual([]);
    expect(Array.isArray(await connectListAllNetworks(client))).toBe(true);
    expect(Array.isArray(await connectListAllStoragePools(client))).toBe(true);
  });

  it('defines, starts, inspects, suspends, resumes, destroys and undefines a domain with events', async () => {
    dom = await domainDefineXmlFlags(client, DOMAIN_XML);
    expect(dom).toMatchObject({ name: NAME, id: -1 });
    await waitForEvent('DEFINED');
    await expect(domainLookupByUuid(client, dom.uuid)).resolves.toEqual(dom);

    dom = await domainCreateWithFlags(client, dom);
    expect(dom.id).toBeGreaterThan(0);
    await waitForEvent('STARTED');
    expect(await domainGetState(client, dom)).toMatchObject({ state: 'RUNNING' });
    expect(await domainGetInfo(client, dom)).toMatchObject({ state: 'RUNNING', maxMemoryKiB: 65536, vcpus: 1 });
    expect(await domainGetXmlDesc(client, dom)).toContain(`<name>${NAME}</name>`);
    await expect(domainLookupByName(client, NAME)).resolves.toEqual(dom);
    expect(await connectListAllDomains(client)).toEqual([dom]);

    expect(await domainGetJobStats(client, dom)).toMatchObject({ type: 'NONE' });
    await expect(domainMigrateGetMaxDowntime(client, dom)).resolves.toBe(300);

    await domainSuspend(client, dom);
    await waitForEvent('SUSPENDED');
    expect(await domainGetState(client, dom)).toMatchObject({ state: 'PAUSED' });
    await domainResume(client, dom);
    await waitForEvent('RESUMED');

    // The daemon decodes our perform3_params, dials the destination (itself) and refuses:
    // proof the struct is right, without a second host.
    const error = await domainMigratePerform3Params(client, dom, {
      destinationUri: daemon.uri,
      flags: migrateFlags('LIVE'),
      params: { bandwidthMiBs: 100 },
      timeoutMs: 20_000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LibvirtError);
    expect((error as LibvirtError).message).toMatch(/same host/);

    await domainDestroy(client, dom);
    await waitForEvent('STOPPED');
    await domainUndefineFlags(client, dom);
    await waitForEvent('UNDEFINED');
    dom = undefined;
    const missing = await domainLookupByName(client, NAME).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(LibvirtError);
    expect((missing as LibvirtError).code).toBe('NO_DOMAIN');
  }, 30_000);
});
