// LibvirtDriver's own surface against fake hosts: adding and removing hosts, typed errors for
// unknown jobs, the guest probe's notion of alive, resume, and the "add host" check.

import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { LibvirtHostConfig } from '../../../src/main/drivers/libvirt/hosts/config';
import { LibvirtDriver } from '../../../src/main/drivers/libvirt/libvirt-driver';
import { testHostConnection } from '../../../src/main/drivers/libvirt/hosts/test-connection';
import { RemoteProcedure as P } from '../../../src/main/drivers/libvirt/rpc';
import { FakeHost, State } from './fake-host';
import { MemoryJournal } from '../../helpers/memory-journal';

const A = new FakeHost('aaaaaaaa-0000-4000-8000-000000000001', 'kvm-a');
const B = new FakeHost('bbbbbbbb-0000-4000-8000-000000000002', 'kvm-b');
const hosts = new Map<string, FakeHost>([
  ['qemu+tcp://a/system', A],
  ['qemu+tcp://a-again/system', A],
  ['qemu+tcp://b/system', B],
]);
const config = (uri: string): LibvirtHostConfig => ({ uri, clusterId: 'c1' });
const open = async (c: LibvirtHostConfig) => {
  const host = hosts.get(c.uri);
  if (!host) throw new Error(`connect ECONNREFUSED ${c.uri}`);
  return host.open();
};

const drivers: LibvirtDriver[] = [];
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(drivers.splice(0).map((d) => d.close()));
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  A.domains.clear();
  B.domains.clear();
});

function newDriver(list: string[] = []): LibvirtDriver {
  const driver = new LibvirtDriver({ hosts: list.map(config), openClient: open, journal: new MemoryJournal() });
  drivers.push(driver);
  return driver;
}

async function guestAnswering(line: string): Promise<number> {
  const server = createServer((socket) => socket.end(`${line}\n`));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

const withProbe = (name: string, uuid: string, port: number) =>
  `<domain type='kvm'><name>${name}</name><uuid>${uuid}</uuid><metadata><ferry:probe xmlns:ferry="https://ferry.invalid/xmlns/probe/1" address="127.0.0.1" port="${port}"/></metadata></domain>`;

describe('LibvirtDriver', () => {
  it('declares what libvirt can do (auto-converge only at start, no fault injection)', () => {
    expect(newDriver().capabilities).toEqual({
      liveMigration: true,
      storageMigration: true,
      sharedNothingMigration: true,
      postCopy: true,
      autoConvergeLive: false,
      bandwidthLimit: true,
      downtimeLimit: true,
      cpuCompare: true,
      cpuFeaturesExact: false,
      faultInjection: false,
      addHosts: true,
      coldMigration: true,
      coldDiskCopy: false,
      postCopyRecovery: false,
    });
  });

  it('adds a host once it answers, refuses the same host twice and an unreachable one', async () => {
    const driver = newDriver();
    await expect(driver.addHost(config('qemu+tcp://a/system'))).resolves.toBe(`libvirt:${A.uuid}`);
    await expect(driver.addHost(config('qemu+tcp://a-again/system'))).rejects.toMatchObject({ code: 'OPERATION_FAILED' });
    await expect(driver.addHost(config('qemu+tcp://nowhere/system'))).rejects.toMatchObject({ code: 'HOST_UNREACHABLE' });
    A.addDomain({ name: 'vm', uuid: '11111111-0000-4000-8000-000000000001', state: State.RUNNING, persistent: true });
    expect(await driver.locateVm('11111111-0000-4000-8000-000000000001')).toEqual([
      { hostId: `libvirt:${A.uuid}`, power: 'running', copy: 'whole' },
    ]);
    await driver.removeHost(`libvirt:${A.uuid}`);
    expect(await driver.locateVm('11111111-0000-4000-8000-000000000001')).toEqual([]);
  });

  it('asks every connected host where a VM is at once, not one host after the other', async () => {
    const driver = newDriver(['qemu+tcp://a/system', 'qemu+tcp://b/system']);
    const uuid = '11111111-0000-4000-8000-000000000003';
    // Mid-switchover: paused on one host, running on the other.
    A.addDomain({ name: 'vm', uuid, state: State.PAUSED, persistent: true });
    B.addDomain({ name: 'vm', uuid, state: State.RUNNING, persistent: true });
    await driver.locateVm(uuid);
    const asked: string[] = [];
    for (const [host, name] of [
      [A, 'a'],
      [B, 'b'],
    ] as const) {
      for (const server of host.servers)
        for (const [procedure, what] of [
          [P.DOMAIN_LOOKUP_BY_UUID, 'lookup'],
          [P.DOMAIN_GET_STATE, 'state'],
        ] as const) {
          const handler = server.handlers.get(procedure);
          server.on(procedure, (call) => {
            asked.push(`${name} ${what}`);
            handler?.(call);
          });
        }
    }
    expect(await driver.locateVm(uuid)).toEqual([
      { hostId: `libvirt:${A.uuid}`, power: 'paused', copy: 'whole' },
      { hostId: `libvirt:${B.uuid}`, power: 'running', copy: 'whole' },
    ]);
    // Both hosts are asked before either answer is followed up.
    expect(asked.slice(0, 2).sort()).toEqual(['a lookup', 'b lookup']);
  });

  it('names unknown jobs and impossible requests with typed errors', async () => {
    const driver = newDriver(['qemu+tcp://a/system']);
    for (const call of [
      driver.jobProgress('x'),
      driver.cancelMigration('x'),
      driver.setDowntimeLimit('x', 500),
      driver.startPostCopy('x'),
    ]) {
      await expect(call).rejects.toMatchObject({ name: 'DriverError', code: 'NOT_FOUND' });
    }
    await expect(driver.setAutoConverge()).rejects.toMatchObject({ code: 'NOT_SUPPORTED' });
    await expect(driver.probeVm('11111111-0000-4000-8000-000000000009', 'libvirt:nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('calls a guest alive only when it runs there and answers its probe as itself', async () => {
    const driver = newDriver(['qemu+tcp://a/system', 'qemu+tcp://b/system']);
    const uuid = '22222222-0000-4000-8000-000000000002';
    const port = await guestAnswering('FERRY-PROBE/1 name=web boot=00112233445566778899aabbccddeeff uptime=12.5');
    A.addDomain({ name: 'web', uuid, state: State.RUNNING, persistent: true, xml: withProbe('web', uuid, port) });
    const hostA = `libvirt:${A.uuid}`;
    expect(await driver.probeVm(uuid, hostA)).toEqual({
      alive: true,
      bootId: '00112233445566778899aabbccddeeff',
      uptimeMs: 12500,
      witness: 'probe',
      guestClockMs: null,
    });
    // Not on that host: dead there, whatever answers on the network.
    expect(await driver.probeVm(uuid, `libvirt:${B.uuid}`)).toEqual({
      alive: false,
      bootId: null,
      uptimeMs: null,
      witness: 'hypervisor',
      guestClockMs: null,
    });
    // Paused (an incoming or outgoing copy): not alive.
    A.domains.get(uuid)!.state = State.PAUSED;
    expect((await driver.probeVm(uuid, hostA)).alive).toBe(false);
    // Someone else answering at that address: not this guest.
    A.domains.get(uuid)!.state = State.RUNNING;
    A.domains.get(uuid)!.xml = withProbe(
      'web',
      uuid,
      await guestAnswering('FERRY-PROBE/1 name=db boot=00112233445566778899aabbccddeeff uptime=3'),
    );
    expect((await driver.probeVm(uuid, hostA)).alive).toBe(false);
    // Without probe metadata only "running, not paused" can be checked, and the boot id is unknown.
    A.domains.get(uuid)!.xml = undefined;
    expect(await driver.probeVm(uuid, hostA)).toEqual({
      alive: true,
      bootId: null,
      uptimeMs: null,
      witness: 'hypervisor',
      guestClockMs: null,
    });
  });

  it("takes the guest agent's word when there is no probe metadata, and only the hypervisor's when the agent is silent", async () => {
    const driver = newDriver(['qemu+tcp://a/system']);
    const uuid = '22222222-0000-4000-8000-000000000004';
    const xml = `<domain type='kvm'><name>app</name><uuid>${uuid}</uuid><devices><channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0' state='connected'/></channel></devices></domain>`;
    A.addDomain({ name: 'app', uuid, state: State.RUNNING, persistent: true, xml, agentClockMs: 1_795_000_000_123 });
    const hostA = `libvirt:${A.uuid}`;
    // The agent answers: its clock, no boot id (the host does not allow the tainting file reads).
    expect(await driver.probeVm(uuid, hostA)).toEqual({
      alive: true,
      bootId: null,
      uptimeMs: null,
      witness: 'agent',
      guestClockMs: 1_795_000_000_123,
    });
    // The agent never connects: still running, but only the hypervisor vouches (after the agent's grace time).
    delete A.domains.get(uuid)!.agentClockMs;
    const started = Date.now();
    expect(await driver.probeVm(uuid, hostA)).toEqual({
      alive: true,
      bootId: null,
      uptimeMs: null,
      witness: 'hypervisor',
      guestClockMs: null,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_500);
  }, 15_000);

  it('resumes a paused copy and refuses one that is off', async () => {
    const driver = newDriver(['qemu+tcp://a/system']);
    const uuid = '33333333-0000-4000-8000-000000000003';
    A.addDomain({ name: 'app', uuid, state: State.PAUSED, persistent: true });
    await driver.resumeVm(uuid, `libvirt:${A.uuid}`);
    expect(A.resumed).toContain(uuid);
    A.domains.get(uuid)!.state = State.SHUTOFF;
    await expect(driver.resumeVm(uuid, `libvirt:${A.uuid}`)).rejects.toMatchObject({ code: 'OPERATION_FAILED' });
  });

  it('tests a candidate host: who it is and what it has (no SSH key for a non-SSH transport)', async () => {
    A.addDomain({ name: 'app', uuid: '44444444-0000-4000-8000-000000000004', state: State.RUNNING, persistent: true });
    const result = await testHostConnection(config('qemu+tcp://a/system'), open);
    expect(result).toMatchObject({
      hostname: 'kvm-a',
      hostUuid: A.uuid,
      memoryBytes: 8 * 1024 ** 3,
      domains: 1,
      pools: [],
      networks: [],
      hostKeySha256: null,
    });
    expect(result.cpu).toMatchObject({ vendor: 'amd', family: 25, arch: 'x86_64', cores: 2 });
    await expect(testHostConnection(config('qemu+tcp://nowhere/system'), open)).rejects.toMatchObject({
      name: 'DriverError',
      code: 'HOST_UNREACHABLE',
    });
  });
});
