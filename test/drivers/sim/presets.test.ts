import { describe, expect, it } from 'vitest';
import { buildPreset } from '../../../src/main/drivers/sim/presets';

const GiB = 1024 ** 3;

describe('simulated datacenter presets', () => {
  const demo = buildPreset('demo', 0);

  it('demo: one datacenter, an Intel cluster of two CPU generations and an AMD cluster', () => {
    expect(demo.datacenters.map((d) => d.name)).toEqual(['DC0']);
    expect(demo.clusters.map((c) => c.name)).toEqual(['DC0_C0', 'DC0_C1']);
    const c0 = demo.hosts.filter((h) => h.clusterId === 'DC0_C0');
    const c1 = demo.hosts.filter((h) => h.clusterId === 'DC0_C1');
    expect(c0.map((h) => h.name)).toEqual(['DC0_C0_H0', 'DC0_C0_H1', 'DC0_C0_H2', 'DC0_C0_H3']);
    expect(new Set(c0.map((h) => h.cpu.vendor))).toEqual(new Set(['intel']));
    expect(new Set(c0.map((h) => h.cpu.model)).size).toBe(2);
    expect(c1).toHaveLength(3);
    expect(new Set(c1.map((h) => h.cpu.vendor))).toEqual(new Set(['amd']));
  });

  it('demo: a shared datastore per cluster, a local one per host, port groups named alike but one missing', () => {
    expect(demo.datastores.filter((d) => d.kind === 'shared').map((d) => d.name)).toEqual(['DC0_C0_DS0', 'DC0_C1_DS0']);
    expect(demo.datastores.filter((d) => d.kind === 'local')).toHaveLength(7);
    const lacking = demo.hosts.filter((h) => demo.networks.some((n) => n.id.startsWith(h.clusterId) && !h.portGroups.includes(n.name)));
    expect(lacking.map((h) => h.name)).toEqual(['DC0_C0_H3']);
  });

  it('demo: about 40 varied VMs including the special cases every precheck needs', () => {
    expect(demo.vms.length).toBeGreaterThanOrEqual(36);
    expect(demo.vms.length).toBeLessThanOrEqual(44);
    const memory = demo.vms.map((v) => v.memoryBytes / GiB);
    expect(Math.min(...memory)).toBe(1);
    expect(Math.max(...memory)).toBe(64);
    expect(demo.vms.filter((v) => v.devices.some((d) => !d.migratable))).toHaveLength(1);
    expect(demo.vms.filter((v) => v.power === 'off').length).toBeGreaterThanOrEqual(1);
    expect(demo.vms.filter((v) => v.missionCritical).length).toBeGreaterThanOrEqual(3);
    // One guest dirties memory faster than its host's migration link can carry it.
    const hot = demo.vms.filter((v) => v.dirtyRateBps > (demo.hosts.find((h) => h.id === v.hostId)?.migrationBandwidthBps ?? Infinity));
    expect(hot.map((v) => v.name)).toEqual(['DC0_C0_H0_VM3']);
    expect(new Set(demo.vms.map((v) => v.dirtyRateBps)).size).toBeGreaterThan(15);
    expect(new Set(demo.vms.flatMap((v) => v.tags)).size).toBeGreaterThan(10);
  });

  it('is deterministic: the same preset and seed build the same datacenter', () => {
    expect(JSON.stringify(buildPreset('demo', 0))).toBe(JSON.stringify(demo));
  });

  it('tiny: two hosts and two VMs; large: 2,000 hosts and 40,000 VMs', () => {
    const tiny = buildPreset('tiny', 0);
    expect([tiny.hosts.length, tiny.vms.length]).toEqual([2, 2]);
    const large = buildPreset('large', 0);
    expect([large.hosts.length, large.vms.length]).toEqual([2000, 40000]);
    expect(large.vms.at(-1)?.name).toBe('DC3_C9_H49_VM19');
  });
});
