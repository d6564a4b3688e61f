import { Box, CircularProgress, Typography } from '@mui/material';
import { SimpleTreeView, TreeItem } from '@mui/x-tree-view';
import { useMemo, type ReactElement, type ReactNode } from 'react';
import type { Host, Vm } from '../../../../shared/model/inventory';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useInventory, type InventoryState } from '../../state/inventory-store';
import { isStringArray, usePersistedState } from '../../state/persisted';
import { parseTreeId, treeId, useSelection } from '../../state/selection';
import { HostLabel, VmLabel } from './labels';
import { useRevealSelection } from './reveal-selection';

interface Shape {
  clustersByDc: Map<string, { id: string; name: string }[]>;
  hostsByCluster: Map<string, string[]>;
  vmsByHost: Map<string, string[]>;
}

const byName = (names: Map<string, { name: string }>) => (a: string, b: string) =>
  (names.get(a)?.name ?? a).localeCompare(names.get(b)?.name ?? b, undefined, { numeric: true });

/** The tree's shape only changes when objects appear, vanish or move, not when metrics tick. */
function useShape(inv: InventoryState): Shape {
  const { structureVersion } = inv;
  return useMemo(() => {
    const group = <K,>(items: Iterable<[K, string]>): Map<K, string[]> => {
      const map = new Map<K, string[]>();
      for (const [key, id] of items) map.set(key, [...(map.get(key) ?? []), id]);
      return map;
    };
    const clustersByDc = new Map<string, { id: string; name: string }[]>();
    for (const c of inv.clusters) clustersByDc.set(c.datacenterId, [...(clustersByDc.get(c.datacenterId) ?? []), c]);
    const hostsByCluster = group([...inv.hosts.values()].map((h) => [h.clusterId, h.id] as [string, string]));
    const vmsByHost = group([...inv.vms.values()].map((v) => [v.hostId, v.id] as [string, string]));
    for (const ids of hostsByCluster.values()) ids.sort(byName(inv.hosts));
    for (const ids of vmsByHost.values()) ids.sort(byName(inv.vms));
    return { clustersByDc, hostsByCluster, vmsByHost };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- structureVersion stands for the maps' shape
  }, [structureVersion, inv.clusters]);
}

const isExpansion = (value: unknown): value is string[] | null => value === null || isStringArray(value);

export interface InventoryTreeProps {
  migratingVmIds: ReadonlySet<string>;
  renderHost?: (host: Host, label: ReactElement) => ReactElement;
  renderVm?: (vm: Vm, label: ReactElement) => ReactElement;
  onItemFocus?: (itemId: string) => void;
}

export function InventoryTree({ migratingVmIds, renderHost, renderVm, onItemFocus }: InventoryTreeProps) {
  const inv = useInventory();
  const shape = useShape(inv);
  const { selection, selected, selectMany } = useSelection();
  // Expansion is kept across reloads; null until the admin first opens or closes something.
  const [expanded, setExpanded] = usePersistedState<string[] | null>('tree.expanded', null, isExpansion);

  // Large estates open at the datacenter level: thousands of host rows help nobody at a glance.
  const hostCount = inv.hosts.size;
  const defaultExpanded = useMemo(
    () => [
      ...inv.datacenters.map((d) => treeId('datacenter', d.id)),
      ...(hostCount <= 100 ? inv.clusters.map((c) => treeId('cluster', c.id)) : []),
    ],
    [inv.datacenters, inv.clusters, hostCount],
  );
  useRevealSelection(selection, inv, expanded ?? defaultExpanded, setExpanded);
  if (inv.status === 'loading')
    return (
      <Box sx={{ p: 2, display: 'flex', gap: 1, alignItems: 'center' }}>
        <CircularProgress size={16} />
        <Typography variant="body2">Loading inventory…</Typography>
      </Box>
    );
  if (inv.status === 'error') return <ErrorAlert title="Could not load the inventory" error={inv.error} sx={{ m: 1 }} />;
  if (inv.datacenters.length === 0)
    return (
      <Typography variant="body2" sx={{ p: 2 }} color="text.secondary">
        No hosts yet. Add a libvirt host, or start with the simulated datacenter.
      </Typography>
    );

  const open = new Set(expanded ?? defaultExpanded);
  // Collapsed items get one placeholder child (so they show an expand arrow) instead of building
  // elements for thousands of hosts and VMs nobody sees.
  const lazy = (itemId: string, count: number, build: () => ReactNode) =>
    count === 0 ? null : open.has(itemId) ? build() : <TreeItem itemId={`${itemId}#more`} label="…" />;

  return (
    <SimpleTreeView
      aria-label="Inventory"
      expandedItems={expanded ?? defaultExpanded}
      onExpandedItemsChange={(_e, ids) => setExpanded(ids)}
      multiSelect
      selectedItems={selected.map((s) => treeId(s.kind, s.id))}
      onSelectedItemsChange={(_e, ids) => {
        const all = ids.filter((id) => !id.endsWith('#more')).flatMap((id) => parseTreeId(id) ?? []);
        // The summary follows the item just added (Ctrl/Shift-click), else the one it showed if still selected.
        const added = all.find((s) => !selected.some((o) => o.kind === s.kind && o.id === s.id));
        const kept = all.find((s) => s.kind === selection?.kind && s.id === selection.id);
        selectMany(all, added ?? kept ?? null);
      }}
      onItemFocus={(_e, id) => onItemFocus?.(id)}
      sx={{ px: 0.5, py: 1 }}
    >
      {inv.datacenters.map((dc) => {
        const dcId = treeId('datacenter', dc.id);
        const clusters = shape.clustersByDc.get(dc.id) ?? [];
        return (
          <TreeItem key={dc.id} itemId={dcId} label={<Box data-tree-id={dcId}>{dc.name}</Box>} aria-label={dc.name}>
            {lazy(dcId, clusters.length, () =>
              clusters.map((cluster) => {
                const clusterId = treeId('cluster', cluster.id);
                const hostIds = shape.hostsByCluster.get(cluster.id) ?? [];
                return (
                  <TreeItem
                    key={cluster.id}
                    itemId={clusterId}
                    label={<Box data-tree-id={clusterId}>{cluster.name}</Box>}
                    aria-label={cluster.name}
                  >
                    {lazy(clusterId, hostIds.length, () =>
                      hostIds.map((hostId) => {
                        const host = inv.hosts.get(hostId);
                        if (!host) return null;
                        const itemId = treeId('host', hostId);
                        const vmIds = shape.vmsByHost.get(hostId) ?? [];
                        const label = <HostLabel host={host} />;
                        return (
                          <TreeItem
                            key={hostId}
                            itemId={itemId}
                            label={renderHost ? renderHost(host, label) : label}
                            aria-label={host.name}
                          >
                            {lazy(itemId, vmIds.length, () =>
                              vmIds.map((vmId) => {
                                const vm = inv.vms.get(vmId);
                                if (!vm) return null;
                                const vmLabel = <VmLabel vm={vm} migrating={migratingVmIds.has(vmId)} />;
                                return (
                                  <TreeItem
                                    key={vmId}
                                    itemId={treeId('vm', vmId)}
                                    label={renderVm ? renderVm(vm, vmLabel) : vmLabel}
                                    aria-label={vm.name}
                                  />
                                );
                              }),
                            )}
                          </TreeItem>
                        );
                      }),
                    )}
                  </TreeItem>
                );
              }),
            )}
          </TreeItem>
        );
      })}
    </SimpleTreeView>
  );
}
