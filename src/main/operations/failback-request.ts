import { randomUUID } from 'node:crypto';
import { FerryError } from '../../shared/api/errors';
import type { Host } from '../../shared/model/inventory';
import type { FailbackPlan } from '../../shared/model/operations';
import type { MaintenanceDeps } from './maintenance';
import type { MaintenanceOperation } from '../store/maintenance-operations';
import { automatedMove } from './automated-move';
import { samePlan } from './evacuation-planner';
import { carriedWords, failbackRequestedWords } from './failback-planner';
import { chosenStoreWords, checkChosenStores } from './failback-stores';
import { failbackScope } from './maintenance-progress';
import { plannedSlot } from './maintenance-request';

/**
 * Requests the moves of a failback `plan` (made with the admin's `chosen` stores) and journals it.
 * What was shown is what runs: a plan that moves other VMs than `confirmed` is refused, and so is
 * a chosen store it cannot use; nothing starts then.
 */
export function requestFailback(
  d: Pick<MaintenanceDeps, 'view' | 'engine' | 'audit' | 'operations'>,
  host: Host,
  operation: MaintenanceOperation,
  plan: FailbackPlan,
  actor: string,
  chosen: ReadonlyMap<string, string>,
  confirmed?: readonly string[],
): void {
  if (confirmed && !samePlan(plan, confirmed))
    throw new FerryError('CONFLICT', `The failback plan of ${host.name} changed since it was shown: review the new plan and confirm it`, {
      planChanged: true,
    });
  checkChosenStores(d.view, host, plan, chosen);
  const failbackId = randomUUID();
  const carried = d.operations.unansweredBefore(operation);
  d.operations.atomically(() => {
    // The earlier offers this one carried are answered with it (their audit scope shows its moves).
    for (const op of failbackScope(d.operations, operation)) d.operations.setFailback(op.id, 'requested', failbackId);
    d.audit.append({
      actor,
      action: 'maintenance.failback-requested',
      destHost: host.name,
      details: `failback ${failbackId} of maintenance operation ${operation.id}${carriedWords(carried)}: ${failbackRequestedWords(plan.moves.length, plan.blocked.length, host.name)}${chosenStoreWords(plan)}`,
    });
  });
  for (const move of plan.moves) {
    try {
      d.engine.request(automatedMove(move.vmId, host.id, move.missionCritical ? 'high' : 'default', move.destDatastoreId), {
        requestedBy: `failback of maintenance of ${host.name} (on behalf of ${actor})`,
        batchId: failbackId,
        // Each of its records names the maintenance too: one search of its id finds the failback's moves.
        operationId: operation.id,
        note: `failback of maintenance operation ${operation.id}`,
        planned: plannedSlot(move),
      });
    } catch {
      // A VM that started moving meanwhile keeps its own migration; the rest go back.
    }
  }
}
