import { ListItemText, Menu, MenuItem } from '@mui/material';
import type { ReactElement } from 'react';
import type { Host, Vm } from '../../../../shared/model/inventory';
import { vmMove } from '../../components/vm-move-words';
import { useInventory } from '../../state/inventory-store';
import { useSelection, type Selection } from '../../state/selection';
import { hostMigration } from './host-menu-words';
import { singleVmItems } from './vm-menu-words';

export interface MenuTarget {
  item: Selection;
  anchor: { top: number; left: number };
}

export interface ItemActions {
  migrate(vmId: string, type: 'compute' | 'storage'): void;
  /** "Move to…": the wizard on its Destination step with these VMs. */
  moveTo(vmIds: string[]): void;
  /** A host's "Migrate VMs…": the wizard on its first step with these VMs chosen (as many as a request holds). */
  migrateVms(vmIds: string[]): void;
  history(vmId: string): void;
  maintenance(hostId: string, enter: boolean): void;
  recommendations(id: string): void;
  /** Selects an object and shows its summary (a cluster's holds its CPU baseline). */
  show(item: Selection): void;
  addHost(): void;
}

type Run = (action: () => void) => () => void;

function vmItems(vm: Vm, selectedVmIds: string[], actions: ItemActions, run: Run): ReactElement[] {
  const { movable, note } = vmMove(vm);
  const batch = selectedVmIds.length > 1 && selectedVmIds.includes(vm.id) ? selectedVmIds : [vm.id];
  const single = singleVmItems(vm.name, batch.length);
  return [
    <MenuItem key="migrate" onClick={run(() => actions.migrate(vm.id, 'compute'))} disabled={!movable}>
      <ListItemText primary={single.migrate} secondary={note} />
    </MenuItem>,
    <MenuItem key="move-to" onClick={run(() => actions.moveTo(batch))} disabled={!movable}>
      <ListItemText primary={batch.length > 1 ? `Move ${batch.length} VMs to…` : 'Move to…'} secondary="Ctrl+M" />
    </MenuItem>,
    <MenuItem key="storage" onClick={run(() => actions.migrate(vm.id, 'storage'))} disabled={!movable}>
      {single.storage}
    </MenuItem>,
    <MenuItem key="history" onClick={run(() => actions.history(vm.id))}>
      Migration history
    </MenuItem>,
  ];
}

function hostItems(host: Host, vms: Iterable<Vm>, actions: ItemActions, run: Run): ReactElement[] {
  // Shown disabled with its reason on a host with nothing to move, not hidden: the admin learns where it is.
  const migration = hostMigration(vms, host.id);
  return [
    <MenuItem key="migrate-vms" onClick={run(() => actions.migrateVms(migration.vmIds))} disabled={migration.vmIds.length === 0}>
      <ListItemText primary="Migrate VMs…" secondary={migration.note} />
    </MenuItem>,
    host.maintenance === 'off' ? (
      <MenuItem key="enter" onClick={run(() => actions.maintenance(host.id, true))}>
        Enter maintenance mode…
      </MenuItem>
    ) : (
      <MenuItem key="exit" onClick={run(() => actions.maintenance(host.id, false))}>
        Exit maintenance mode
      </MenuItem>
    ),
    <MenuItem key="recommendations" onClick={run(() => actions.recommendations(host.id))}>
      Balancing recommendations
    </MenuItem>,
  ];
}

function clusterItems(item: Selection, actions: ItemActions, run: Run): ReactElement[] {
  return [
    <MenuItem key="policy" onClick={run(() => actions.recommendations(item.id))}>
      Balancing policy and recommendations
    </MenuItem>,
    <MenuItem key="baseline" onClick={run(() => actions.show(item))}>
      CPU baseline…
    </MenuItem>,
    <MenuItem key="summary" onClick={run(() => actions.show(item))}>
      Summary
    </MenuItem>,
  ];
}

function datacenterItems(item: Selection, actions: ItemActions, run: Run): ReactElement[] {
  return [
    <MenuItem key="add-host" onClick={run(() => actions.addHost())}>
      Add host…
    </MenuItem>,
    <MenuItem key="recommendations" onClick={run(() => actions.recommendations(item.id))}>
      Balancing recommendations
    </MenuItem>,
    <MenuItem key="summary" onClick={run(() => actions.show(item))}>
      Summary
    </MenuItem>,
  ];
}

/** The context menu of a tree item: the keyboard and menu path for everything a drag does, and more. */
export function ItemMenu({ target, actions, onClose }: { target: MenuTarget | null; actions: ItemActions; onClose(): void }) {
  const inv = useInventory();
  const { selected } = useSelection();
  const run: Run = (action) => () => {
    onClose();
    action();
  };
  const item = target?.item;
  const vm = item?.kind === 'vm' ? inv.vms.get(item.id) : undefined;
  const host = item?.kind === 'host' ? inv.hosts.get(item.id) : undefined;
  const selectedVmIds = selected.filter((s) => s.kind === 'vm').map((s) => s.id);
  const items = vm
    ? vmItems(vm, selectedVmIds, actions, run)
    : host
      ? hostItems(host, inv.vms.values(), actions, run)
      : item?.kind === 'cluster'
        ? clusterItems(item, actions, run)
        : item?.kind === 'datacenter'
          ? datacenterItems(item, actions, run)
          : [];
  return (
    <Menu
      open={Boolean(target) && items.length > 0}
      onClose={onClose}
      anchorReference="anchorPosition"
      anchorPosition={target?.anchor}
      autoFocus
    >
      {items}
    </Menu>
  );
}
