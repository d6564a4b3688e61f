import { describe, expect, it } from 'vitest';
import type { InventorySnapshot, Vm } from '../../src/shared/model/inventory';
import { packVms, snapshotVms } from '../../src/shared/model/snapshot-vms';

const vm = (id: string, cpuFeatures: string[]): Vm => ({ id, name: id, hostId: 'h1', cpuFeatures }) as Vm;
const snapshotOf = (vms: Vm[]): InventorySnapshot =>
  ({ datacenters: [], clusters: [], hosts: [], datastores: [], networks: [], ...packVms(vms) }) as InventorySnapshot;
// What the wire does to it: no object is shared any more.
const sent = (snapshot: InventorySnapshot): InventorySnapshot => JSON.parse(JSON.stringify(snapshot)) as InventorySnapshot;

describe('snapshot VMs', () => {
  it('sends each distinct CPU feature list once, whether the VMs share the array or only its contents', () => {
    const shared = ['avx2', 'aes'];
    const { vms, cpuFeatureSets } = packVms([vm('a', shared), vm('b', shared), vm('c', ['avx2', 'aes']), vm('d', ['sse2']), vm('e', [])]);
    expect(cpuFeatureSets).toEqual([['avx2', 'aes'], ['sse2'], []]);
    expect(vms.map((v) => v.cpuFeatures)).toEqual([0, 0, 0, 1, 2]);
  });

  it('gives the VMs back as they were, equal lists as one array, without touching what was packed', () => {
    const original = [vm('a', ['avx2', 'aes']), vm('b', ['avx2', 'aes']), vm('c', ['sse2'])];
    const vms = snapshotVms(sent(snapshotOf(original)));
    expect(vms).toEqual(original);
    expect(vms[0]?.cpuFeatures).toBe(vms[1]?.cpuFeatures);
    expect(original[0]?.cpuFeatures).not.toBe(original[1]?.cpuFeatures);
  });

  it('leaves out the working set, which only predictions in the main process read', () => {
    const withWorkingSet = { ...vm('a', ['sse2']), workingSetBytes: 2 ** 30 };
    const [packed] = packVms([withWorkingSet]).vms;
    expect(packed).not.toHaveProperty('workingSetBytes');
    expect(packed).toMatchObject({ id: 'a', cpuFeatures: 0 });
    expect(withWorkingSet.workingSetBytes).toBe(2 ** 30);
  });

  it('reads a snapshot twice the same way', () => {
    const snapshot = sent(snapshotOf([vm('a', ['sse2'])]));
    snapshotVms(snapshot);
    expect(snapshotVms(snapshot)[0]?.cpuFeatures).toEqual(['sse2']);
  });

  it('refuses a VM naming a list the snapshot lacks', () => {
    const snapshot = sent(snapshotOf([vm('a', ['sse2'])]));
    snapshot.cpuFeatureSets = [];
    expect(() => snapshotVms(snapshot)).toThrow(/snapshot VM a names CPU feature list 0/);
  });
});
