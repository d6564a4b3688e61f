import type { Host, Vm } from '../../../shared/model/inventory';
import type { MigrationType } from '../../../shared/model/migration';
import type { PrecheckCode, PrecheckResult } from '../../../shared/model/precheck';
import type { EngineView, Inbound } from './view';
import { checkCpuBaseline } from './cpu-baseline-checks';

export interface PrecheckInput {
  vm: Vm;
  dest: Host;
  type: MigrationType;
  destDatastoreId: string | null;
  inbound: Inbound | undefined;
  vmAlreadyMigrating: boolean;
}

/** Memory a hypervisor needs beyond the guest's own (page tables, device state). */
const perGuestOverhead = 256 * 1024 ** 2;
const featureSets = new WeakMap<readonly string[], ReadonlySet<string>>();
const featureSet = (features: readonly string[]): ReadonlySet<string> => {
  let set = featureSets.get(features);
  if (!set) featureSets.set(features, (set = new Set(features)));
  return set;
};
const gib = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
const list = (items: readonly string[]): string =>
  items.length > 5 ? `${items.slice(0, 5).join(', ')} and ${items.length - 5} more` : items.join(', ');

/** What a precheck needs to know about the moving VM, computed once for however many hosts. */
export interface Subject {
  vm: Vm;
  source: Host | undefined;
  type: MigrationType;
  destDatastoreId: string | null;
  vmAlreadyMigrating: boolean;
  portGroups: readonly string[];
  diskStores: readonly string[];
  pinned: readonly string[];
  /** Its backend can move it powered off (re-register it elsewhere), and copy its disks meanwhile. */
  canMoveCold: boolean;
  canCopyColdDisks: boolean;
  /** Its backend's hypervisor judges CPUs itself (libvirt); the feature lists then refuse nothing. */
  cpuJudgedByHypervisor: boolean;
}

export function subjectOf(
  view: EngineView,
  vm: Vm,
  type: MigrationType,
  destDatastoreId: string | null,
  vmAlreadyMigrating: boolean,
): Subject {
  const capabilities = view.driver(view.host(vm.hostId)?.driverId ?? '')?.capabilities;
  return {
    vm,
    source: view.host(vm.hostId),
    type,
    destDatastoreId,
    vmAlreadyMigrating,
    portGroups: [...new Set(vm.nics.map((n) => n.portGroup))],
    diskStores: [...new Set(vm.disks.map((d) => d.datastoreId))],
    pinned: vm.devices.filter((d) => !d.migratable).map((d) => d.name),
    canMoveCold: capabilities?.coldMigration ?? false,
    canCopyColdDisks: capabilities?.coldDiskCopy ?? false,
    cpuJudgedByHypervisor: (capabilities?.cpuCompare ?? false) && !(capabilities?.cpuFeaturesExact ?? true),
  };
}

/**
 * Every reason a VM cannot (error) or should not without a second thought (warning) move to a
 * host, each with what the admin can do about it. Cheap enough to run for 10,000 hosts.
 */
export function precheck(view: EngineView, input: PrecheckInput): PrecheckResult[] {
  return precheckHost(
    view,
    subjectOf(view, input.vm, input.type, input.destDatastoreId, input.vmAlreadyMigrating),
    input.dest,
    input.inbound,
  );
}

/**
 * `firstError` stops at the first section that finds an error: ranking thousands of hosts needs
 * only why each one is blocked, the wizard shows every result for the host it picks.
 */
export function precheckHost(
  view: EngineView,
  subject: Subject,
  dest: Host,
  inbound: Inbound | undefined,
  firstError = false,
): PrecheckResult[] {
  const { vm, type, source } = subject;
  const results: PrecheckResult[] = [];
  let blocked = false;
  const stop = (): boolean => firstError && blocked;
  const error = (code: PrecheckCode, message: string, hint: string) => {
    blocked = true;
    results.push({ code, severity: 'error', message, hint });
  };
  const warning = (code: PrecheckCode, message: string, hint: string) => results.push({ code, severity: 'warning', message, hint });
  const memoryMoves = type !== 'storage';

  if (memoryMoves && dest.id === vm.hostId)
    error(
      'SAME_HOST',
      `${vm.name} already runs on ${dest.name}.`,
      'Pick another host, or choose a storage migration to change only its datastore.',
    );
  if (!memoryMoves && dest.id !== vm.hostId)
    error(
      'SAME_HOST',
      'A storage migration keeps the VM on its host.',
      `Choose ${source?.name ?? 'its current host'} as the host, or migrate compute and storage together.`,
    );
  if (subject.vmAlreadyMigrating)
    error('VM_ALREADY_MIGRATING', `${vm.name} already has a migration queued or running.`, 'Wait for it to finish, or cancel it in Tasks.');
  const cold = vm.power === 'off';
  if (cold && subject.canMoveCold)
    warning(
      'VM_POWERED_OFF',
      `${vm.name} is powered off: it moves cold, re-registered on ${dest.name}.`,
      'Nothing runs during the move; power it on afterwards where it landed.',
    );
  else if (vm.power !== 'running')
    error(
      'VM_NOT_RUNNING',
      `${vm.name} is ${vm.power}; only running guests move live${cold ? ' and this backend cannot move powered-off ones' : ''}.`,
      cold ? 'Power it on to migrate it live.' : 'Resume it (or power it off to move it cold).',
    );
  if (cold && subject.canMoveCold && subject.type !== 'compute' && !subject.canCopyColdDisks) {
    error(
      'COLD_DISK_COPY_UNSUPPORTED',
      `${vm.name} is powered off and its backend cannot copy the disks of a powered-off guest.`,
      'Power it on and migrate it live with its disks, or move it compute-only onto shared storage.',
    );
  }
  if (subject.pinned.length > 0) {
    if (!cold)
      error(
        'DEVICE_NOT_MIGRATABLE',
        `${vm.name} uses ${list(subject.pinned)}, which cannot move live.`,
        'Detach the device, or power the VM off and move it cold.',
      );
    else if (!dest.passthroughDevices)
      warning(
        'DEVICE_NOT_MIGRATABLE',
        `${vm.name} uses ${list(subject.pinned)}, which ${dest.name} may not have.`,
        'Check the device exists on the destination before powering the VM on there.',
      );
    // A host that says which devices it has must have each one the guest passes through, live or cold.
    const missing =
      memoryMoves && dest.id !== vm.hostId ? subject.pinned.filter((d) => dest.passthroughDevices?.includes(d) === false) : [];
    if (missing.length > 0)
      error(
        'DEVICE_MISSING',
        `${dest.name} has no ${list(missing)}, which ${vm.name} passes through.`,
        `Pick a host that has ${missing.length === 1 ? 'it' : 'them'}, or detach ${missing.length === 1 ? 'the device' : 'the devices'} from ${vm.name} first.`,
      );
  }
  if (source && source.driverId !== dest.driverId)
    error(
      'DIFFERENT_BACKEND',
      `${dest.name} is managed by another backend than ${source.name}.`,
      'Migrate within one backend (the same libvirt estate or the simulated datacenter).',
    );
  if (stop()) return results;

  // Every move to another host (cold ones too: libvirt's offline migration is peer-to-peer) has the
  // source's daemon dial the destination; one reached by a local socket names no address for it.
  if (dest.id !== vm.hostId && dest.incomingMigrationBlocker)
    error(
      'MIGRATION_URI_MISSING',
      `${source?.name ?? vm.name + "'s host"} cannot dial ${dest.name} to migrate: ${dest.incomingMigrationBlocker}.`,
      `In Hosts, remove ${dest.name} and add it again with a migration URI, the address other hosts' libvirtd dials (e.g. qemu+tcp://10.0.0.12/system).`,
    );
  if (dest.health === 'failed') error('HOST_FAILED', `${dest.name} has failed.`, 'Pick a healthy host.');
  else if (dest.connection !== 'connected')
    error('HOST_DISCONNECTED', `${dest.name} is not connected.`, 'Reconnect the host or pick another one.');
  else if (dest.health === 'degraded' && dest.id !== vm.hostId)
    warning('HOST_DEGRADED', `${dest.name} reports degraded health.`, 'Prefer a healthy host; it may be evacuated soon.');
  if (dest.maintenance === 'on' && memoryMoves)
    error('HOST_IN_MAINTENANCE', `${dest.name} is in maintenance mode.`, 'Take it out of maintenance first, or pick another host.');
  if (dest.maintenance === 'entering' && memoryMoves)
    error('HOST_ENTERING_MAINTENANCE', `${dest.name} is being evacuated for maintenance.`, 'Pick another host.');
  if (stop()) return results;

  // The admin's baseline refuses hosts below it in its cluster, for cold moves too (the guest powers on there).
  if (memoryMoves && dest.id !== vm.hostId) checkCpuBaseline(view, vm, dest, error, warning);
  if (stop()) return results;

  // A powered-off guest meets its new CPU and memory at power-on, not during the move. Where the
  // hypervisor judges CPUs (cpu-judge.ts), a diff of lists it does not vouch for refuses nothing.
  if (memoryMoves && source && !cold && !subject.cpuJudgedByHypervisor) {
    if (source.cpu.vendor !== dest.cpu.vendor) {
      error(
        'CPU_VENDOR_MISMATCH',
        `${vm.name} runs on ${source.cpu.vendor.toUpperCase()} and ${dest.name} is ${dest.cpu.vendor.toUpperCase()}.`,
        'Live migration needs the same CPU vendor: pick a host of the same cluster, or shut down and move the VM.',
      );
    } else if (dest.cpu.features !== source.cpu.features) {
      // A running guest uses only features of its source, so a host sharing that feature list passes.
      const available = featureSet(dest.cpu.features);
      const missing = vm.cpuFeatures.filter((f) => !available.has(f));
      if (missing.length > 0) {
        error(
          'CPU_FEATURES_MISSING',
          `${dest.name} lacks CPU features the guest uses: ${list(missing)}.`,
          "Restart the VM with the cluster's baseline CPU model (EVC) so it only uses features every host has, or pick a newer host.",
        );
      }
    }
  }
  if (stop()) return results;

  if (memoryMoves && dest.id !== vm.hostId && !cold) {
    const free = dest.memoryBytes - dest.memoryUsedBytes - (inbound?.memoryBytes ?? 0);
    const need = vm.memoryBytes + perGuestOverhead;
    if (free < need)
      error(
        'INSUFFICIENT_MEMORY',
        `${dest.name} has ${gib(Math.max(0, free))} free (counting migrations on their way there); ${vm.name} needs ${gib(need)}.`,
        'Pick a host with more free memory, or move other VMs off it first.',
      );
    const cores = dest.cpu.cores;
    const projected = (dest.cpuUsage * cores + vm.cpuUsage * vm.vcpus + (inbound?.vcpus ?? 0) * 0.5) / cores;
    if (projected > 0.9)
      warning(
        'INSUFFICIENT_CPU',
        `${dest.name} would run at about ${Math.round(projected * 100)}% CPU.`,
        'Guests may slow down; prefer a less loaded host.',
      );
    const link = Math.min(dest.migrationBandwidthBps, source?.migrationBandwidthBps ?? Infinity);
    if (vm.dirtyRateBps >= link * 0.8)
      warning(
        'WILL_NOT_CONVERGE',
        `${vm.name} dirties memory at ${gib(vm.dirtyRateBps)}/s, about as fast as the ${((link * 8) / 1e9).toFixed(0)} Gb/s link carries it.`,
        'Ferry will raise the downtime limit, throttle the guest (auto-converge) and switch to post-copy if the policy allows.',
      );
  }

  checkStorage(view, subject, dest, inbound, error);
  if (stop()) return results;
  if (memoryMoves) {
    const missingGroups = subject.portGroups.filter((g) => !dest.portGroups.includes(g));
    if (missingGroups.length > 0)
      error(
        'PORT_GROUP_MISSING',
        `${dest.name} has no port group ${list(missingGroups)}.`,
        `Add ${list(missingGroups)} to ${dest.name}, or pick a host that has it.`,
      );
  }
  return results;
}

function checkStorage(
  view: EngineView,
  subject: Subject,
  dest: Host,
  inbound: Inbound | undefined,
  error: (code: PrecheckCode, message: string, hint: string) => void,
): void {
  const { vm, type, destDatastoreId } = subject;
  if (type === 'compute') {
    const unreachable = subject.diskStores.filter((id) => !dest.datastoreIds.includes(id));
    if (unreachable.length > 0) {
      const names = list(unreachable.map((id) => view.datastore(id)?.name ?? id));
      error(
        'STORAGE_NOT_REACHABLE',
        `${dest.name} cannot reach ${names}, where ${vm.name}'s disks are.`,
        `Migrate compute and storage together to copy the disks to a datastore of ${dest.name}.`,
      );
    }
    return;
  }
  const store = destDatastoreId ? view.datastore(destDatastoreId) : undefined;
  if (!store || !dest.datastoreIds.includes(store.id)) {
    error(
      'DATASTORE_NOT_REACHABLE',
      store ? `${dest.name} cannot reach ${store.name}.` : 'No destination datastore was chosen.',
      `Pick one of ${dest.name}'s datastores.`,
    );
    return;
  }
  if (type === 'storage' && vm.disks.every((d) => d.datastoreId === store.id))
    error('SAME_DATASTORE', `${vm.name}'s disks are already on ${store.name}.`, 'Pick another datastore.');
  const need =
    vm.disks.filter((d) => d.datastoreId !== store.id).reduce((s, d) => s + d.allocatedBytes, 0) +
    (inbound?.diskBytesByDatastore.get(store.id) ?? 0);
  if (need > store.freeBytes)
    error(
      'DATASTORE_FULL',
      `${store.name} has ${gib(store.freeBytes)} free; the disks need ${gib(need)}.`,
      'Pick a datastore with more free space.',
    );
}

export const blocking = (results: readonly PrecheckResult[]): PrecheckResult[] => results.filter((r) => r.severity === 'error');
export const warnings = (results: readonly PrecheckResult[]): PrecheckResult[] => results.filter((r) => r.severity === 'warning');
