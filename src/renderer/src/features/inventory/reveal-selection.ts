import { useEffect } from 'react';
import { currentInventory, type InventoryState } from '../../state/inventory-store';
import { focusWhenShown, takeOpenRequest, useOpenRequest } from '../../state/open-request';
import { treeId, type Selection } from '../../state/selection';

/** The tree items that must be open for a selected cluster, host or VM to show. */
export function ancestorsOf(selection: Selection | null, inv: InventoryState): string[] {
  if (selection?.kind === 'cluster') {
    const cluster = inv.clusters.find((c) => c.id === selection.id);
    return cluster ? [treeId('datacenter', cluster.datacenterId)] : [];
  }
  if (!selection || (selection.kind !== 'vm' && selection.kind !== 'host')) return [];
  const hostId = selection.kind === 'vm' ? inv.vms.get(selection.id)?.hostId : selection.id;
  const host = hostId ? inv.hosts.get(hostId) : undefined;
  const cluster = host ? inv.clusters.find((c) => c.id === host.clusterId) : undefined;
  if (!host || !cluster) return [];
  const ids = [treeId('datacenter', cluster.datacenterId), treeId('cluster', cluster.id)];
  return selection.kind === 'vm' ? [...ids, treeId('host', host.id)] : ids;
}

/**
 * A cluster, host or VM selected elsewhere (the search, the VM list) opens its branch of the tree and
 * scrolls into view, as vCenter's tree follows what was chosen.
 */
export function useRevealSelection(selection: Selection | null, expanded: string[], setExpanded: (ids: string[]) => void): void {
  const key = selection ? treeId(selection.kind, selection.id) : '';
  useEffect(() => {
    if (!key) return;
    // The inventory as it is now: following it would re-run this at every metrics update.
    const missing = ancestorsOf(selection, currentInventory()).filter((id) => !expanded.includes(id));
    if (missing.length) setExpanded([...expanded, ...missing]);
    const frame = requestAnimationFrame(() =>
      document.querySelector(`[data-tree-id="${CSS.escape(key)}"]`)?.scrollIntoView({ block: 'nearest' }),
    );
    return () => cancelAnimationFrame(frame);
    // Only a new selection reveals: collapsing its branch afterwards stays collapsed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
}

/** An item opened from elsewhere (the search) takes the keyboard focus once its branch shows, so the keyboard goes on from it. */
export function useFocusOpenedItem(): void {
  const open = useOpenRequest();
  useEffect(() => {
    if (open?.target.kind !== 'tree-item') return;
    const key = open.target.treeId;
    takeOpenRequest(open);
    focusWhenShown(() => document.querySelector(`[data-tree-id="${CSS.escape(key)}"]`)?.closest<HTMLElement>('[role="treeitem"]'));
  }, [open]);
}
