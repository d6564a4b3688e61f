// Discovery and prechecks through Ferry's services: the lab's hosts, guests, pools (shared and
// local) and port groups as the engine sees them, and the engine's checks on real inventory.

import { describe, expect, it } from 'vitest';
import { compareCpuOn } from '../../src/main/drivers/libvirt/inventory/cpu-features';
import { openLibvirt } from '../../src/main/drivers/libvirt/rpc';
import { guestNamed, hostNamed, idOf } from './lab-env';
import { useLabSession } from './lab-services';

describe('discovery and prechecks through the engine (lab)', () => {
  const { lab, driver, opened } = useLabSession('suite');

  it('lists the three hosts by their libvirt UUIDs, in the configured cluster, connected', () => {
    const { inventory } = opened.services;
    const hosts = inventory.allHosts().filter((h) => h.driverId === 'libvirt');
    expect(hosts.map((h) => h.name).sort()).toEqual(['ferry-lab-h1', 'ferry-lab-h2', 'ferry-lab-h3']);
    for (const host of hosts) {
      const labHost = hostNamed(lab, host.name);
      expect(host.id).toBe(`libvirt:${labHost.hostUuid}`);
      expect(host.clusterId).toBe('lab-cluster');
      expect(host.connection).toBe('connected');
      expect(host.health).toBe('ok');
      expect(host.cpu.cores).toBeGreaterThan(0);
      expect(host.cpu.features.length).toBeGreaterThan(20);
      expect(host.memoryBytes).toBeGreaterThan(1024 ** 3);
      expect(host.portGroups).toContain('br0');
    }
    const cluster = inventory.cluster('lab-cluster');
    expect(cluster?.name).toBe('Lab');
    // libvirt's baseline over identical hosts is their whole feature set.
    expect(cluster?.cpuBaseline.length).toBeGreaterThan(20);
  });

  it('finds each guest on the host where it runs, with its disk on the right pool and its NIC on br0', () => {
    const { inventory } = opened.services;
    for (const guest of lab.guests) {
      const vm = inventory.vm(guest.uuid);
      expect(vm, guest.name).toBeDefined();
      expect(vm?.name).toBe(guest.name);
      expect(vm?.hostId).toBe(idOf(hostNamed(lab, guest.homeHost)));
      expect(vm?.power).toBe('running');
      expect(vm?.memoryBytes).toBe(256 * 1024 ** 2);
      expect(vm?.cpuModel).toBe('qemu64');
      expect(vm?.cpuFeatures).toEqual(expect.arrayContaining(['lm', 'sse2', 'lahf_lm']));
      expect(vm?.nics).toEqual([{ mac: expect.stringMatching(/^52:54:00:77:00:2/), portGroup: 'br0' }]);
      expect(vm?.devices).toEqual([]);
      const disk = vm?.disks[0];
      expect(disk?.capacityBytes).toBe(64 * 1024 ** 2);
      const expected = guest.storage === 'shared' ? 'libvirt-pool:shared' : `libvirt-pool:${idOf(hostNamed(lab, guest.homeHost))}/local`;
      expect(disk?.datastoreId).toBe(expected);
    }
  });

  it('reports the shared pool once for all hosts and one local pool per host', () => {
    const { inventory } = opened.services;
    const stores = inventory.allDatastores().filter((d) => d.id.startsWith('libvirt-'));
    const shared = stores.find((d) => d.id === 'libvirt-pool:shared');
    expect(shared?.kind).toBe('shared');
    expect(shared?.hostIds.sort()).toEqual(lab.hosts.map(idOf).sort());
    for (const host of lab.hosts) {
      const local = stores.find((d) => d.id === `libvirt-pool:${idOf(host)}/local`);
      expect(local?.kind).toBe('local');
      expect(local?.hostIds).toEqual([idOf(host)]);
      expect(local?.capacityBytes).toBeGreaterThan(0);
      expect(inventory.host(idOf(host))?.datastoreIds.sort()).toEqual(['libvirt-pool:shared', `libvirt-pool:${idOf(host)}/local`].sort());
    }
    const br0 = inventory.allNetworks().find((n) => n.name === 'br0');
    expect(br0?.hostIds.sort()).toEqual(lab.hosts.map(idOf).sort());
  });

  it('blocks a compute-only move of the local-disk guest (STORAGE_NOT_REACHABLE) and passes the shared one', () => {
    const h2 = idOf(hostNamed(lab, 'ferry-lab-h2'));
    const [local] = opened.services.engine.checks({
      vmIds: [guestNamed(lab, 'lab-vm2').uuid],
      destHostId: h2,
      type: 'compute',
      destDatastoreId: null,
    });
    expect(local?.results.filter((r) => r.severity === 'error').map((r) => r.code)).toEqual(['STORAGE_NOT_REACHABLE']);
    const [shared] = opened.services.engine.checks({
      vmIds: [guestNamed(lab, 'lab-vm1').uuid],
      destHostId: h2,
      type: 'compute',
      destDatastoreId: null,
    });
    expect(shared?.results.filter((r) => r.severity === 'error')).toEqual([]);
    const [copy] = opened.services.engine.checks({
      vmIds: [guestNamed(lab, 'lab-vm2').uuid],
      destHostId: h2,
      type: 'both',
      destDatastoreId: `libvirt-pool:${h2}/local`,
    });
    expect(copy?.results.filter((r) => r.severity === 'error')).toEqual([]);
  });

  it("asks libvirt to compare the guest's CPU with each destination: compatible", async () => {
    for (const name of ['ferry-lab-h2', 'ferry-lab-h3']) {
      const result = await driver.compareCpu(guestNamed(lab, 'lab-vm1').uuid, idOf(hostNamed(lab, name)));
      expect(result.compatible).toBe(true);
      expect(['identical', 'superset']).toContain(result.result);
    }
  });

  it('names the features a destination lacks when libvirt finds a CPU incompatible', async () => {
    const client = await openLibvirt(hostNamed(lab, 'ferry-lab-h2').unixUri);
    try {
      const cpu = `<cpu mode='custom' match='exact'><model fallback='forbid'>qemu64</model><feature policy='require' name='avx512f'/><feature policy='require' name='avx512bw'/></cpu>`;
      const result = await compareCpuOn(client, cpu, { virttype: 'qemu', arch: 'x86_64' });
      expect(result).toMatchObject({ compatible: false, result: 'incompatible', incompatibleFeatures: ['avx512f', 'avx512bw'] });
    } finally {
      await client.close();
    }
  });

  it('reports live metrics per host', async () => {
    const metrics = await driver.metrics();
    expect(metrics.map((m) => m.hostId).sort()).toEqual(lab.hosts.map(idOf).sort());
    for (const m of metrics) {
      expect(m.connection).toBe('connected');
      expect(m.cpuUsage).toBeGreaterThanOrEqual(0);
      expect(m.cpuUsage).toBeLessThanOrEqual(1);
      expect(m.memoryUsedBytes).toBeGreaterThan(0);
    }
  });
});
