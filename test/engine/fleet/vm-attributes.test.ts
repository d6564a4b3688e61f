import { describe, expect, it } from 'vitest';
import { rankHosts } from '../../../src/main/engine/planning/recommend';
import { automaticallyApplied, recommendBalancing } from '../../../src/main/operations/balancer';
import { predictMoveWith } from '../../../src/main/operations/balancing/move-cost';
import { planEvacuation } from '../../../src/main/operations/evacuation-planner';
import { defaultClusterPolicy } from '../../../src/main/engine/fleet/inventory-service';
import type { Cluster } from '../../../src/shared/model/inventory';
import { useTempDirs } from '../../helpers/temp-dir';
import { H1, H2, libvirtDiscovery, openInventory, uuidOf } from './libvirt-inventory';

// Guests 1..3 on h1 (busy), guest 4 on h2 (idle); all alike but for their names.
const placement = { 1: H1, 2: H1, 3: H1, 4: H2 } as const;

describe('Ferry-owned attributes of a libvirt VM', () => {
  const tempDir = useTempDirs();

  it('marks a libvirt VM mission-critical and tags it, by its domain UUID, across rediscovery, restart and a move', () => {
    const dir = tempDir();
    const first = openInventory(dir);
    first.inventory.applyDiscovery('libvirt', libvirtDiscovery(placement));
    expect(first.inventory.vm(uuidOf(3))).toMatchObject({ missionCritical: false, tags: [] });
    first.inventory.setVmAttributes(uuidOf(3), { missionCritical: true, tags: ['db', 'affinity:db'] });
    // libvirt goes on reporting no attributes: Ferry's own stay.
    first.inventory.applyDiscovery('libvirt', libvirtDiscovery(placement));
    expect(first.inventory.vm(uuidOf(3))).toMatchObject({ missionCritical: true, tags: ['db', 'affinity:db'] });
    first.close();

    const second = openInventory(dir);
    expect(second.inventory.vm(uuidOf(3))).toMatchObject({ missionCritical: true, tags: ['db', 'affinity:db'] });
    second.inventory.applyDiscovery('libvirt', libvirtDiscovery({ ...placement, 3: H2 }));
    expect(second.inventory.vm(uuidOf(3))).toMatchObject({ hostId: H2, missionCritical: true, tags: ['db', 'affinity:db'] });
    second.close();
  });

  it('evacuates a mission-critical libvirt VM first', () => {
    const { inventory, view, close } = openInventory(tempDir());
    inventory.applyDiscovery('libvirt', libvirtDiscovery(placement));
    // Alike guests go by name: lab-g1 first, until lab-g3 is mission-critical.
    expect(planEvacuation(view, [H1])[0]?.moves.map((m) => m.vmName)).toEqual(['lab-g1', 'lab-g2', 'lab-g3']);
    inventory.setVmAttributes(uuidOf(3), { missionCritical: true, tags: [] });
    const [plan] = planEvacuation(view, [H1]);
    expect(plan?.moves[0]).toMatchObject({ vmName: 'lab-g3', missionCritical: true });
    close();
  });

  it('leaves a mission-critical libvirt VM to a human under partially automated balancing', () => {
    const { inventory, view, close } = openInventory(tempDir());
    inventory.applyDiscovery('libvirt', libvirtDiscovery(placement));
    const cluster: Cluster = { ...(view.cluster('lab') as Cluster), policy: { ...defaultClusterPolicy, balancing: 'partial' } };
    const recommended = () =>
      recommendBalancing(view, cluster, { pending: [], predict: predictMoveWith({ view, active: () => [] }) }).recommendations;
    expect(recommended().map((r) => r.vmId)).toContain(uuidOf(1));
    expect(automaticallyApplied(view, cluster, recommended()).map((r) => r.vmId)).toContain(uuidOf(1));
    inventory.setVmAttributes(uuidOf(1), { missionCritical: true, tags: [] });
    expect(recommended().map((r) => r.vmId)).toContain(uuidOf(1));
    expect(automaticallyApplied(view, cluster, recommended()).map((r) => r.vmId)).not.toContain(uuidOf(1));
    const full: Cluster = { ...cluster, policy: { ...cluster.policy, balancing: 'full' } };
    expect(automaticallyApplied(view, full, recommended()).map((r) => r.vmId)).toContain(uuidOf(1));
    close();
  });

  it('ranks hosts by affinity and anti-affinity tags set on libvirt VMs', () => {
    const { inventory, view, close } = openInventory(tempDir());
    inventory.applyDiscovery('libvirt', libvirtDiscovery(placement));
    const reasonsFor = (hostId: string) =>
      rankHosts(view, inventory.vm(uuidOf(1))!, 'compute', new Map()).find((r) => r.hostId === hostId)?.reasons ?? [];
    expect(reasonsFor(H2).join('; ')).not.toMatch(/affinity/);
    inventory.setVmAttributes(uuidOf(1), { missionCritical: false, tags: ['affinity:db'] });
    inventory.setVmAttributes(uuidOf(4), { missionCritical: false, tags: ['affinity:db'] });
    expect(reasonsFor(H2)).toContain('runs VMs this VM has affinity with');
    const before = rankHosts(view, inventory.vm(uuidOf(1))!, 'compute', new Map()).find((r) => r.hostId === H2)!.score;
    inventory.setVmAttributes(uuidOf(1), { missionCritical: false, tags: ['anti-affinity:web'] });
    inventory.setVmAttributes(uuidOf(4), { missionCritical: false, tags: ['anti-affinity:web'] });
    const after = rankHosts(view, inventory.vm(uuidOf(1))!, 'compute', new Map()).find((r) => r.hostId === H2)!;
    expect(after.reasons).toContain('runs a VM with the same anti-affinity tag');
    expect(after.score).toBeLessThan(before);
    close();
  });
});
