import type { Host, Nic, Vm } from '../../../../../shared/model/inventory';
import { destinationOf, type WizardState } from '../wizard-state';

/** One NIC of a VM that goes, and whether its port group is on the host it goes to. */
export interface NetworkRow {
  vm: string;
  nic: Nic;
  ok: boolean;
  host: string;
}

/**
 * Each NIC of the VMs that go (`blocked` ones are left out), checked against the host that VM goes
 * to: its own destination in a batch (checked against the batch's, a VM sent elsewhere read as
 * losing its network), the host it stays on for a storage move.
 */
export function networkRows(
  state: WizardState,
  vms: ReadonlyMap<string, Vm>,
  hosts: ReadonlyMap<string, Host>,
  blocked: { has(vmId: string): boolean },
): NetworkRow[] {
  return state.vmIds
    .filter((id) => !blocked.has(id))
    .flatMap((id) => {
      const vm = vms.get(id);
      const host = hosts.get((state.type === 'storage' ? vm?.hostId : destinationOf(state, id)) ?? '');
      return (vm?.nics ?? []).map((nic) => ({
        vm: vm?.name ?? id,
        nic,
        ok: host?.portGroups.includes(nic.portGroup) ?? false,
        host: host?.name ?? '—',
      }));
    });
}
