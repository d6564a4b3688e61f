import { Alert, Box, Button } from '@mui/material';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { currentInventory, useInventorySelector } from '../../state/inventory-store';
import { focusWhenShown, requestOpen, takeOpenRequest, useOpenRequest } from '../../state/open-request';
import { usePersistedState } from '../../state/persisted';
import { treeId, useSelection } from '../../state/selection';
import { useMigratingVmIds } from '../../state/tasks-store';
import { useOpenWizard } from '../../state/wizard-opener';
import { isStoredSort, isStoredVmFilter, vmFilterKey, vmSortKey } from './vm-list-stored';
import { useVmSelection } from './use-vm-selection';
import { exactTag, filterVms, isNoFilter, noFilter, sortVms, type Sort, type SortField, type VmFilter } from './vm-rows';
import { selectedIds } from './vm-selection';
import { VmRowMenu, type RowMenuTarget } from './VmRowMenu';
import { VmSelectionBar } from './VmSelectionBar';
import { VmFilters } from './VmFilters';
import { VmScopeBar } from './VmScopeBar';
import { countIn, hostFilterOutside, vmScopeOf } from './vm-scope';
import { VmTable } from './VmTable';

const emptyMemoryRange = (f: VmFilter): boolean => f.minMemoryGiB !== null && f.maxMemoryGiB !== null && f.minMemoryGiB > f.maxMemoryGiB;

/**
 * The VMs under the tree's datacenter, cluster or host (all of them when none is chosen) in one
 * filterable, sortable list: click a row to select the VM (Ctrl/Shift-click, Space and Shift+arrows
 * select several, Esc none), Enter to open it (`onShowSummary`), or migrate it, or the selection, from its row.
 */
export function VmListView({ onShowSummary }: { onShowSummary: () => void }) {
  // The VMs and the hosts' names only: host metrics (every 2 s) change neither.
  const vms = useInventorySelector((s) => s.vms);
  const hostNames = useInventorySelector((s) => s.hostNames);
  const datacenters = useInventorySelector((s) => s.datacenters);
  const clusters = useInventorySelector((s) => s.clusters);
  const structureVersion = useInventorySelector((s) => s.structureVersion);
  const { select, scope: scopedTo, showAll } = useSelection();
  const openWizard = useOpenWizard();
  const migrating = useMigratingVmIds();
  // Kept across reloads, like the view and the selection: an admin's list comes back as it was left.
  const [filter, setFilter] = usePersistedState<VmFilter>(vmFilterKey, noFilter, isStoredVmFilter);
  const [sort, setSort] = usePersistedState<Sort | null>(vmSortKey, null, isStoredSort);
  // A tag opened from the search: the list shows that tag's VMs (set while rendering, so the first paint is filtered).
  const open = useOpenRequest();
  const [openedSerial, setOpenedSerial] = useState<number | null>(null);
  if (open?.target.kind === 'vm-list' && open.serial !== openedSerial) {
    setOpenedSerial(open.serial);
    setFilter({ ...noFilter, tag: exactTag(open.target.tag) });
  }
  const facts = useMemo(() => ({ hostNames, migrating }), [hostNames, migrating]);
  // The scope's hosts, found again when hosts come, go or are renamed (not at each metrics update).
  const scope = useMemo(
    () => vmScopeOf(scopedTo, currentInventory()),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- these stand for the hosts' shape and names
    [scopedTo, datacenters, clusters, structureVersion, hostNames],
  );
  const inScope = useMemo(() => (scope ? countIn(vms.values(), scope) : vms.size), [vms, scope]);
  // Typing in a filter stays responsive at 40,000 rows: the list follows a moment later.
  const deferredFilter = useDeferredValue(filter);
  const hostOutside = hostFilterOutside(deferredFilter.host, scope, facts.hostNames);
  const filtered = useMemo(() => filterVms(vms, deferredFilter, facts, scope?.hostIds ?? null), [vms, deferredFilter, facts, scope]);
  const shown = useMemo(() => sortVms(filtered, sort, facts), [filtered, sort, facts]);
  // ...and its first VM takes the focus once the filtered rows are the ones shown.
  const list = useRef<HTMLDivElement>(null);
  const focusFirstRow = useRef(false);
  useEffect(() => {
    if (open?.target.kind !== 'vm-list') return;
    takeOpenRequest(open);
    focusFirstRow.current = true;
  }, [open]);
  useEffect(() => {
    if (!focusFirstRow.current || deferredFilter !== filter) return;
    focusFirstRow.current = false;
    focusWhenShown(() => list.current?.querySelector<HTMLElement>('[role="row"][aria-rowindex="2"]'));
  }, [deferredFilter, filter]);
  // "Show all VMs" goes away with the scope it ends: pressed from the keyboard, the focus would fall to the page's
  // body (new-user review 16, 8). It goes to the list's Tab stop, the list that now shows them all.
  const focusListOnAll = useRef(false);
  const onShowAll = useCallback(() => {
    focusListOnAll.current = true;
    showAll();
  }, [showAll]);
  useEffect(() => {
    if (!focusListOnAll.current || scope) return;
    focusListOnAll.current = false;
    focusWhenShown(() => list.current?.querySelector<HTMLElement>('.viewport[tabindex="0"], .viewport [tabindex="0"]'));
  }, [scope]);
  const onSort = useCallback(
    (field: SortField) =>
      setSort(sort?.field !== field ? { field, direction: 'asc' } : sort.direction === 'asc' ? { field, direction: 'desc' } : null),
    [sort, setSort],
  );
  // A VM clicked or toggled on is the one the Summary and the tree show, as a click in the tree makes it.
  const onChosen = useCallback((vmId: string) => select({ kind: 'vm', id: vmId }), [select]);
  const selecting = useVmSelection(shown, onChosen);
  const { selection, clear } = selecting;
  // As the search opens a VM: selected, its Summary shown, the keyboard on its tree item.
  const onOpen = useCallback(
    (vmId: string) => {
      requestOpen({ kind: 'tree-item', treeId: treeId('vm', vmId) });
      select({ kind: 'vm', id: vmId });
      onShowSummary();
    },
    [select, onShowSummary],
  );
  // The VM is chosen: the wizard opens on the Destination step, as the tree's "Move to…" does (new-user review).
  // A selected row's Migrate… moves the whole selection, as the tree's "Move n VMs to…" (its batch wizard) does.
  const migrateSelection = () => openWizard({ vmIds: selectedIds(selection, shown), type: 'compute', at: 'destination' });
  const { movedWith } = selecting;
  const onMigrate = useCallback(
    (vmId: string) => openWizard({ vmIds: movedWith(vmId), type: 'compute', at: 'destination' }),
    [openWizard, movedWith],
  );
  // A row's menu acts on the selection when the row is part of it; on another row, that row is selected alone first (as a file manager does).
  const [menu, setMenu] = useState<RowMenuTarget | null>(null);
  const { pick } = selecting;
  const onMenu = useCallback(
    (index: number, anchor: { top: number; left: number }) => {
      const vm = shown[index];
      if (!vm) return;
      const inSelection = selection.vms.has(vm.id);
      if (!inSelection) pick(index, { toggle: false, range: false });
      setMenu({ vmId: vm.id, vmName: vm.name, count: inSelection ? selection.vms.size : 1, anchor });
    },
    [shown, selection, pick],
  );
  // Esc empties the selection from anywhere in the view but a field, where it is the field's, and the
  // row menu (a portal: React brings its keys here too), where it closes the menu.
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const target = event.target as HTMLElement;
    if (event.key !== 'Escape' || selection.vms.size === 0 || !event.currentTarget.contains(target)) return;
    if (target.closest('input, select, textarea, [role="combobox"]')) return;
    event.preventDefault();
    clear();
  };
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, p: 1, height: '100%', minHeight: 0 }} onKeyDown={onKeyDown}>
      {scope && <VmScopeBar label={scope.label} inScope={inScope} total={vms.size} onShowAll={onShowAll} />}
      <VmFilters filter={filter} onChange={setFilter} shown={shown.length} total={inScope} />
      <VmSelectionBar count={selection.vms.size} filtered={!isNoFilter(deferredFilter)} onMigrate={migrateSelection} onClear={clear} />
      {scope && inScope === 0 && <Alert severity="info">{`No VMs on ${scope.label}.`}</Alert>}
      {shown.length === 0 && inScope > 0 && hostOutside && (
        <Alert
          severity="info"
          action={
            <Button size="small" onClick={() => setFilter({ ...filter, host: '' })}>
              Clear the Host filter
            </Button>
          }
        >
          {hostOutside}
        </Alert>
      )}
      {shown.length === 0 && inScope > 0 && !hostOutside && (
        <Alert
          severity="info"
          action={
            // Scoped, "Show all VMs" is the scope bar's (the whole inventory): this one clears the filters only.
            <Button size="small" onClick={() => setFilter(noFilter)}>
              {scope ? 'Clear filters' : 'Show all VMs'}
            </Button>
          }
        >
          {emptyMemoryRange(deferredFilter)
            ? `No VM can match: at least ${deferredFilter.minMemoryGiB} GiB and at most ${deferredFilter.maxMemoryGiB} GiB of memory.`
            : 'No VM matches these filters.'}
        </Alert>
      )}
      <Box ref={list} sx={{ flex: 1, minHeight: 240 }}>
        <VmTable
          vms={shown}
          facts={facts}
          sort={sort}
          onSort={onSort}
          selecting={selecting}
          onOpen={onOpen}
          onMigrate={onMigrate}
          onMenu={onMenu}
        />
      </Box>
      <VmRowMenu target={menu} onMigrate={onMigrate} onOpen={onOpen} onClose={() => setMenu(null)} />
    </Box>
  );
}
