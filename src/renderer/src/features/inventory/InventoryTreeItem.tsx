import { Box } from '@mui/material';
import { TreeItem, TreeItemRoot, useTreeItemModel, type TreeItemProps } from '@mui/x-tree-view';
import { createContext, forwardRef, memo, useContext, type ComponentProps, type MouseEvent, type ReactElement } from 'react';
import type { Host, Vm } from '../../../../shared/model/inventory';
import { useInventorySelector } from '../../state/inventory-store';
import { parseTreeId } from '../../state/selection';
import { useIsVmMigrating } from '../../state/tasks-store';
import { HostLabel, VmLabel } from './labels';
import { isPlaceholder, type TreeNode } from './tree-items';
import { useTreeTabIndex } from './tree-tab-stop';

/** What the panel wraps around host and VM labels (drop targets, drag sources); stable, so rows do not follow it. */
export interface TreeRowRenderers {
  renderHost?: (host: Host, label: ReactElement) => ReactElement;
  renderVm?: (vm: Vm, label: ReactElement) => ReactElement;
}
export const TreeRowRenderersContext = createContext<TreeRowRenderers>({});

/**
 * A host row follows that host alone: a metrics update (every 2 s) re-renders each host whose
 * numbers changed, and no VM, cluster or datacenter row.
 */
const HostRow = memo(function HostRow({ itemId, hostId }: { itemId: string; hostId: string }) {
  const host = useInventorySelector((s) => s.hosts.get(hostId));
  const { renderHost } = useContext(TreeRowRenderersContext);
  if (!host) return null;
  const label = (
    <Box data-tree-id={itemId}>
      <HostLabel host={host} />
    </Box>
  );
  return renderHost ? renderHost(host, label) : label;
});

/** A VM row follows that VM and whether it migrates; host metrics leave it alone. */
const VmRow = memo(function VmRow({ itemId, vmId }: { itemId: string; vmId: string }) {
  const vm = useInventorySelector((s) => s.vms.get(vmId));
  const migrating = useIsVmMigrating(vmId);
  const { renderVm } = useContext(TreeRowRenderersContext);
  if (!vm) return null;
  const label = (
    <Box data-tree-id={itemId}>
      <VmLabel vm={vm} migrating={migrating} />
    </Box>
  );
  return renderVm ? renderVm(vm, label) : label;
});

const NamedRow = memo(function NamedRow({ itemId, name }: { itemId: string; name: string }) {
  return <Box data-tree-id={itemId}>{name}</Box>;
});

/**
 * A row's element. The tree view marks a multi-selection with aria-checked, for trees of checkboxes;
 * ours has none, so a screen reader would say "checked": selection is aria-selected (review 5, 23).
 */
const SelectableRoot = forwardRef<HTMLLIElement, ComponentProps<typeof TreeItemRoot> & { treeItemId?: string }>(function SelectableRoot(
  { 'aria-checked': checked, treeItemId, tabIndex, ...props },
  ref,
) {
  // The Tab stop follows the keyboard focus (tree-tab-stop), not only the selection.
  const rovingTabIndex = useTreeTabIndex(treeItemId, tabIndex);
  return (
    <TreeItemRoot
      {...props}
      ref={ref}
      tabIndex={rovingTabIndex}
      aria-selected={checked === undefined ? undefined : checked === true || checked === 'true'}
    />
  );
});
const itemSlots = { root: SelectableRoot };

/**
 * A row's arrow opens and closes it and leaves the selection alone, as in the vSphere Client: its
 * click stops at the arrow, else the row's content would select the row too.
 */
/** The root slot's props as the tree view types them, which has no room for our own (SelectableRoot takes it). */
const rootOf = (treeItemId: string) => ({ treeItemId }) as object;
const stopAtArrow = { onClick: (event: MouseEvent) => event.stopPropagation() };

/**
 * One row of the tree. The tree renders its rows as siblings, so a row's accessible name is its own
 * content (the name; gauges and sizes are aria-hidden) and never its children's, and the row tells
 * its level and place among its siblings, which nesting told before.
 */
export const InventoryTreeItem = forwardRef<HTMLLIElement, TreeItemProps>(function InventoryTreeItem(props, ref) {
  const node = useTreeItemModel<TreeNode>(props.itemId);
  const item = isPlaceholder(props.itemId) ? null : parseTreeId(props.itemId);
  const name = typeof props.label === 'string' ? props.label : (node?.label ?? '');
  const label =
    item?.kind === 'host' ? (
      <HostRow itemId={props.itemId} hostId={item.id} />
    ) : item?.kind === 'vm' ? (
      <VmRow itemId={props.itemId} vmId={item.id} />
    ) : (
      <NamedRow itemId={props.itemId} name={name} />
    );
  return (
    <TreeItem
      {...props}
      ref={ref}
      slots={itemSlots}
      slotProps={{ root: rootOf(props.itemId), iconContainer: node?.children?.length ? stopAtArrow : undefined }}
      label={label}
      aria-level={node?.level}
      aria-posinset={node?.position}
      aria-setsize={node?.setSize}
    />
  );
});
