import type { Vm } from '../../../shared/model/inventory';

export interface VmMove {
  movable: boolean;
  /** Said beside the VM's Migrate… when it does not simply move live: cold, or why not at all. */
  note: string | undefined;
}

/**
 * Whether a VM can be moved now, for every Migrate… that offers it (the tree's menus, the Summary):
 * running guests move live, powered-off ones cold; a paused one has to be resumed first, and one of
 * unknown power cannot be judged (the prechecks refuse both).
 */
export function vmMove(vm: Pick<Vm, 'name' | 'power'>): VmMove {
  if (vm.power === 'running') return { movable: true, note: undefined };
  if (vm.power === 'off') return { movable: true, note: 'Powered off: moves cold' };
  return { movable: false, note: vm.power === 'paused' ? `${vm.name} is paused` : `${vm.name}'s power state is unknown` };
}
