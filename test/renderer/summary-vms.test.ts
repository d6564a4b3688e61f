import { describe, expect, it } from 'vitest';
import { vmsOnDatastore, vmsOnPortGroup } from '../../src/renderer/src/features/summary/summary-vms';
import type { Network, Vm } from '../../src/shared/model/inventory';

const vm = (name: string, hostId: string, datastoreId = 'DS0', portGroup = 'PG0') =>
  [name, { id: name, name, hostId, disks: [{ datastoreId }], nics: [{ portGroup }] } as unknown as Vm] as const;

// The inventory keeps VMs by host, as the demo lists them: the summary read them interleaved (new-user review).
const vms = new Map([
  vm('DC0_C1_H0_VM0', 'H0'),
  vm('DC0_C1_H0_VM10', 'H0'),
  vm('DC0_C1_H1_VM0', 'H1'),
  vm('DC0_C1_H0_VM2', 'H0'),
  vm('DC0_C1_H1_VM1', 'H1', 'DS1', 'PG1'),
]);

describe("a datastore's and a port group's VMs", () => {
  it('are listed in name order, numbers as numbers (VM2 before VM10)', () => {
    expect(vmsOnDatastore(vms, 'DS0').map((v) => v.name)).toEqual(['DC0_C1_H0_VM0', 'DC0_C1_H0_VM2', 'DC0_C1_H0_VM10', 'DC0_C1_H1_VM0']);
    const network = { name: 'PG0', hostIds: ['H0', 'H1'] } as unknown as Network;
    expect(vmsOnPortGroup(vms, network).map((v) => v.name)).toEqual(['DC0_C1_H0_VM0', 'DC0_C1_H0_VM2', 'DC0_C1_H0_VM10', 'DC0_C1_H1_VM0']);
  });
});
