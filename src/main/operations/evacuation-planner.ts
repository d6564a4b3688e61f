import type { Host, Vm } from '../../shared/model/inventory';
import { type BlockedVm, type EvacuationOptions, type EvacuationPlan, noEvacuationOptions } from '../../shared/model/operations';
import type { PrecheckResult } from '../../shared/model/precheck';
import { precheckHost } from '../engine/planning/prechecks';
import { subjectOf } from '../engine/planning/precheck-subject';
import { inboundByHost, memoView, type EngineView, type Inbound, type InboundMove } from '../engine/planning/view';
import { amongActive, type ActiveMove } from './active-jobs';
import { crowdedLinkWarning } from './plan-warnings';
import { takesCold } from './cold-fit';
import { bytesToMove, scheduleMoves, type Job } from './move-schedule';
import { reasonsForPlan } from './plan-reasons';
import { unmovableByPower } from './unmovable-power';
import { warningsForPlan } from './plan-warnings';

const GiB = 1024 ** 3;
type Actions = BlockedVm['actions'];

/** Options a blocked VM leaves the admin, and which of them Ferry can carry out from the panel. */
export function optionsFor(vm: Vm, codes: string[]): { options: string[]; actions: Actions } {
  const options: string[] = [];
  const actions = new Set<Actions[number]>();
  const running = vm.power === 'running';
  if (codes.includes('DEVICE_NOT_MIGRATABLE')) options.push('Detach the passthrough device, then migrate', 'Power it off and move it cold');
  if (codes.includes('CPU_FEATURES_MISSING') || codes.includes('CPU_VENDOR_MISMATCH'))
    options.push('Restart the VM with the cluster CPU baseline so it can move', 'Power it off and move it cold');
  if (codes.includes('INSUFFICIENT_MEMORY')) options.push('Free memory in the cluster, or power off less important VMs');
  if (codes.includes('PORT_GROUP_MISSING')) options.push('Add the missing port group to another host');
  if (codes.includes('STORAGE_NOT_REACHABLE')) {
    options.push('Move it with its disk (shared-nothing)', 'Move its disks to shared storage first');
    actions.add('move-with-disk');
  }
  // What a live move refuses for its device or CPU, a cold move allows: the guest meets the host at power-on.
  if (running && codes.some((c) => c === 'DEVICE_NOT_MIGRATABLE' || c.startsWith('CPU_'))) actions.add('power-off-and-move-cold');
  options.push('Leave maintenance pending and handle the VM by hand');
  return { options: [...new Set(options)], actions: [...actions] };
}

/** The datastores a VM's disks could go to on a host, roomiest first, with room for them. */
function storesFor(view: EngineView, vm: Vm, host: Host, placed: Map<string, number>): string[] {
  const need = vm.disks.reduce((s, d) => s + d.capacityBytes, 0);
  return host.datastoreIds
    .map((id) => view.datastore(id))
    .filter((d) => d !== undefined && d.freeBytes - (placed.get(d.id) ?? 0) >= need)
    .sort((a, b) => (b?.freeBytes ?? 0) - (a?.freeBytes ?? 0))
    .map((d) => d?.id as string);
}

/**
 * What the moves under way bring to each host, as the plan's starting point. A VM on a leaving
 * host is left out, the plan placing it itself, unless it is on its way to a host that stays
 * (`leavingAlready`). Disks are counted per datastore, for every host.
 */
function alreadyInbound(
  view: EngineView,
  pending: readonly InboundMove[],
  leaving: ReadonlySet<string>,
  leavingAlready: ReadonlySet<string>,
): { placed: Map<string, Inbound>; placedDisks: Map<string, number> } {
  const placedDisks = new Map<string, number>();
  const elsewhere = pending.filter((t) => !leaving.has(view.vm(t.vmId)?.hostId ?? '') || leavingAlready.has(t.vmId));
  const placed = new Map<string, Inbound>();
  for (const [hostId, inbound] of inboundByHost(elsewhere, view)) {
    for (const [store, bytes] of inbound.diskBytesByDatastore) placedDisks.set(store, (placedDisks.get(store) ?? 0) + bytes);
    placed.set(hostId, { memoryBytes: inbound.memoryBytes, vcpus: inbound.vcpus, diskBytesByDatastore: placedDisks });
  }
  return { placed, placedDisks };
}

/**
 * Plans the evacuation of hosts: each running VM (and, when asked, each powered-off one) gets the
 * best compatible destination in its cluster, accounting for the VMs already placed,
 * mission-critical VMs first and, within a class, the largest first. Moves already queued or running
 * (`pending`) count on their destinations first, as the engine's own prechecks count them, and share their links. A VM on a local datastore
 * moves with its disk only when the admin asks. Then `scheduleMoves` orders and overlaps the moves
 * under the cost caps, next to a simple lower bound (the bytes each evacuated link must carry).
 */
export function planEvacuation(
  inventory: EngineView,
  hostIds: readonly string[],
  options: EvacuationOptions = noEvacuationOptions,
  pending: readonly ActiveMove[] = [],
): EvacuationPlan[] {
  const view = memoView(inventory);
  const leaving = new Set(hostIds);
  const hosts = view.allHosts();
  // VMs on their way off a host not yet in maintenance to one that stays (a failback under way) leave with
  // that move: planned again, the plan listed them to other hosts and the engine refused them (new-user
  // review 15, 1). Once the host is entering, the moves off it are its own evacuation's, planned again as before.
  const leavingAlready = new Set(
    pending
      .filter((t) => (t.state === 'queued' || t.state === 'running') && t.type !== 'storage' && !leaving.has(t.destHostId))
      .filter((t) => {
        const host = view.host(view.vm(t.vmId)?.hostId ?? '');
        return host !== undefined && leaving.has(host.id) && host.maintenance === 'off';
      })
      .map((t) => t.vmId),
  );
  const { placed, placedDisks } = alreadyInbound(view, pending, leaving, leavingAlready);
  const blocked: BlockedVm[] = [];
  const jobs: Job[] = [];
  const inboundOf = (hostId: string): Inbound => {
    let inbound = placed.get(hostId);
    if (!inbound) placed.set(hostId, (inbound = { memoryBytes: 0, vcpus: 0, diskBytesByDatastore: placedDisks }));
    return inbound;
  };

  // The hosts that stay, per cluster, in inventory order: each evacuee's candidates.
  const staying = new Map<string, Host[]>();
  for (const h of hosts) {
    if (leaving.has(h.id)) continue;
    const list = staying.get(h.clusterId);
    if (list) list.push(h);
    else staying.set(h.clusterId, [h]);
  }
  const stayingIn = (clusterId: string | undefined): Host[] => (clusterId === undefined ? [] : (staying.get(clusterId) ?? []));

  const evacuees = view
    .allVms()
    .filter((vm) => leaving.has(vm.hostId) && !leavingAlready.has(vm.id))
    .filter((vm) => vm.power === 'running' || (options.poweredOff && vm.power === 'off'));
  // Not asked to move, they stay where they are: listed, so the plan does not hide them (new-user review 11, 5).
  const poweredOffStaying = options.poweredOff ? [] : view.allVms().filter((vm) => leaving.has(vm.hostId) && vm.power === 'off');
  // Paused or of unknown power, no move fits them: listed with what the admin can do, not left out (issue #14).
  for (const vm of view.allVms()) {
    const unmovable = leaving.has(vm.hostId) ? unmovableByPower(vm, view.host(vm.hostId)) : null;
    if (unmovable) blocked.push(unmovable);
  }
  const order = [...evacuees].sort(
    (a, b) => Number(b.missionCritical) - Number(a.missionCritical) || b.memoryBytes - a.memoryBytes || a.name.localeCompare(b.name),
  );
  for (const vm of order) {
    const source = view.host(vm.hostId);
    const candidates = stayingIn(source?.clusterId);
    type Choice = { host: Host; score: number; store: string | null; checks: PrecheckResult[] };
    let best: Choice | null = null;
    // Each candidate's refusal of the VM as it is (its disks staying): what the plan says when none takes it.
    const refusals: PrecheckResult[][] = [];
    const compute = subjectOf(view, vm, 'compute', null, false);
    const consider = (host: Host, store: string | null): boolean => {
      const subject = store ? subjectOf(view, vm, 'both', store, false) : compute;
      const results = precheckHost(view, subject, host, inboundOf(host.id), true);
      const checks = results.filter((c) => c.severity === 'error');
      if (checks.length > 0) {
        if (!store) refusals.push(checks);
        return false;
      }
      const free = (host.memoryBytes - host.memoryUsedBytes - inboundOf(host.id).memoryBytes) / host.memoryBytes;
      const score = free + host.migrationBandwidthBps / (100 * GiB);
      if (!best || score > best.score) best = { host, score, store, checks: results };
      return true;
    };
    for (const host of candidates) consider(host, null);
    const storageBlocks = refusals[0]?.some((r) => r.code === 'STORAGE_NOT_REACHABLE') ?? false;
    if (!best && options.withLocalDisks && storageBlocks) {
      for (const host of candidates) for (const store of storesFor(view, vm, host, placedDisks)) if (consider(host, store)) break;
    }
    const chosen = best as Choice | null;
    if (!chosen) {
      const reasons =
        refusals.length > 0
          ? reasonsForPlan(view, vm, candidates, refusals)
          : precheckHost(view, subjectOf(view, vm, 'compute', null, false), source as Host, undefined).filter(
              (c) => c.severity === 'error',
            );
      const offered = optionsFor(
        vm,
        reasons.map((r) => r.code),
      );
      // Powering a guest off is worth it only if some host takes it then (one with its devices); the admin is told which.
      const coldHostNames = offered.actions.includes('power-off-and-move-cold')
        ? candidates.filter((h) => takesCold(view, vm, h)).map((h) => h.name)
        : [];
      const actions = offered.actions.filter((a) => a !== 'power-off-and-move-cold' || coldHostNames.length > 0);
      blocked.push({
        vmId: vm.id,
        vmName: vm.name,
        reasons,
        options: offered.options,
        actions,
        ...(coldHostNames.length ? { coldHostNames } : {}),
      });
      continue;
    }
    const inbound = inboundOf(chosen.host.id);
    inbound.memoryBytes += vm.memoryBytes;
    inbound.vcpus += vm.vcpus;
    if (chosen.store)
      placedDisks.set(chosen.store, (placedDisks.get(chosen.store) ?? 0) + vm.disks.reduce((s, d) => s + d.capacityBytes, 0));
    jobs.push({
      vm,
      dest: chosen.host,
      kind: vm.power !== 'running' ? 'cold' : chosen.store ? 'with-disk' : 'live',
      destDatastoreId: chosen.store,
      bytes: bytesToMove(view, vm, chosen.host, chosen.store !== null),
      start: -1,
      warnings: warningsForPlan(vm, chosen.host, chosen.checks),
    });
  }

  // Beside the moves in hand, which hold their places and share the links (new-user review 12, 5).
  const ownJobs = new Map(jobs.map((j) => [j.vm.id, j]));
  const schedule = scheduleMoves(view, amongActive(view, pending, jobs)).flatMap((m) => {
    const job = ownJobs.get(m.vmId);
    return job ? [crowdedLinkWarning(m, job.copy ?? null, job.vm.dirtyRateBps)] : [];
  });
  return hostIds.map((hostId) => {
    const source = view.host(hostId);
    // The lower bound counts what each move carries with a whole link to itself.
    const mine = jobs.filter((j) => j.vm.hostId === hostId);
    const bytes = mine.reduce((s, j) => s + j.bytes, 0);
    const slowest = Math.max(
      0,
      ...mine.map((j) => (j.bytes / Math.min(source?.migrationBandwidthBps ?? 1, j.dest.migrationBandwidthBps)) * 1000),
    );
    const moves = schedule.filter((m) => view.vm(m.vmId)?.hostId === hostId);
    return {
      hostId,
      moves,
      blocked: blocked.filter((b) => view.vm(b.vmId)?.hostId === hostId),
      poweredOffStaying: poweredOffStaying.filter((vm) => vm.hostId === hostId).map((vm) => ({ vmId: vm.id, vmName: vm.name })),
      leavingAlready: pending
        .filter((t) => leavingAlready.has(t.vmId) && view.vm(t.vmId)?.hostId === hostId)
        .map((t) => ({ vmId: t.vmId, vmName: view.vm(t.vmId)?.name ?? t.vmId, toHostName: view.host(t.destHostId)?.name ?? t.destHostId })),
      makespanMs: Math.max(0, ...moves.map((m) => m.endMs)),
      lowerBoundMs: Math.max(slowest, source ? (bytes / source.migrationBandwidthBps) * 1000 : 0),
    };
  });
}

/** Whether a plan (an evacuation's, a failback's) moves the same VMs as the one the admin confirmed. */
export function samePlan(plan: { moves: readonly { vmId: string }[] }, confirmed: readonly string[]): boolean {
  const moving = new Set(plan.moves.map((m) => m.vmId));
  return moving.size === confirmed.length && confirmed.every((vmId) => moving.has(vmId));
}
