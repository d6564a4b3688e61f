import type { Vm } from '../../../../shared/model/inventory';
import { compareNames } from '../../../../shared/model/names';
import { counted } from '../../components/plural';
import { vmMove } from '../../components/vm-move-words';

export interface HostMigration {
  /** The VMs the wizard starts with, in name order: those on the host that can move. */
  vmIds: string[];
  /** The line under "Migrate VMs…": what it moves, or why it cannot. */
  note: string;
}

/**
 * A host's "Migrate VMs…": its running VMs (live) and powered-off ones (cold), as emptying a host
 * for work on it needs both gone; paused or unknown ones stay, as the prechecks would refuse them.
 */
export function hostMigration(vms: Iterable<Vm>, hostId: string): HostMigration {
  const onHost = [...vms].filter((vm) => vm.hostId === hostId);
  const movable = onHost.filter((vm) => vmMove(vm).movable).sort((a, b) => compareNames(a.name, b.name));
  const stay = onHost.length - movable.length;
  if (onHost.length === 0) return { vmIds: [], note: 'No VMs on this host' };
  const why = 'paused or power unknown';
  if (movable.length === 0) return { vmIds: [], note: `${stay === 1 ? 'Its VM cannot' : `Its ${stay} VMs cannot`} move: ${why}` };
  const off = movable.filter((vm) => vm.power === 'off').length;
  const moving = `${counted(movable.length, 'VM')}${off > 0 ? `, ${off} powered off (moves cold)` : ''}`;
  const note = stay > 0 ? `${moving}; ${stay} ${stay === 1 ? 'stays' : 'stay'} (${why})` : moving;
  return { vmIds: movable.map((vm) => vm.id), note };
}
