import { Box, CircularProgress, Typography } from '@mui/material';
import { RichTreeView } from '@mui/x-tree-view';
import { useLayoutEffect, useMemo } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { currentInventory, useInventorySelector } from '../../state/inventory-store';
import { isStringArray, usePersistedState } from '../../state/persisted';
import { parseTreeId, treeId, useSelection } from '../../state/selection';
import { InventoryTreeItem, TreeRowRenderersContext, type TreeRowRenderers } from './InventoryTreeItem';
import { useFocusOpenedItem, useRevealSelection } from './reveal-selection';
import { isPlaceholder, shownIds, treeNodes, treeShape } from './tree-items';
import { noteShownItems, noteTreeFocus } from './tree-tab-stop';

const isExpansion = (value: unknown): value is string[] | null => value === null || isStringArray(value);
const slots = { item: InventoryTreeItem };

export interface InventoryTreeProps extends TreeRowRenderers {
  onItemFocus?: (itemId: string) => void;
}

/**
 * Datacenters › clusters › hosts › VMs. The rows come from data and render flat (each row a sibling
 * of the others), so the tree's navigation, range selection and names come from the data, not from
 * DOM nesting. The tree takes only what its shape depends on: host metrics re-render host rows only.
 */
export function InventoryTree({ renderHost, renderVm, onItemFocus }: InventoryTreeProps) {
  const status = useInventorySelector((s) => s.status);
  const error = useInventorySelector((s) => s.error);
  const datacenters = useInventorySelector((s) => s.datacenters);
  const clusters = useInventorySelector((s) => s.clusters);
  const structureVersion = useInventorySelector((s) => s.structureVersion);
  // Kept across metrics updates: a renamed host re-sorts the tree, a CPU tick does not.
  const hostNames = useInventorySelector((s) => s.hostNames);
  const hostCount = useInventorySelector((s) => s.hosts.size);
  const { selection, selected, selectMany } = useSelection();
  // Expansion is kept across reloads; null until the admin first opens or closes something.
  const [expanded, setExpanded] = usePersistedState<string[] | null>('tree.expanded', null, isExpansion);

  // Large estates open at the datacenter level: thousands of host rows help nobody at a glance.
  const defaultExpanded = useMemo(
    () => [
      ...datacenters.map((d) => treeId('datacenter', d.id)),
      ...(hostCount <= 100 ? clusters.map((c) => treeId('cluster', c.id)) : []),
    ],
    [datacenters, clusters, hostCount],
  );
  const expandedItems = expanded ?? defaultExpanded;
  useRevealSelection(selection, expandedItems, setExpanded);
  useFocusOpenedItem();

  const shape = useMemo(
    () => treeShape(currentInventory()),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- these stand for the maps' shape and names
    [structureVersion, clusters, hostNames],
  );
  const items = useMemo(() => treeNodes(datacenters, shape, new Set(expandedItems)), [datacenters, shape, expandedItems]);
  useLayoutEffect(() => noteShownItems(shownIds(items)), [items]);
  const selectedItems = useMemo(() => selected.map((s) => treeId(s.kind, s.id)), [selected]);
  const renderers = useMemo(() => ({ renderHost, renderVm }), [renderHost, renderVm]);

  if (status === 'loading')
    return (
      <Box sx={{ p: 2, display: 'flex', gap: 1, alignItems: 'center' }}>
        <CircularProgress size={16} />
        <Typography variant="body2">Loading inventory…</Typography>
      </Box>
    );
  if (status === 'error') return <ErrorAlert title="Could not load the inventory" error={error} sx={{ m: 1 }} />;
  if (datacenters.length === 0)
    return (
      <Typography variant="body2" sx={{ p: 2 }} color="text.secondary">
        No hosts yet. Add a libvirt host, or start with the simulated datacenter.
      </Typography>
    );

  return (
    <TreeRowRenderersContext.Provider value={renderers}>
      <RichTreeView
        aria-label="Inventory"
        items={items}
        domStructure="flat"
        // A click on a row's label selects it only; its arrow (and the keys) open and close it.
        expansionTrigger="iconContainer"
        slots={slots}
        expandedItems={expandedItems}
        onExpandedItemsChange={(_e, ids) => setExpanded(ids.filter((id) => !isPlaceholder(id)))}
        multiSelect
        selectedItems={selectedItems}
        onSelectedItemsChange={(_e, ids) => {
          const all = ids.filter((id) => !isPlaceholder(id)).flatMap((id) => parseTreeId(id) ?? []);
          // The summary follows the item just added (Ctrl/Shift-click), else the one it showed if still selected.
          const added = all.find((s) => !selected.some((o) => o.kind === s.kind && o.id === s.id));
          const kept = all.find((s) => s.kind === selection?.kind && s.id === selection.id);
          selectMany(all, added ?? kept ?? null);
        }}
        onItemFocus={(_e, id) => {
          noteTreeFocus(id);
          onItemFocus?.(id);
        }}
        sx={{ px: 0.5, py: 1 }}
      />
    </TreeRowRenderersContext.Provider>
  );
}
