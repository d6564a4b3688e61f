import { Box, List, ListItem, ListItemButton, ListItemText, ListSubheader, ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useState, type KeyboardEvent, type MouseEvent, type ReactElement } from 'react';
import type { Host, Vm } from '../../../../shared/model/inventory';
import { formatBytes } from '../../components/format';
import { useInventory } from '../../state/inventory-store';
import { parseTreeId, useSelection } from '../../state/selection';
import { oneOf, usePersistedState } from '../../state/persisted';
import { SelectionAnnouncer } from './SelectionAnnouncer';
import { DraggableVm, DropHostStyles, DroppableHost } from './draggables';
import { InventoryTree } from './InventoryTree';
import { ItemMenu, type ItemActions, type MenuTarget } from './ItemMenu';
import { counted } from '../../components/plural';

type View = 'hosts' | 'datastores' | 'networks';

// Module-level, so the tree's rows never re-render because the panel did.
const dropTarget = (host: Host, label: ReactElement) => <DroppableHost host={host}>{label}</DroppableHost>;
const dragSource = (vm: Vm, label: ReactElement) => <DraggableVm vm={vm}>{label}</DraggableVm>;
const isView = oneOf<View>('hosts', 'datastores', 'networks');

/** The left side: the inventory tree (drag source and drop targets), or the datastore and network views. */
export function InventoryPanel({ actions }: { actions: ItemActions }) {
  const [view, setView] = usePersistedState<View>('inventory.view', 'hosts', isView);
  const { selected, select } = useSelection();
  const [menu, setMenu] = useState<MenuTarget | null>(null);
  const [focused, setFocused] = useState<string | null>(null);

  const openFor = (itemId: string | null, element: Element | null, point?: { x: number; y: number }) => {
    const item = itemId ? parseTreeId(itemId) : null;
    if (!item || (item.kind !== 'vm' && item.kind !== 'host' && item.kind !== 'cluster' && item.kind !== 'datacenter')) return false;
    const rect = element?.getBoundingClientRect();
    setMenu({ item, anchor: point ? { top: point.y, left: point.x } : { top: (rect?.top ?? 0) + 24, left: (rect?.left ?? 0) + 48 } });
    return true;
  };
  const onContextMenu = (event: MouseEvent) => {
    const element = (event.target as Element).closest('[data-tree-id]');
    if (openFor(element?.getAttribute('data-tree-id') ?? null, element, { x: event.clientX, y: event.clientY })) event.preventDefault();
  };
  // Shift+F10 and the menu key open the same menu for the focused item; Ctrl+M is "Move to…".
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')) {
      if (openFor(focused, document.activeElement)) event.preventDefault();
    }
    const item = focused ? parseTreeId(focused) : null;
    if (event.ctrlKey && event.key.toLowerCase() === 'm' && item?.kind === 'vm') {
      event.preventDefault();
      const vmIds = selected.filter((s) => s.kind === 'vm').map((s) => s.id);
      actions.moveTo(vmIds.length > 1 && vmIds.includes(item.id) ? vmIds : [item.id]);
    }
  };

  // Enter selects the focused item, as a click on its name does, and leaves it open or closed (the
  // arrows open and close): the tree's own Enter folded it instead (review 7, 2). Caught before the tree sees it.
  const onKeyDownCapture = (event: KeyboardEvent) => {
    const item = focused ? parseTreeId(focused) : null;
    if (event.key !== 'Enter' || event.ctrlKey || event.shiftKey || event.metaKey || !item) return;
    if (!(event.target as Element).closest?.('[role="treeitem"]')) return;
    event.preventDefault();
    event.stopPropagation();
    select(item);
  };

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
      <ToggleButtonGroup
        exclusive
        size="small"
        value={view}
        onChange={(_e, v: View | null) => v && setView(v)}
        sx={{ p: 1 }}
        aria-label="Inventory view"
      >
        <ToggleButton value="hosts">Hosts and VMs</ToggleButton>
        <ToggleButton value="datastores">Datastores</ToggleButton>
        <ToggleButton value="networks">Networks</ToggleButton>
      </ToggleButtonGroup>
      <Box sx={{ flex: 1, overflow: 'auto' }} onContextMenu={onContextMenu} onKeyDown={onKeyDown} onKeyDownCapture={onKeyDownCapture}>
        {view === 'hosts' && <InventoryTree onItemFocus={setFocused} renderHost={dropTarget} renderVm={dragSource} />}
        {view === 'datastores' && <DatastoreList />}
        {view === 'networks' && <NetworkList />}
      </Box>
      <DropHostStyles />
      <SelectionAnnouncer />
      <ItemMenu target={menu} actions={actions} onClose={() => setMenu(null)} />
    </Box>
  );
}

function DatastoreList() {
  const inv = useInventory();
  const { selection, select } = useSelection();
  return (
    <List dense aria-label="Datastores">
      {(['shared', 'local'] as const).map((kind) => [
        <ListSubheader key={kind}>{kind === 'shared' ? 'Shared datastores' : 'Local datastores'}</ListSubheader>,
        ...inv.datastores
          .filter((d) => d.kind === kind)
          .map((d) => (
            <ListItem key={d.id} disablePadding>
              <ListItemButton
                selected={selection?.kind === 'datastore' && selection.id === d.id}
                onClick={() => select({ kind: 'datastore', id: d.id })}
              >
                <ListItemText
                  primary={d.name}
                  secondary={`${formatBytes(d.freeBytes)} free of ${formatBytes(d.capacityBytes)} · ${counted(d.hostIds.length, 'host')}`}
                />
              </ListItemButton>
            </ListItem>
          )),
      ])}
    </List>
  );
}

function NetworkList() {
  const inv = useInventory();
  const { selection, select } = useSelection();
  return (
    <List dense aria-label="Networks">
      {inv.networks.map((n) => (
        <ListItem key={n.id} disablePadding>
          <ListItemButton
            selected={selection?.kind === 'network' && selection.id === n.id}
            onClick={() => select({ kind: 'network', id: n.id })}
          >
            <ListItemText primary={n.name} secondary={`on ${counted(n.hostIds.length, 'host')}`} />
          </ListItemButton>
        </ListItem>
      ))}
    </List>
  );
}
