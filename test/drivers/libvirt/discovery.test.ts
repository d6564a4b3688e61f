// From host snapshots to Ferry's inventory, and the disk planning of storage moves.

import { describe, expect, it } from 'vitest';
import { assembleDiscovery, locateDisk, type HostReport } from '../../../src/main/drivers/libvirt/inventory/discovery';
import type { DomainFacts, HostSnapshot, PoolFacts } from '../../../src/main/drivers/libvirt/hosts/host-snapshot';
import { poolVerdict } from '../../../src/main/drivers/libvirt/inventory/host-health';
import { rewriteDiskPaths } from '../../../src/main/drivers/libvirt/jobs/migration-starter';
import { planDiskMoves } from '../../../src/main/drivers/libvirt/jobs/volumes';
import { parseDomain } from '../../../src/main/drivers/libvirt/xml/domain';
import { parsePool } from '../../../src/main/drivers/libvirt/xml/pool';
import { fixture } from './fixtures';

const H1 = 'libvirt:11111111-1111-1111-1111-111111111111';
const H2 = 'libvirt:22222222-2222-2222-2222-222222222222';
const shared = new Set(['shared']);

const pool = (xml: string, volumes: PoolFacts['volumes'] = [], active = true): PoolFacts => ({ def: parsePool(xml), active, volumes });
const sharedPool = (vols: PoolFacts['volumes'] = []) => pool(fixture('pool-shared.xml'), vols);
const localPool = (vols: PoolFacts['volumes'] = []) => pool(fixture('pool-local.xml'), vols);
const vm1Volume = {
  name: 'lab-vm1.qcow2',
  path: '/work/main/.lab/shared-storage/lab-vm1.qcow2',
  capacityBytes: 64 * 1024 ** 2,
  allocationBytes: 331776,
};
const vm2Volume = {
  name: 'lab-vm2.qcow2',
  path: '/var/lib/libvirt/images/lab-vm2.qcow2',
  capacityBytes: 64 * 1024 ** 2,
  allocationBytes: 331776,
};

const domain = (name: string, power: DomainFacts['power']): DomainFacts => ({
  def: parseDomain(fixture(name)),
  power,
  cpuTimeNs: 0n,
  cpuFeatures: ['lm', 'sse2'],
  cpuModel: 'qemu64',
});

function snapshot(hostId: string, name: string, pools: PoolFacts[], domains: DomainFacts[]): HostSnapshot {
  return {
    hostId,
    name,
    clusterId: 'lab',
    takenAt: 0,
    memoryBytes: 8 * 1024 ** 3,
    virtType: 'qemu',
    arch: 'x86_64',
    hostModelCpuXml: null,
    cpu: { vendor: 'amd', family: 25, model: 1, modelName: 'EPYC', features: ['lm', 'sse2'], cores: 2 },
    pools,
    networks: [],
    interfaces: [{ name: 'br0', type: 'bridge' }],
    domains,
  };
}

const report = (snap: HostSnapshot, connection: HostReport['connection'] = 'connected'): HostReport => ({
  snapshot: snap,
  connection,
  health: connection === 'connected' ? 'ok' : 'unknown',
  incomingMigrationBlocker: null,
  cpuUsage: 0.25,
  memoryUsedBytes: 1024 ** 3,
  migrationBandwidthBps: 1.25e9,
  migrationBandwidthSource: 'assumed',
  configuredBridges: [],
});

const assemble = (hosts: HostReport[]) =>
  assembleDiscovery({
    driverId: 'libvirt',
    datacenterName: 'Lab',
    sharedPools: shared,
    datastoreThroughputBps: 1e8,
    hosts,
    clusters: [{ id: 'lab', name: 'Lab', cpuBaseline: ['lm'] }],
    vmCpuUsage: () => 0.1,
    vmDirtyRate: (uuid) => measured.get(uuid),
  });
const measured = new Map<string, { bytesPerSecond: number; measuredAt: string }>();

describe('assembling the inventory', () => {
  it('reports no datacenter while it manages no host (a failed add-host left an empty "libvirt" one for good)', () => {
    const none = assembleDiscovery({
      driverId: 'libvirt',
      datacenterName: 'libvirt',
      sharedPools: new Set(),
      datastoreThroughputBps: 1e8,
      hosts: [],
      clusters: [],
      vmCpuUsage: () => 0,
      vmDirtyRate: () => undefined,
    });
    expect(none.datacenters).toEqual([]);
    expect(assemble([]).datacenters).toEqual([{ id: 'libvirt:datacenter', name: 'Lab' }]);
  });

  it('merges a shared pool across hosts and keeps local pools per host', () => {
    const found = assemble([
      report(
        snapshot(
          H1,
          'h1',
          [sharedPool([vm1Volume]), localPool([vm2Volume])],
          [domain('domain-lab-vm1-running.xml', 'running'), domain('domain-lab-vm2-running.xml', 'running')],
        ),
      ),
      report(snapshot(H2, 'h2', [sharedPool(), localPool()], [])),
    ]);
    expect(found.datacenters).toEqual([{ id: 'libvirt:datacenter', name: 'Lab' }]);
    expect(found.clusters).toEqual([{ id: 'lab', name: 'Lab', datacenterId: 'libvirt:datacenter', cpuBaseline: ['lm'] }]);
    const stores = new Map(found.datastores.map((d) => [d.id, d]));
    expect(stores.get('libvirt-pool:shared')).toMatchObject({ kind: 'shared', hostIds: [H1, H2] });
    expect(stores.get(`libvirt-pool:${H1}/local`)).toMatchObject({ kind: 'local', hostIds: [H1] });
    expect(stores.get(`libvirt-pool:${H2}/local`)).toMatchObject({ kind: 'local', hostIds: [H2] });
    expect(found.hosts.find((h) => h.id === H2)?.datastoreIds).toEqual([`libvirt-pool:${H2}/local`, 'libvirt-pool:shared']);
    const vm2 = found.vms.find((v) => v.name === 'lab-vm2');
    expect(vm2).toMatchObject({ hostId: H1, power: 'running', cpuUsage: 0.1, memoryBytes: 256 * 1024 ** 2 });
    expect(vm2?.disks).toEqual([
      {
        path: vm2Volume.path,
        datastoreId: `libvirt-pool:${H1}/local`,
        capacityBytes: vm2Volume.capacityBytes,
        allocatedBytes: vm2Volume.allocationBytes,
        writeRateBps: 0,
      },
    ]);
    expect(found.networks).toEqual([
      { id: 'libvirt-portgroup:br0', name: 'br0', hostIds: [H1, H2] },
      { id: 'libvirt-portgroup:user', name: 'user', hostIds: [H1, H2] },
    ]);
  });

  it('reports one VM per UUID: where it runs, not an incoming paused copy or a leftover definition', () => {
    const incoming = snapshot(H2, 'h2', [sharedPool([vm1Volume])], [domain('domain-lab-vm1-running.xml', 'paused')]);
    const source = snapshot(H1, 'h1', [sharedPool([vm1Volume])], [domain('domain-lab-vm1-running.xml', 'running')]);
    expect(assemble([report(incoming), report(source)]).vms.map((v) => [v.name, v.hostId, v.power])).toEqual([['lab-vm1', H1, 'running']]);
    const leftover = snapshot(H1, 'h1', [sharedPool([vm1Volume])], [domain('domain-lab-vm1-running.xml', 'off')]);
    const moved = snapshot(H2, 'h2', [sharedPool([vm1Volume])], [domain('domain-lab-vm1-running.xml', 'running')]);
    expect(assemble([report(leftover), report(moved)]).vms.map((v) => [v.hostId, v.power])).toEqual([[H2, 'running']]);
  });

  it("reports a running guest's measured dirty rate with its time, and 0 unmeasured otherwise", () => {
    const running = snapshot(H1, 'h1', [sharedPool([vm1Volume])], [domain('domain-lab-vm1-running.xml', 'running')]);
    const [unmeasured] = assemble([report(running)]).vms;
    expect(unmeasured).toMatchObject({ dirtyRateBps: 0, dirtyRateMeasuredAt: null });
    measured.set(unmeasured?.id ?? '', { bytesPerSecond: 8 * 1024 ** 2, measuredAt: '2026-11-26T04:00:00.000Z' });
    const [vm] = assemble([report(running)]).vms;
    expect(vm).toMatchObject({ dirtyRateBps: 8 * 1024 ** 2, dirtyRateMeasuredAt: '2026-11-26T04:00:00.000Z' });
    const off = snapshot(H1, 'h1', [sharedPool([vm1Volume])], [domain('domain-lab-vm1-running.xml', 'off')]);
    expect(assemble([report(off)]).vms[0]).toMatchObject({ dirtyRateBps: 0, dirtyRateMeasuredAt: null });
    measured.clear();
  });

  it('keeps an unreachable host and its guests, their power unknown', () => {
    const found = assemble([
      report(snapshot(H1, 'h1', [sharedPool([vm1Volume])], [domain('domain-lab-vm1-running.xml', 'running')]), 'disconnected'),
    ]);
    expect(found.hosts[0]).toMatchObject({ id: H1, connection: 'disconnected', health: 'unknown' });
    expect(found.vms[0]).toMatchObject({ hostId: H1, power: 'unknown' });
  });

  it('gives disks outside every pool a local datastore of their directory, so every reference resolves', () => {
    const found = assemble([report(snapshot(H1, 'h1', [], [domain('domain-lab-vm2-running.xml', 'running')]))]);
    const id = `libvirt-dir:${H1}:/var/lib/libvirt/images`;
    expect(found.vms[0]?.disks[0]?.datastoreId).toBe(id);
    expect(found.datastores).toEqual([expect.objectContaining({ id, kind: 'local', hostIds: [H1] })]);
    expect(found.hosts[0]?.datastoreIds).toEqual([id]);
  });

  it('marks passthrough devices as pinning the guest, and reports every NIC port group', () => {
    const synthetic: DomainFacts = { ...domain('domain-synthetic-devices.xml', 'running') };
    const found = assemble([report(snapshot(H1, 'h1', [], [synthetic]))]);
    expect(found.vms[0]?.devices.every((d) => d.migratable === false)).toBe(true);
    expect(found.vms[0]?.devices).toHaveLength(3);
    expect(found.vms[0]?.nics.map((n) => n.portGroup)).toEqual(['prod', 'macvtap:eno2', 'user', 'hostdev']);
  });

  it('finds a disk by volume path, by pool directory, or not at all', () => {
    const pools = [sharedPool([vm1Volume]), localPool()];
    expect(locateDisk({ path: vm1Volume.path, pool: null, volume: null }, pools).pool?.def.name).toBe('shared');
    expect(locateDisk({ path: '/var/lib/libvirt/images/new.qcow2', pool: null, volume: null }, pools)).toMatchObject({ capacityBytes: 0 });
    expect(locateDisk({ path: '/var/lib/libvirt/images/new.qcow2', pool: null, volume: null }, pools).pool?.def.name).toBe('local');
    expect(locateDisk({ path: '/elsewhere/x.img', pool: null, volume: null }, pools).pool).toBeNull();
  });

  it('is degraded when a pool its guests use is down', () => {
    const snap = snapshot(H1, 'h1', [localPool([vm2Volume]), sharedPool()], [domain('domain-lab-vm2-running.xml', 'running')]);
    expect(poolVerdict(snap)).toEqual({ health: 'ok', reason: null });
    const down = poolVerdict({ ...snap, pools: [pool(fixture('pool-local.xml'), [], false)] });
    expect(down.health).toBe('degraded');
    expect(down.reason).toMatch(/storage pool local is not running/);
    expect(poolVerdict({ ...snap, pools: [localPool(), pool(fixture('pool-shared.xml'), [], false)] }).health).toBe('ok');
  });
});

describe('planning disk moves', () => {
  const vm2 = parseDomain(fixture('domain-lab-vm2-running.xml'));
  const vm1 = parseDomain(fixture('domain-lab-vm1-running.xml'));

  it('moves the disks not already on the target, keeping the file name, with size and format', () => {
    const plan = planDiskMoves(vm2, H1, [localPool([vm2Volume]), sharedPool()], sharedPool(), 'libvirt-pool:shared', shared);
    expect(plan.moves).toEqual([
      {
        target: 'vda',
        sourcePath: vm2Volume.path,
        destPath: '/work/main/.lab/shared-storage/lab-vm2.qcow2',
        format: 'qcow2',
        capacityBytes: vm2Volume.capacityBytes,
        sourcePool: { name: 'local', type: 'dir' },
      },
    ]);
    // Already there: nothing moves, the disk stays (and is listed with its pool).
    const none = planDiskMoves(vm1, H1, [sharedPool([vm1Volume])], sharedPool(), 'libvirt-pool:shared', shared);
    expect(none.moves).toEqual([]);
    expect(none.staying.map((s) => [s.target, s.pool?.def.name])).toEqual([['vda', 'shared']]);
  });

  it('leaves read-only media alone and refuses what it cannot copy', () => {
    const synthetic = parseDomain(fixture('domain-synthetic-devices.xml'));
    expect(() => planDiskMoves(synthetic, H1, [], localPool(), `libvirt-pool:${H2}/local`, shared)).toThrow(/volume disk/);
    const withoutVolume = planDiskMoves(
      { ...vm2, disks: vm2.disks.map((d) => ({ ...d, device: 'cdrom', readonly: true })) },
      H1,
      [],
      sharedPool(),
      'libvirt-pool:shared',
      shared,
    );
    expect(withoutVolume.moves).toEqual([]);
    expect(() => planDiskMoves(vm2, H1, [], sharedPool(), 'libvirt-pool:shared', shared)).toThrow(/size is unknown/);
    expect(() =>
      planDiskMoves(vm2, H1, [localPool([vm2Volume])], pool(`<pool type='rbd'><name>ceph</name></pool>`), 'libvirt-pool:ceph', shared),
    ).toThrow(/file-based/);
  });

  it('rewrites the moved disks in a definition, quotes either way, nothing else', () => {
    const xml = `<disk><source file='/a/x.qcow2' index='1'/></disk><disk><source file="/a/x.qcow2"/></disk><disk><source file='/a/y.qcow2'/></disk>`;
    expect(rewriteDiskPaths(xml, [{ sourcePath: '/a/x.qcow2', destPath: '/b/x.qcow2' }])).toBe(
      `<disk><source file='/b/x.qcow2' index='1'/></disk><disk><source file="/b/x.qcow2"/></disk><disk><source file='/a/y.qcow2'/></disk>`,
    );
  });
});
