import { ListItemText, Menu, MenuItem } from '@mui/material';

export interface RowMenuTarget {
  vmId: string;
  vmName: string;
  /** How many VMs its Migrate… moves: the whole selection when the row is part of one. */
  count: number;
  anchor: { top: number; left: number };
}

interface Props {
  target: RowMenuTarget | null;
  onMigrate: (vmId: string) => void;
  onOpen: (vmId: string) => void;
  onClose: () => void;
}

/** A VM row's context menu (right-click, Shift+F10, the menu key): on a row of a multi-selection, Migrate… moves all of it. */
export function VmRowMenu({ target, onMigrate, onOpen, onClose }: Props) {
  const run = (action: (vmId: string) => void) => () => {
    onClose();
    if (target) action(target.vmId);
  };
  return (
    <Menu open={target !== null} onClose={onClose} anchorReference="anchorPosition" anchorPosition={target?.anchor} autoFocus>
      <MenuItem onClick={run(onMigrate)}>
        <ListItemText primary={target && target.count > 1 ? `Migrate ${target.count} VMs…` : 'Migrate…'} />
      </MenuItem>
      <MenuItem onClick={run(onOpen)}>
        <ListItemText primary={target ? `Open ${target.vmName}` : 'Open'} secondary="Enter" />
      </MenuItem>
    </Menu>
  );
}
