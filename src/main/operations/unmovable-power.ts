import type { Host, Vm } from '../../shared/model/inventory';
import type { BlockedVm } from '../../shared/model/operations';

/**
 * A VM that is neither running nor off: paused (its memory stays on its host) or of unknown power
 * (Ferry cannot read it there). No move fits it, so a plan lists it with what the admin can do
 * (issue #14), never as a cold move. An evacuation's Retry plans it again once it runs or is off
 * (it holds the host entering); a failback is offered again from the maintenance panel.
 */
export function unmovableByPower(vm: Vm, host: Host | undefined, plan: 'evacuation' | 'failback' = 'evacuation'): BlockedVm | null {
  const where = host?.name ?? vm.hostId;
  const evacuation = plan === 'evacuation';
  const again = evacuation ? 'Retry from the maintenance panel' : 'choose "Move them back…" again';
  const leave = evacuation ? 'Leave maintenance pending and handle the VM by hand' : `Leave it on ${where}`;
  const retry: BlockedVm['actions'] = evacuation ? ['retry'] : [];
  if (vm.power === 'paused')
    return blocked(
      vm,
      `it is paused: only a running guest moves live, and a paused one keeps its memory on ${where}`,
      `Resume it, then ${evacuation ? 'Retry' : 'choose "Move them back…" again'} to move it live; or power it off.`,
      [
        `Resume it, then ${again}: it moves live`,
        `Power it off: it then ${evacuation ? 'stays on the host, or moves cold' : 'moves back cold'}`,
        leave,
      ],
      retry,
    );
  if (vm.power === 'unknown')
    return blocked(
      vm,
      `its power state is unknown: ${where} did not say whether it runs`,
      `Check ${where} and the guest, then ${evacuation ? 'Retry' : 'choose "Move them back…" again'} once its state shows.`,
      [`Check ${where} (its connection to Ferry) and the guest, then ${again}`, leave],
      retry,
    );
  return null;
}

const blocked = (vm: Vm, message: string, hint: string, options: string[], actions: BlockedVm['actions']): BlockedVm => ({
  vmId: vm.id,
  vmName: vm.name,
  reasons: [{ code: 'VM_NOT_RUNNING', severity: 'error', message, hint }],
  options,
  actions,
});
