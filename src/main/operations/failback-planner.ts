import { agrees, counted } from '../../shared/model/plural';
import type { Host, Vm } from '../../shared/model/inventory';
import type { Task } from '../../shared/model/migration';
import type { BlockedVm, FailbackPlan, PowerOffStatus, StoreChoice } from '../../shared/model/operations';
import { precheckHost } from '../engine/planning/prechecks';
import { subjectOf } from '../engine/planning/precheck-subject';
import { inboundByHost, type EngineView, type Inbound } from '../engine/planning/view';
import { amongActive, type ActiveMove } from './active-jobs';
import { takesCold } from './cold-fit';
import { bytesToMove, scheduleMoves, type Job } from './move-schedule';
import { inFlightStates } from '../store/maintenance-power-offs';
import { unmovableByPower } from './unmovable-power';
import { countDisks, storeChoices, storeFor } from './failback-stores';

/**
 * Plans moving back to their home host the VMs a maintenance moved: mission-critical first, then
 * the largest. A VM whose disks moved with it goes back to the datastore it came from; one that
 * is powered off now moves cold. What the home host refuses now is listed with the reason, and
 * with "power off and move back cold" where only a live move is refused (`powerOffs`: how that goes).
 * Other moves queued or running (`pending`) count on the home host first, and share their links with the plan's.
 * `chosen`: the admin's store for a VM whose disks go back, by VM id (one the home host cannot take them on is ignored).
 */
export function planFailback(
  view: EngineView,
  home: Host,
  operationId: string,
  moved: readonly { task: Task; missionCritical: boolean }[],
  powerOffs: ReadonlyMap<string, PowerOffStatus> = new Map(),
  pending: readonly ActiveMove[] = [],
  chosen: ReadonlyMap<string, string> = new Map(),
): FailbackPlan {
  const mine = new Set(moved.map(({ task }) => task.vmId));
  const others = inboundByHost(
    pending.filter((t) => !mine.has(t.vmId)),
    view,
  ).get(home.id);
  const inbound: Inbound = others ?? { memoryBytes: 0, vcpus: 0, diskBytesByDatastore: new Map() };
  const blocked: BlockedVm[] = [];
  const jobs: Job[] = [];
  const storeChoiceOf = new Map<string, StoreChoice>();
  const vms = moved
    .map(({ task }) => ({ task, vm: view.vm(task.vmId) }))
    .filter((m): m is { task: Task; vm: NonNullable<typeof m.vm> } => m.vm !== undefined)
    .sort(
      (a, b) =>
        Number(b.vm.missionCritical) - Number(a.vm.missionCritical) ||
        b.vm.memoryBytes - a.vm.memoryBytes ||
        a.vm.name.localeCompare(b.vm.name),
    );
  for (const { task, vm } of vms) {
    const unmovable = unmovableByPower(vm, view.host(vm.hostId), 'failback');
    if (unmovable) {
      blocked.push(unmovable);
      continue;
    }
    const powering = powerOffs.get(vm.id);
    if (powering && inFlightStates.includes(powering.state)) {
      blocked.push(beingPoweredOff(vm, home, powering));
      continue;
    }
    // Disks that moved with the VM go back where they were (a local-disk VM's to the home host's own store, though
    // the home host reaches the shared one they went to: new-user review 11, 8); so do disks the home host cannot reach.
    const moved = task.destDatastoreId !== null || vm.disks.some((d) => !home.datastoreIds.includes(d.datastoreId));
    // Disks that came from several stores are not piled onto one of them: they stay where the home host reaches them.
    const back =
      task.sourceDatastoreIds.length === 1 ? (task.sourceDatastoreIds.find((id) => home.datastoreIds.includes(id)) ?? null) : null;
    const away = vm.disks.some((d) => !home.datastoreIds.includes(d.datastoreId));
    const fallback = away ? (task.sourceDatastoreIds.find((id) => home.datastoreIds.includes(id)) ?? null) : null;
    const planned = moved && back && vm.disks.some((d) => d.datastoreId !== back) ? back : fallback;
    const choice = planned ? storeFor(vm, planned, chosen.get(vm.id), storeChoices(view, vm, home, planned, inbound)) : null;
    const store = choice ? choice.store : planned;
    const subject = subjectOf(view, vm, store ? 'both' : 'compute', store, false);
    const reasons = precheckHost(view, subject, home, inbound).filter((c) => c.severity === 'error');
    if (reasons.length > 0) {
      const codes = reasons.map((r) => r.code);
      const coldBack = movesBackCold(vm, codes, takesCold(view, vm, home, store, inbound));
      blocked.push({
        vmId: vm.id,
        vmName: vm.name,
        reasons,
        options: failbackOptions(codes, home.name, coldBack),
        actions: coldBack ? ['power-off-and-move-cold'] : [],
        coldHostNames: [home.name],
        powerOff: powerOffs.get(vm.id) ?? null,
      });
      continue;
    }
    inbound.memoryBytes += vm.memoryBytes;
    inbound.vcpus += vm.vcpus;
    countDisks(inbound, vm, store);
    if (choice) storeChoiceOf.set(vm.id, { selectedId: choice.selectedId, choices: choice.choices });
    jobs.push({
      vm,
      dest: home,
      kind: vm.power !== 'running' ? 'cold' : store ? 'with-disk' : 'live',
      destDatastoreId: store,
      bytes: bytesToMove(view, vm, home, store !== null),
      start: -1,
    });
  }
  const moves = scheduleMoves(view, amongActive(view, pending, jobs))
    .filter((m) => jobs.some((j) => j.vm.id === m.vmId))
    .map((m) => {
      const storeChoice = storeChoiceOf.get(m.vmId);
      return storeChoice ? { ...m, storeChoice } : m;
    });
  return { hostId: home.id, operationId, moves, blocked, makespanMs: Math.max(0, ...moves.map((m) => m.endMs)) };
}

/** A VM Ferry is powering off to move back cold: listed with how that goes, never planned a second time. */
const beingPoweredOff = (vm: Vm, home: Host, powerOff: PowerOffStatus): BlockedVm => ({
  vmId: vm.id,
  vmName: vm.name,
  reasons: [
    {
      code: 'VM_ALREADY_MIGRATING',
      severity: 'error',
      message: `${vm.name} is being powered off to move back cold`,
      hint: `Ferry moves it to ${home.name} once it is off`,
    },
  ],
  options: [],
  actions: [],
  coldHostNames: [home.name],
  powerOff,
});

/** Names the earlier maintenances whose unanswered failback offer a later one carried. */
export const carriedWords = (carried: readonly { id: string }[]): string =>
  carried.length === 0
    ? ''
    : ` (with earlier maintenance operation ${carried.map((op) => op.id).join(', ')}, whose failback was not answered)`;

/**
 * A running VM that only a live move's refusals keep away (a device, the CPU) moves back cold once
 * it is off, where the home host takes it cold (`takenCold`): Ferry can power it off for that.
 */
const movesBackCold = (vm: Vm, codes: readonly string[], takenCold: boolean): boolean =>
  takenCold && vm.power === 'running' && codes.some((c) => c === 'DEVICE_NOT_MIGRATABLE' || c.startsWith('CPU_'));

/**
 * What the admin can do about a VM the failback cannot move back, in a failback's words (the
 * evacuation's spoke of powering off "for the maintenance", which is over).
 */
export function failbackOptions(codes: readonly string[], homeName: string, coldBack: boolean): string[] {
  const options: string[] = [];
  if (coldBack) options.push(`Power it off and move it back cold to ${homeName}`);
  if (codes.includes('INSUFFICIENT_MEMORY')) options.push(`Free memory on ${homeName}, then move it back`);
  if (codes.includes('PORT_GROUP_MISSING')) options.push(`Add the missing port group to ${homeName}, then move it back`);
  if (codes.includes('STORAGE_NOT_REACHABLE')) options.push(`Move its disks to a datastore ${homeName} reaches, then move it back`);
  options.push('Leave it where it is');
  return options;
}

/**
 * Why a failback is declined, as its audit record says it: the offer with the earlier ones it carried,
 * or, once a failback began, the VMs it `left` that stay where the maintenance moved them.
 */
export const failbackDeclinedWords = (
  operation: { id: string; failback: string; failbackId: string | null },
  carried: readonly { id: string }[],
  left: readonly string[],
): string =>
  operation.failback === 'requested'
    ? `failback ${operation.failbackId ?? ''} of maintenance operation ${operation.id}: ${left.join(', ')} ${agrees(left.length, 'stays', 'stay')} where the maintenance moved ${agrees(left.length, 'it', 'them')}`
    : `maintenance operation ${operation.id}${carriedWords(carried)}: its VMs stay where it moved them`;

/** The counts of a failback as its audit record says them ("1 VM moves back to DC0_C0_H0; none cannot"). */
export const failbackRequestedWords = (moving: number, blocked: number, hostName: string): string =>
  `${counted(moving, 'VM')} ${agrees(moving, 'moves', 'move')} back to ${hostName}; ${blocked === 0 ? 'none' : blocked} cannot`;
