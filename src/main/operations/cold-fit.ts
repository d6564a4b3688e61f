import type { Host, Vm } from '../../shared/model/inventory';
import { precheckHost } from '../engine/planning/prechecks';
import { subjectOf } from '../engine/planning/precheck-subject';
import type { EngineView, Inbound } from '../engine/planning/view';

/**
 * Whether a host would take the VM once it is off: what "power off and move cold" needs before it
 * is offered (a live move's device and CPU refusals do not hold for a guest that meets the host at
 * power-on, a missing port group or datastore does). With `destDatastoreId`, its disks move too.
 */
export function takesCold(view: EngineView, vm: Vm, host: Host, destDatastoreId: string | null = null, inbound?: Inbound): boolean {
  const subject = subjectOf(view, { ...vm, power: 'off' }, destDatastoreId ? 'both' : 'compute', destDatastoreId, false);
  return precheckHost(view, subject, host, inbound, true).every((c) => c.severity !== 'error');
}

/** The view as it will be once the VM is off: what a planner offers it before the guest is touched. */
export function asPoweredOff(view: EngineView, vm: Vm): EngineView {
  const off = { ...vm, power: 'off' as const };
  return {
    ...view,
    vm: (id) => (id === vm.id ? off : view.vm(id)),
    allVms: () => view.allVms().map((v) => (v.id === vm.id ? off : v)),
  };
}
