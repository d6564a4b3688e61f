import { DriverError, type CopyState, type MigrationJobSpec, type VmPlacement } from '../driver';
import type { SimJob, SimVm } from './state';

// The simulated guest's domains on its hosts, and the cleanups that never destroy the only copy:
// the rules libvirt's states impose, played on the sim's model of them.

const split = (copy: CopyState): boolean => copy === 'postcopy' || copy === 'postcopy-failed';

export function placementsOf(vm: SimVm): VmPlacement[] {
  return [
    { hostId: vm.hostId, power: vm.power, copy: vm.copy },
    ...vm.pausedOn.map((p) => ({ hostId: p.hostId, power: 'paused' as const, copy: p.copy })),
  ];
}

/**
 * Drops what is left of the guest on `hostId`: a paused copy once the guest runs whole elsewhere,
 * or the destination's copy on rollback, onto a whole source copy. A post-copy half is part of the
 * guest and is never dropped.
 */
export function dropCopy(vm: SimVm, hostId: string, spec: MigrationJobSpec, job: SimJob | undefined): void {
  const paused = vm.pausedOn.find((p) => p.hostId === hostId);
  if (paused) {
    if (split(paused.copy) || vm.power !== 'running' || vm.copy !== 'whole')
      throw new DriverError('OPERATION_FAILED', `the ${paused.copy} copy of ${vm.name} on ${hostId} is still needed; it was left alone`);
    vm.pausedOn = vm.pausedOn.filter((p) => p !== paused);
    return;
  }
  if (vm.hostId !== hostId || vm.pausedOn.length === 0) return;
  // Rolling back after a switchover: only onto a whole source copy.
  const source = vm.pausedOn.find((p) => p.copy === 'migrating' || p.copy === 'whole');
  if (!source || split(vm.copy))
    throw new DriverError('OPERATION_FAILED', `${hostId} holds the current copy of ${vm.name}; it was left alone`);
  vm.hostId = source.hostId;
  vm.pausedOn = vm.pausedOn.filter((p) => p !== source);
  vm.power = 'paused';
  vm.copy = 'whole';
  vm.crashed = false;
  if (job && spec.type === 'both') vm.disks = vm.disks.map((d, i) => ({ ...d, datastoreId: job.sourceDatastoreIds[i] ?? d.datastoreId }));
}

/** Both halves of a broken post-copy pick up where they stopped: the destination runs and pulls again. */
export function resumeSplit(vm: SimVm, job: SimJob): void {
  job.phase = 'postcopy';
  job.error = null;
  vm.power = 'running';
  vm.copy = 'postcopy';
  vm.pausedOn = vm.pausedOn.map((p) => (p.hostId === job.spec.sourceHostId ? { ...p, copy: 'postcopy' } : p));
}
