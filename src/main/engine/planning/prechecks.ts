import type { Host, Vm } from '../../../shared/model/inventory';
import type { MigrationType } from '../../../shared/model/migration';
import type { PrecheckResult } from '../../../shared/model/precheck';
import type { EngineView, Inbound } from './view';
import { checkCpuBaseline } from './cpu-baseline-checks';
import { checkCpuModel } from './cpu-model-checks';
import { Findings } from './precheck-findings';
import { subjectOf, type Subject } from './precheck-subject';
import { dirtyRateWords, gib, list } from './precheck-words';
import { checkStorage } from './storage-checks';

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
 * `destDatastoreId` stands for the subject's where a ranking gives each host a datastore of its
 * own (a copy of the subject a host made every check read a different shape).
 */
export function precheckHost(
  view: EngineView,
  subject: Subject,
  dest: Host,
  inbound: Inbound | undefined,
  firstError = false,
  destDatastoreId = subject.destDatastoreId,
): PrecheckResult[] {
  const { vm, type, source } = subject;
  const found = new Findings();
  const memoryMoves = type !== 'storage';

  if (memoryMoves && dest.id === vm.hostId)
    found.error(
      'SAME_HOST',
      `${vm.name} already runs on ${dest.name}.`,
      'Pick another host, or choose a storage migration to change only its datastore.',
    );
  if (!memoryMoves && dest.id !== vm.hostId)
    found.error(
      'SAME_HOST',
      'A storage migration keeps the VM on its host.',
      `Choose ${source?.name ?? 'its current host'} as the host, or migrate compute and storage together.`,
    );
  if (subject.vmAlreadyMigrating)
    found.error(
      'VM_ALREADY_MIGRATING',
      `${vm.name} already has a migration queued or running.`,
      'Wait for it to finish, or cancel it in Tasks.',
    );
  const cold = vm.power === 'off';
  if (cold && subject.canMoveCold)
    found.warning(
      'VM_POWERED_OFF',
      `${vm.name} is powered off: it moves cold, re-registered on ${dest.name}.`,
      'Nothing runs during the move; power it on afterwards where it landed.',
    );
  else if (vm.power !== 'running')
    found.error(
      'VM_NOT_RUNNING',
      `${vm.name} is ${vm.power}; only running guests move live${cold ? ' and this backend cannot move powered-off ones' : ''}.`,
      cold ? 'Power it on to migrate it live.' : 'Resume it (or power it off to move it cold).',
    );
  if (cold && subject.canMoveCold && subject.type !== 'compute' && !subject.canCopyColdDisks) {
    found.error(
      'COLD_DISK_COPY_UNSUPPORTED',
      `${vm.name} is powered off and its backend cannot copy the disks of a powered-off guest.`,
      'Power it on and migrate it live with its disks, or move it compute-only onto shared storage.',
    );
  }
  if (subject.pinned.length > 0) {
    if (!cold)
      found.error(
        'DEVICE_NOT_MIGRATABLE',
        `${vm.name} uses ${list(subject.pinned)}, which cannot move live.`,
        'Detach the device, or power the VM off and move it cold.',
      );
    else if (!dest.passthroughDevices)
      found.warning(
        'DEVICE_NOT_MIGRATABLE',
        `${vm.name} uses ${list(subject.pinned)}, which ${dest.name} may not have.`,
        'Check the device exists on the destination before powering the VM on there.',
      );
    // A host that says which devices it has must have each one the guest passes through, live or cold.
    const missing =
      memoryMoves && dest.id !== vm.hostId ? subject.pinned.filter((d) => dest.passthroughDevices?.includes(d) === false) : [];
    if (missing.length > 0)
      found.error(
        'DEVICE_MISSING',
        `${dest.name} has no ${list(missing)}, which ${vm.name} passes through.`,
        `Pick a host that has ${missing.length === 1 ? 'it' : 'them'}, or detach ${missing.length === 1 ? 'the device' : 'the devices'} from ${vm.name} first.`,
      );
  }
  if (source && source.driverId !== dest.driverId)
    found.error(
      'DIFFERENT_BACKEND',
      `${dest.name} is managed by another backend than ${source.name}.`,
      'Migrate within one backend (the same libvirt estate or the simulated datacenter).',
    );
  if (firstError && found.blocked) return found.results;

  // Every move to another host (cold ones too: libvirt's offline migration is peer-to-peer) has the
  // source's daemon dial the destination; one reached by a local socket names no address for it.
  if (dest.id !== vm.hostId && dest.incomingMigrationBlocker)
    found.error(
      'MIGRATION_URI_MISSING',
      `${source?.name ?? vm.name + "'s host"} cannot dial ${dest.name} to migrate: ${dest.incomingMigrationBlocker}.`,
      `In Hosts, remove ${dest.name} and add it again with a migration URI, the address other hosts' libvirtd dials (e.g. qemu+tcp://10.0.0.12/system).`,
    );
  if (dest.health === 'failed') found.error('HOST_FAILED', `${dest.name} has failed.`, 'Pick a healthy host.');
  else if (dest.connection !== 'connected')
    found.error('HOST_DISCONNECTED', `${dest.name} is not connected.`, 'Reconnect the host or pick another one.');
  else if (dest.health === 'degraded' && dest.id !== vm.hostId)
    found.warning('HOST_DEGRADED', `${dest.name} reports degraded health.`, 'Prefer a healthy host; it may be evacuated soon.');
  if (dest.maintenance === 'on' && memoryMoves)
    found.error('HOST_IN_MAINTENANCE', `${dest.name} is in maintenance mode.`, 'Take it out of maintenance first, or pick another host.');
  if (dest.maintenance === 'entering' && memoryMoves)
    found.error('HOST_ENTERING_MAINTENANCE', `${dest.name} is being evacuated for maintenance.`, 'Pick another host.');
  if (firstError && found.blocked) return found.results;

  // The admin's baseline refuses hosts below it in its cluster, for cold moves too (the guest powers on there).
  if (memoryMoves && dest.id !== vm.hostId) checkCpuBaseline(view, vm, dest, found);
  if (firstError && found.blocked) return found.results;

  // A powered-off guest meets its new CPU and memory at power-on, not during the move.
  if (memoryMoves && source && !cold) checkCpuModel(subject, source, dest, found);
  if (firstError && found.blocked) return found.results;

  if (memoryMoves && dest.id !== vm.hostId && !cold) {
    const free = dest.memoryBytes - dest.memoryUsedBytes - (inbound?.memoryBytes ?? 0);
    const need = vm.memoryBytes + perGuestOverhead;
    if (free < need)
      found.error(
        'INSUFFICIENT_MEMORY',
        `${dest.name} has ${gib(Math.max(0, free))} free (counting migrations on their way there); ${vm.name} needs ${gib(need)}.`,
        'Pick a host with more free memory, or move other VMs off it first.',
      );
    const cores = dest.cpu.cores;
    const projected = (dest.cpuUsage * cores + vm.cpuUsage * vm.vcpus + (inbound?.vcpus ?? 0) * 0.5) / cores;
    if (projected > 0.9)
      found.warning(
        'INSUFFICIENT_CPU',
        `${dest.name} would run at about ${Math.round(projected * 100)}% CPU.`,
        'Guests may slow down; prefer a less loaded host.',
      );
    const link = Math.min(dest.migrationBandwidthBps, source?.migrationBandwidthBps ?? Infinity);
    if (vm.dirtyRateBps >= link * 0.8)
      found.warning(
        'WILL_NOT_CONVERGE',
        dirtyRateWords(vm.name, vm.dirtyRateBps, link),
        'Ferry will raise the downtime limit, throttle the guest (auto-converge) and switch to post-copy if the policy allows.',
      );
  }

  checkStorage(view, subject, dest, destDatastoreId, inbound, found);
  if (firstError && found.blocked) return found.results;
  if (memoryMoves) {
    const missingGroups = subject.portGroups.filter((g) => !dest.portGroups.includes(g));
    if (missingGroups.length > 0)
      found.error(
        'PORT_GROUP_MISSING',
        `${dest.name} has no port group ${list(missingGroups)}.`,
        `Add ${list(missingGroups)} to ${dest.name}, or pick a host that has it.`,
      );
  }
  return found.results;
}

export const blocking = (results: readonly PrecheckResult[]): PrecheckResult[] => results.filter((r) => r.severity === 'error');
export const warnings = (results: readonly PrecheckResult[]): PrecheckResult[] => results.filter((r) => r.severity === 'warning');
