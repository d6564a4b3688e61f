import type { Host } from '../../shared/model/inventory';
import type { GuestShutDown } from '../../shared/model/migration';
import type { BlockedVm, PlannedMove } from '../../shared/model/operations';
import type { MigrationRequest } from '../../shared/model/schedule';
import type { MigrationEngine } from '../engine/engine';
import type { PlannedSlot } from '../engine/run/task-factory';
import type { MaintenanceOperationRepository } from '../store/maintenance-operations';
import { automatedMove } from './automated-move';

/** What an evacuation asks the engine for one planned move: mission-critical VMs at high priority. */
export const evacuationRequest = (
  move: Pick<PlannedMove, 'vmId' | 'destHostId' | 'missionCritical' | 'destDatastoreId'>,
): MigrationRequest => automatedMove(move.vmId, move.destHostId, move.missionCritical ? 'high' : 'default', move.destDatastoreId);

/** Where a plan placed a move, from its confirmation: what the task's queued row and ETA start from. */
export const plannedSlot = (move: Pick<PlannedMove, 'startMs' | 'endMs'>): PlannedSlot => ({
  startsInMs: move.startMs,
  durationMs: move.endMs - move.startMs,
});

/**
 * Requests one move of a maintenance's evacuation through the engine and records it with the
 * operation; returns its task id, or the VM as cannot-move with the engine's reason. `shutDownForMove`:
 * Ferry shut the guest down for this move ("power off and move cold").
 */
export function requestEvacuationMove(
  d: { engine: MigrationEngine; operations: MaintenanceOperationRepository },
  host: Host,
  operationId: string,
  move: PlannedMove,
  actor: string,
  shutDownForMove: GuestShutDown | null = null,
): string | BlockedVm {
  try {
    const [task] = d.engine.request(evacuationRequest(move), {
      requestedBy: `maintenance of ${host.name} (on behalf of ${actor})`,
      batchId: operationId,
      note: `maintenance operation ${operationId}`,
      shutDownForMove,
      planned: plannedSlot(move),
    });
    if (!task) throw new Error('no task');
    d.operations.addMove({
      operationId,
      taskId: task.id,
      vmId: move.vmId,
      vmName: move.vmName,
      missionCritical: move.missionCritical,
      kind: move.kind,
    });
    return task.id;
  } catch (error) {
    return {
      vmId: move.vmId,
      vmName: move.vmName,
      reasons: [
        {
          code: 'VM_ALREADY_MIGRATING',
          severity: 'error',
          message: error instanceof Error ? error.message : String(error),
          hint: 'Resolve it, then enter maintenance again.',
        },
      ],
      options: ['Handle the VM by hand'],
      actions: [],
    };
  }
}
