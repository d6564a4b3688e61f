import { FerryError } from '../../shared/api/errors';
import type { Host, Vm } from '../../shared/model/inventory';
import type { GuestShutDown } from '../../shared/model/migration';
import type { MigrationEngine } from '../engine/engine';
import type { EngineView } from '../engine/planning/view';
import type { MaintenanceOperationRepository } from '../store/maintenance-operations';
import type { PowerOffRecord } from '../store/maintenance-power-offs';
import { automatedMove } from './automated-move';
import { asPoweredOff } from './cold-fit';
import { planEvacuation } from './evacuation-planner';
import { planFailback } from './failback-planner';
import type { ColdMoveRoute } from './maintenance-power-off';
import { failbackCandidates } from './maintenance-progress';
import { plannedSlot } from './maintenance-request';

/** "Power off and move cold" off a host entering maintenance: the evacuation's planner picks where. */
export function evacuationColdRoute(
  d: { view: EngineView; engine: MigrationEngine },
  moveNow: (r: PowerOffRecord, shutDown: GuestShutDown) => string,
): ColdMoveRoute {
  const { view } = d;
  return {
    // Planned as the move itself will be (the moves under way counted), so a guest is never shut down for a move then refused.
    mustMoveCold(host, vm) {
      const plan = planEvacuation(asPoweredOff(view, vm), [host.id], { withLocalDisks: false, poweredOff: true }, d.engine.tasks())[0];
      if (plan?.moves.some((m) => m.vmId === vm.id)) return;
      const reason = plan?.blocked.find((b) => b.vmId === vm.id)?.reasons[0]?.message ?? 'no host can take it';
      throw new FerryError('PRECHECK_FAILED', `${vm.name} could not move cold either, so Ferry leaves it running: ${reason}`);
    },
    hindrance: (r) =>
      view.host(r.hostId)?.maintenance === 'entering' ? null : `${view.host(r.hostId)?.name ?? r.hostId} left maintenance`,
    move: moveNow,
    scope: (r) => `maintenance operation ${r.operationId}`,
  };
}

/**
 * "Power off and move back cold" for a VM a failback cannot move back live (a device, the CPU):
 * back to the home host, planned as the failback plans it (its disks to the store they came from).
 */
export function failbackColdRoute(d: {
  view: EngineView;
  engine: MigrationEngine;
  operations: MaintenanceOperationRepository;
}): ColdMoveRoute {
  const homeOf = (hostId: string | null): Host => {
    const home = d.view.host(hostId ?? '');
    if (!home) throw new FerryError('NOT_FOUND', `no host ${hostId ?? ''} to move back to`);
    return home;
  };
  const planFor = (view: EngineView, home: Host, operationId: string, vm: Pick<Vm, 'id' | 'name'>) => {
    const operation = d.operations.get(operationId);
    const candidates = operation ? failbackCandidates(view, d.engine, d.operations, operation).filter((c) => c.task.vmId === vm.id) : [];
    const plan = planFailback(view, home, operationId, candidates, new Map(), d.engine.tasks());
    const move = plan.moves.find((m) => m.vmId === vm.id);
    const reason =
      plan.blocked.find((b) => b.vmId === vm.id)?.reasons[0]?.message ?? `the maintenance of ${home.name} did not move it there`;
    return { move, reason };
  };
  return {
    mustMoveCold(_host, vm, to) {
      const { move, reason } = planFor(asPoweredOff(d.view, vm), homeOf(to.destHostId), to.operationId, vm);
      if (!move)
        throw new FerryError('PRECHECK_FAILED', `${vm.name} could not move back cold either, so Ferry leaves it running: ${reason}`);
    },
    hindrance: (r) =>
      d.view.host(r.destHostId ?? '')?.maintenance === 'off' ? null : `${homeOf(r.destHostId).name} is in maintenance again`,
    move(r, shutDown) {
      const home = homeOf(r.destHostId);
      const { move, reason } = planFor(d.view, home, r.operationId, { id: r.vmId, name: r.vmName });
      if (!move) throw new FerryError('PRECHECK_FAILED', reason);
      const [task] = d.engine.request(automatedMove(r.vmId, home.id, move.missionCritical ? 'high' : 'default', move.destDatastoreId), {
        requestedBy: `failback of maintenance of ${home.name} (on behalf of ${r.actor})`,
        operationId: r.operationId,
        note: `failback of maintenance operation ${r.operationId}`,
        shutDownForMove: shutDown,
        planned: plannedSlot(move),
      });
      if (!task) throw new FerryError('CONFLICT', `${r.vmName} did not move back`);
      return task.id;
    },
    scope: (r) => `failback of maintenance operation ${r.operationId}`,
  };
}
