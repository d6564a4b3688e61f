import type { Task } from '../../shared/model/migration';
import type { BlockedVm, MaintenanceProgress, PowerOffStatus } from '../../shared/model/operations';
import type { MigrationEngine } from '../engine/engine';
import type { InventoryService } from '../engine/fleet/inventory-service';
import type { EngineView } from '../engine/planning/view';
import type { Evacuation } from '../store/maintenance';
import type { MaintenanceOperation, MaintenanceOperationRepository } from '../store/maintenance-operations';
import { planFailback } from './failback-planner';

export const isActive = (t: Task | undefined): t is Task & { state: 'queued' | 'running' } =>
  t?.state === 'queued' || t?.state === 'running';

/** The tasks an evacuation asked for, as the engine knows them now (finished ones from the store). */
export const evacuationTasks = (engine: MigrationEngine, evacuation: Evacuation | null): Task[] =>
  (evacuation?.taskIds ?? []).map((id) => engine.taskById(id)).filter((t): t is Task => t !== undefined);

/**
 * The operations a failback offer covers: the maintenance and the earlier ones whose offer went
 * unanswered; once a failback began, those it answered.
 */
export const failbackScope = (ops: MaintenanceOperationRepository, operation: MaintenanceOperation): MaintenanceOperation[] =>
  operation.failback === 'requested' && operation.failbackId
    ? ops.answeredBy(operation.failbackId)
    : [operation, ...ops.unansweredBefore(operation)];

/**
 * The VMs a maintenance moved that are still where it put them (and not moving): what a failback
 * moves back. An earlier maintenance of the host whose offer went unanswered (typically one left
 * while entering, whose completed moves stay completed) is carried into this one's offer; a VM
 * counts once, for the newest move of it. Once a failback began, the VMs it did not take are what
 * is still offered (new-user review, finding A): its own moves are its progress, done or not.
 */
export function failbackCandidates(
  view: EngineView,
  engine: MigrationEngine,
  ops: MaintenanceOperationRepository,
  operation: MaintenanceOperation,
): { task: Task; missionCritical: boolean }[] {
  const seen = new Set<string>();
  const taken = new Set(
    operation.failback === 'requested' && operation.failbackId ? engine.batch(operation.failbackId).map((t) => t.vmId) : [],
  );
  return failbackScope(ops, operation).flatMap((op) =>
    ops.moves(op.id).flatMap((move) => {
      const task = engine.taskById(move.taskId);
      const vm = view.vm(move.vmId);
      if (task?.state !== 'completed' || !vm || vm.hostId !== task.destHostId || seen.has(vm.id) || taken.has(vm.id)) return [];
      if (engine.tasks().some((t) => t.vmId === vm.id)) return [];
      seen.add(vm.id);
      return [{ task, missionCritical: vm.missionCritical }];
    }),
  );
}

/** A failback is offered, or one began and the VMs it did not take still wait for an answer. */
export const offersFailback = (operation: MaintenanceOperation | null): boolean =>
  operation?.exitedAt != null && (operation.failback === 'offered' || operation.failback === 'requested');

/**
 * A host's maintenance as the panel and the status bar show it. "n of m" counts only the moves
 * the evacuation asked for; the VMs that cannot move are listed apart, and once every move has
 * ended with such VMs still there, the stage says the host cannot finish entering.
 */
export function maintenanceProgress(
  hostId: string,
  d: {
    view: EngineView;
    inventory: InventoryService;
    engine: MigrationEngine;
    ops: MaintenanceOperationRepository;
    evacuation: Evacuation | null;
    /** How the moves into the host under way when it began entering went, and whether one still runs. */
    incoming?: MaintenanceProgress['incoming'];
    arriving?: boolean;
    /** "Power off and move cold" of the VMs left behind (or, off maintenance, that its failback moves back), by VM id. */
    powerOffs?: Map<string, PowerOffStatus>;
  },
): MaintenanceProgress {
  const state = d.view.host(hostId)?.maintenance ?? 'off';
  if (state === 'off') {
    const operation = d.ops.latestFor(hostId);
    const left = operation?.exitedAt ? operation : null;
    // What the failback plan moves, not every VM the maintenance moved: the plan may refuse some (new-user review m3).
    const home = d.view.host(hostId);
    const offer =
      left && offersFailback(left) && home
        ? planFailback(d.view, home, left.id, failbackCandidates(d.view, d.engine, d.ops, left), d.powerOffs, d.engine.tasks())
        : null;
    const failbackCount = offer?.moves.length ?? 0;
    const failbackBlocked = (offer?.blocked ?? []).map((b) => ({
      vmName: b.vmName,
      reason: b.reasons[0]?.message ?? 'it cannot move back now',
      powerOff: b.powerOff?.state ?? null,
    }));
    // Keeping what it left where it is (declined) does not stop the failback's own moves.
    const failback = left ? failbackRun(d.engine, left.failbackId) : null;
    // The report stays until the admin closes it, whatever became of the failback (review m1): with it the link to the trail.
    const report = left && !left.reportDismissedAt ? left.exitReport : null;
    // Nothing left to say (no report, nothing to move back, no failback under way): the host is simply off.
    const said = report || failbackCount > 0 || failbackBlocked.length > 0 || failback ? left : null;
    return {
      hostId,
      state,
      stage: 'off',
      operationId: said?.id ?? null,
      operationStartedAt: said?.startedAt ?? null,
      lastOperation: operation && !said ? { id: operation.id, startedAt: operation.startedAt } : null,
      moved: 0,
      total: 0,
      blocked: [],
      exitReport: said ? report : null,
      exitedAt: said?.exitedAt ?? null,
      failbackCount,
      failbackBlocked,
      leftByFailback: left?.failback === 'requested',
      failback,
    };
  }
  const tasks = evacuationTasks(d.engine, d.evacuation);
  const onHost = d.inventory.vmsOnHost(hostId);
  const handled = new Set(tasks.filter((t) => isActive(t) || t.state === 'completed').map((t) => t.vmId));
  const stillThere = (vmId: string) => onHost.some((v) => v.id === vmId) && !handled.has(vmId);
  const failed = tasks.filter((t) => (t.state === 'failed' || t.state === 'aborted') && stillThere(t.vmId));
  const blocked: BlockedVm[] = [
    ...(d.evacuation?.blocked ?? []).filter((b) => stillThere(b.vmId)),
    ...failed
      .filter((t, i) => failed.findIndex((f) => f.vmId === t.vmId) === i)
      .map((t) => ({
        vmId: t.vmId,
        vmName: t.vmName,
        reasons: [
          {
            code: 'VM_ALREADY_MIGRATING' as const,
            severity: 'error' as const,
            message: `its migration ${t.state === 'aborted' ? 'was rolled back' : 'failed'}: ${t.error?.message ?? ''}`,
            hint: 'Retry the migration or handle the VM by hand.',
          },
        ],
        options: ['Retry the move', 'Migrate it from its context menu', 'Power it off for the maintenance'],
        actions: ['retry' as const],
      })),
  ];
  const withPowerOff = blocked.map((b) => ({ ...b, powerOff: d.powerOffs?.get(b.vmId) ?? null }));
  const poweringOff = withPowerOff.some((b) => b.powerOff?.state === 'shutting-down' || b.powerOff?.state === 'powering-off');
  const leaving = leavingWithOwnMove(d, hostId, new Set(tasks.map((t) => t.id)));
  const active = tasks.some(isActive) || d.arriving === true || poweringOff || leaving.length > 0;
  return {
    hostId,
    state,
    stage: state === 'on' ? 'on' : !active && blocked.length > 0 ? 'cannot-finish' : 'entering',
    operationId: d.evacuation?.operationId ?? null,
    operationStartedAt: startedAtOf(d.ops, hostId, d.evacuation?.operationId ?? null),
    moved: tasks.filter((t) => t.state === 'completed').length,
    total: d.evacuation?.taskIds.length ?? 0,
    blocked: withPowerOff,
    incoming: d.incoming ?? [],
    leavingWithOwnMove: leaving,
    exitReport: null,
    failbackCount: 0,
    failback: null,
  };
}

/**
 * The VMs still on the host that a move other than its evacuation takes to a host that stays (the
 * planner's `leavingAlready`; new-user review 16, 7). Read from the engine's tasks, which a restart
 * keeps, so no record of its own is needed; a failback is named by the host it moves them home to.
 */
function leavingWithOwnMove(
  d: { view: EngineView; engine: MigrationEngine; ops: MaintenanceOperationRepository },
  hostId: string,
  evacuation: ReadonlySet<string>,
): NonNullable<MaintenanceProgress['leavingWithOwnMove']> {
  const failbackHomes = new Map<string, string | null>();
  const failbackHomeOf = (batchId: string | null): string | null => {
    if (!batchId) return null;
    if (!failbackHomes.has(batchId)) failbackHomes.set(batchId, d.ops.answeredBy(batchId)[0]?.hostId ?? null);
    const home = failbackHomes.get(batchId) ?? null;
    return home && (d.view.host(home)?.name ?? home);
  };
  return d.engine
    .tasks()
    .filter((t) => isActive(t) && !evacuation.has(t.id) && t.type !== 'storage' && t.destHostId !== hostId)
    .filter((t) => d.view.vm(t.vmId)?.hostId === hostId)
    .map((t) => ({
      vmName: t.vmName,
      toHostName: d.view.host(t.destHostId)?.name ?? t.destHostId,
      withFailbackOf: failbackHomeOf(t.batchId),
    }));
}

/** A failback while it runs: n of m moved back; null once none of its moves is queued or running. */
function failbackRun(engine: MigrationEngine, failbackId: string | null): MaintenanceProgress['failback'] {
  // The running tasks are in memory: the stored batch is read only while one of them belongs to it.
  if (!failbackId || !engine.tasks().some((t) => t.batchId === failbackId)) return null;
  const tasks = engine.batch(failbackId);
  return { moved: tasks.filter((t) => t.state === 'completed').length, total: tasks.length };
}

function startedAtOf(ops: MaintenanceOperationRepository, hostId: string, operationId: string | null): string | null {
  const latest = operationId ? ops.latestFor(hostId) : null;
  return latest?.id === operationId ? latest.startedAt : null;
}
