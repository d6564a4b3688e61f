import type { InventorySnapshot, SnapshotVm, Vm } from './inventory';

/** A VM as the console is sent it: without its working set, which only predictions read (40,000 numbers it never shows). */
export function vmForConsole({ workingSetBytes: _predictionsOnly, ...vm }: Vm): Vm {
  return vm;
}

/** VMs packed for a snapshot: each distinct CPU feature list once, the VMs pointing at it by index. */
export function packVms(vms: readonly Vm[]): Pick<InventorySnapshot, 'vms' | 'cpuFeatureSets'> {
  const cpuFeatureSets: string[][] = [];
  const byList = new Map<readonly string[], number>();
  const byContent = new Map<string, number>();
  const indexOf = (features: string[]): number => {
    let index = byList.get(features);
    if (index !== undefined) return index;
    const key = features.join('\n');
    index = byContent.get(key);
    if (index === undefined) {
      index = cpuFeatureSets.push(features) - 1;
      byContent.set(key, index);
    }
    byList.set(features, index);
    return index;
  };
  const packed = vms.map((vm): SnapshotVm => Object.assign(vmForConsole(vm), { cpuFeatures: indexOf(vm.cpuFeatures) }));
  return { vms: packed, cpuFeatureSets };
}

/**
 * The snapshot's VMs with their CPU feature lists, the lists shared between VMs. Rewritten in place:
 * the snapshot is fresh from the wire, and 40,000 copies would cost what packing saved.
 */
export function snapshotVms(snapshot: InventorySnapshot): Vm[] {
  for (const vm of snapshot.vms as (SnapshotVm | Vm)[]) {
    if (typeof vm.cpuFeatures !== 'number') continue;
    const features = snapshot.cpuFeatureSets[vm.cpuFeatures];
    if (!features) throw new Error(`snapshot VM ${vm.id} names CPU feature list ${vm.cpuFeatures}, which the snapshot lacks`);
    (vm as Vm).cpuFeatures = features;
  }
  return snapshot.vms as unknown as Vm[];
}
