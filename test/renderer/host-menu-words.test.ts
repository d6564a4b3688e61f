import { describe, expect, it } from 'vitest';
import { vmMove } from '../../src/renderer/src/components/vm-move-words';
import { hostMigration } from '../../src/renderer/src/features/inventory/host-menu-words';
import type { PowerState, Vm } from '../../src/shared/model/inventory';

const vm = (name: string, hostId: string, power: PowerState = 'running') => ({ id: `id-${name}`, name, hostId, power }) as unknown as Vm;

// New-user review 12, finding 14: the host menu had no "Migrate VMs…".
describe("a host's Migrate VMs…", () => {
  it("starts with the host's running and powered-off VMs, in name order, and says which move cold", () => {
    const vms = [vm('H0_VM10', 'H0'), vm('H1_VM0', 'H1'), vm('H0_VM2', 'H0', 'off'), vm('H0_VM1', 'H0')];
    expect(hostMigration(vms, 'H0')).toEqual({
      vmIds: ['id-H0_VM1', 'id-H0_VM2', 'id-H0_VM10'],
      note: '3 VMs, 1 powered off (moves cold)',
    });
  });

  it('leaves paused VMs and VMs of unknown power where they are, and says so', () => {
    const vms = [vm('H0_VM0', 'H0'), vm('H0_VM1', 'H0', 'paused'), vm('H0_VM2', 'H0', 'unknown')];
    expect(hostMigration(vms, 'H0')).toEqual({ vmIds: ['id-H0_VM0'], note: '1 VM; 2 stay (paused or power unknown)' });
  });

  it('offers nothing on a host without VMs, and says why', () => {
    expect(hostMigration([vm('H1_VM0', 'H1')], 'H0')).toEqual({ vmIds: [], note: 'No VMs on this host' });
  });

  it('offers nothing when none of its VMs can move, and says why', () => {
    expect(hostMigration([vm('H0_VM0', 'H0', 'paused')], 'H0')).toEqual({ vmIds: [], note: 'Its VM cannot move: paused or power unknown' });
    expect(hostMigration([vm('H0_VM0', 'H0', 'paused'), vm('H0_VM1', 'H0', 'unknown')], 'H0').note).toBe(
      'Its 2 VMs cannot move: paused or power unknown',
    );
  });
});

describe("a VM's Migrate… (tree and Summary)", () => {
  it('moves a running VM live, a powered-off one cold, and not a paused one', () => {
    expect(vmMove({ name: 'web01', power: 'running' })).toEqual({ movable: true, note: undefined });
    expect(vmMove({ name: 'web01', power: 'off' })).toEqual({ movable: true, note: 'Powered off: moves cold' });
    expect(vmMove({ name: 'web01', power: 'paused' })).toEqual({ movable: false, note: 'web01 is paused' });
    expect(vmMove({ name: 'web01', power: 'unknown' })).toEqual({ movable: false, note: "web01's power state is unknown" });
  });
});
