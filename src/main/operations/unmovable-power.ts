import type { Host, Vm } from '../../shared/model/inventory';
import type { BlockedVm } from '../../shared/model/operations';

/**
 * A VM on a host entering maintenance that is neither running nor off: paused (its memory stays on
 * the host) or of unknown power (Ferry cannot read it there). No move fits it, and it holds the
 * host entering, so the plan lists it with what the admin can do (issue #14); once it runs, or is
 * off, Retry plans it again.
 */
export function unmovableByPower(vm: Vm, host: Host | undefined): BlockedVm | null {
  const where = host?.name ?? vm.hostId;
  const leave = 'Leave maintenance pending and handle the VM by hand';
  if (vm.power === 'paused')
    return blocked(
      vm,
      `it is paused: only a running guest moves live, and a paused one keeps its memory on ${where}`,
      'Resume it, then Retry to move it live; or power it off.',
      ['Resume it, then Retry from the maintenance panel: it moves live', 'Power it off: it then stays on the host, or moves cold', leave],
    );
  if (vm.power === 'unknown')
    return blocked(
      vm,
      `its power state is unknown: ${where} did not say whether it runs`,
      `Check ${where} and the guest, then Retry once its state shows.`,
      [`Check ${where} (its connection to Ferry) and the guest, then Retry from the maintenance panel`, leave],
    );
  return null;
}

const blocked = (vm: Vm, message: string, hint: string, options: string[]): BlockedVm => ({
  vmId: vm.id,
  vmName: vm.name,
  reasons: [{ code: 'VM_NOT_RUNNING', severity: 'error', message, hint }],
  options,
  actions: ['retry'],
});
