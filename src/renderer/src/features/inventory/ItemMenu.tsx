import { ListItemText, Menu, MenuItem } from '@mui/material';
import { useInventory } from '../../state/inventory-store';
import type { Selection } from '../../state/selection';

export interface MenuTarget {
  item: Selection;
  anchor: { top: number; left: number };
}

export interface ItemActions {
  migrate(vmId: string, type: 'compute' | 'storage'): void;
  history(vmId: string): void;
  maintenance(hostId: string, enter: boolean): void;
  recommendations(hostId: string): void;
}

/** The context menu of a tree item: the keyboard and menu path for everything a drag does. */
export function ItemMenu({ target, actions, onClose }: { target: MenuTarget | null; actions: ItemActions; onClose(): void }) {
  const inv = useInventory();
  const run = (action: () => void) => () => {
    onClose();
    action();
  };
  const vm = target?.item.kind === 'vm' ? inv.vms.get(target.item.id) : undefined;
  const host = target?.item.kind === 'host' ? inv.hosts.get(target.item.id) : undefined;
  // Running guests move live, powered-off ones cold; a paused guest has to be resumed first.
  const movable = vm?.power === 'running' || vm?.power === 'off';
  const items = vm
    ? [
        <MenuItem key="migrate" onClick={run(() => actions.migrate(vm.id, 'compute'))} disabled={!movable}>
          <ListItemText
            primary="Migrate…"
            secondary={vm.power === 'running' ? undefined : movable ? 'Powered off: moves cold' : `${vm.name} is ${vm.power}`}
          />
        </MenuItem>,
        <MenuItem key="storage" onClick={run(() => actions.migrate(vm.id, 'storage'))} disabled={!movable}>
          Move storage…
        </MenuItem>,
        <MenuItem key="history" onClick={run(() => actions.history(vm.id))}>
          Migration history
        </MenuItem>,
      ]
    : host
      ? [
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
        ]
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
