import { maxBatchVms } from '../../../shared/model/migration';
import SettingsIcon from '@mui/icons-material/Settings';
import { AppBar, Box, Button, IconButton, Tab, Tabs, Toolbar, Tooltip, Typography } from '@mui/material';
import { lazy, useCallback, useEffect, useMemo, useState } from 'react';
import type { AppInfo } from '../../../shared/api/app';
import { api } from '../api/client';
import { onShowOperationInAudit } from '../state/audit-focus';
import { LoadBoundary } from '../components/LoadBoundary';
import { TabWrap } from '../components/TabWrap';
import { DragAndDrop } from '../features/inventory/drag-and-drop';
import { InventoryPanel } from '../features/inventory/InventoryPanel';
import type { ItemActions } from '../features/inventory/ItemMenu';
import { MaintenancePanel } from '../features/maintenance/MaintenancePanel';
import { ConfirmExitDialog } from '../features/maintenance/ConfirmExitDialog';
import { exitMaintenance } from '../features/maintenance/exit-maintenance';
import { GlobalSearch } from '../features/search/GlobalSearch';
import { SettingsDialog } from '../features/settings/SettingsDialog';
import { StatusBar } from '../features/status/StatusBar';
import { SummaryView } from '../features/summary/SummaryView';
import { VmHistory } from '../features/summary/VmHistory';
import { RecentTasksPane } from '../features/tasks/RecentTasksPane';
import { TasksView } from '../features/tasks/TasksView';
import { openTask } from '../features/tasks/opened-task';
import { VmListView } from '../features/vms/VmListView';
import { currentInventory, startInventory, useInventorySelector } from '../state/inventory-store';
import { NoticeProvider, NoticeSlot, useNotify } from '../state/notices';
import { oneOf, usePersistedState } from '../state/persisted';
import { SelectionProvider, useSelection } from '../state/selection';
import { expectTasks, startTasks } from '../state/tasks-store';
import { WizardContext, type WizardStart } from '../state/wizard-opener';
import { InventoryNav } from './InventoryNav';
import { ThemeMenu } from './ThemeMenu';

// Loaded when first shown: the first tree an admin can click waits only for what it needs.
const AuditView = lazy(() => import('../features/audit/AuditView').then((m) => ({ default: m.AuditView })));
const HostsDialog = lazy(() => import('../features/hosts/HostsDialog').then((m) => ({ default: m.HostsDialog })));
const RecommendationsView = lazy(() =>
  import('../features/recommendations/RecommendationsView').then((m) => ({ default: m.RecommendationsView })),
);
const SchedulesView = lazy(() => import('../features/schedules/SchedulesView').then((m) => ({ default: m.SchedulesView })));
const MigrationWizard = lazy(() => import('../features/wizard/MigrationWizard').then((m) => ({ default: m.MigrationWizard })));

type TabName = 'summary' | 'vms' | 'tasks' | 'scheduled' | 'audit' | 'recommendations';
const tabLabels: Record<TabName, string> = {
  summary: 'Summary',
  vms: 'VMs',
  tasks: 'Tasks',
  scheduled: 'Scheduled',
  audit: 'Audit',
  recommendations: 'Recommendations',
};
const isTab = oneOf<TabName>('summary', 'vms', 'tasks', 'scheduled', 'audit', 'recommendations');

/** The selected host's maintenance panel: it alone follows that host's metrics. */
function HostMaintenance({ hostId, planOpen, onPlanOpen }: { hostId: string; planOpen: boolean; onPlanOpen: (open: boolean) => void }) {
  const host = useInventorySelector((s) => s.hosts.get(hostId));
  return host ? <MaintenancePanel host={host} planOpen={planOpen} onPlanOpen={onPlanOpen} /> : null;
}

function Console({ info }: { info: AppInfo | null }) {
  const [tab, setTab] = usePersistedState<TabName>('tab', 'summary', isTab);
  const [wizard, setWizard] = useState<WizardStart | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [hostsOpen, setHostsOpen] = useState(false);
  const [planFor, setPlanFor] = useState<string | null>(null);
  const [exitFor, setExitFor] = useState<{ id: string; name: string } | null>(null);
  const notify = useNotify();
  const { select } = useSelection();
  // Only the status here: the whole console must not re-render at every metrics update (every 2 s).
  const status = useInventorySelector((s) => s.status);
  useEffect(() => {
    // The readiness signal end-to-end tests wait for, instead of sleeping.
    if (status !== 'loading') document.body.dataset.ready = 'true';
  }, [status]);
  // A drop opens the wizard: its code is fetched once the console is idle, not on the first drop.
  useEffect(() => {
    if (status !== 'ready') return;
    const idle = requestIdleCallback(() => void import('../features/wizard/MigrationWizard').catch(() => undefined), { timeout: 5000 });
    return () => cancelIdleCallback(idle);
  }, [status]);

  // "Show in the audit trail" links (a maintenance operation) open the Audit view scoped to it.
  useEffect(() => onShowOperationInAudit(() => setTab('audit')), [setTab]);
  // One request holds at most maxBatchVms VMs: a larger selection (Ctrl+A in the VM list) is told so, not drawn as a wizard of 40,000 rows.
  const openWizard = useCallback(
    (start: WizardStart) => {
      if (start.vmIds.length <= maxBatchVms) return setWizard(start);
      notify({
        level: 'warning',
        title: `A migration moves at most ${maxBatchVms} VMs at once`,
        body: `${start.vmIds.length.toLocaleString('en-US')} are selected: select fewer, or move them in several batches.`,
      });
    },
    [notify],
  );
  const showSummary = useCallback(() => setTab('summary'), [setTab]);
  const actions: ItemActions = useMemo(
    () => ({
      // One known VM's Migrate… (tree, Summary) opens on Destination, as the VM list row's does (new-user review);
      // a storage move has no host to choose, so it starts from the first step.
      migrate: (vmId, type) => setWizard({ vmIds: [vmId], type, ...(type === 'compute' ? { at: 'destination' as const } : {}) }),
      moveTo: (vmIds) => openWizard({ vmIds, type: 'compute', at: 'destination' }),
      // A host's VMs open on the first step, where the admin sees them and may leave some behind.
      migrateVms: (vmIds) => openWizard({ vmIds, type: 'compute' }),
      show: (item) => {
        select(item);
        setTab('summary');
      },
      addHost: () => setHostsOpen(true),
      history: (vmId) => {
        select({ kind: 'vm', id: vmId });
        setTab('summary');
      },
      maintenance: (hostId, enter) => {
        if (!enter) {
          const host = currentInventory().hosts.get(hostId);
          // Still entering: leaving cancels moves under way, so it is asked first (as in the panel).
          if (host?.maintenance === 'entering') setExitFor({ id: hostId, name: host.name });
          else void exitMaintenance(hostId, host?.name ?? hostId, notify);
          return;
        }
        select({ kind: 'host', id: hostId });
        setPlanFor(hostId);
        setTab('summary');
      },
      recommendations: () => setTab('recommendations'),
    }),
    [select, notify, setTab, openWizard],
  );
  const summaryExtra = (kind: string, id: string) => {
    if (kind === 'vm') return <VmHistory vmId={id} />;
    return kind === 'host' ? (
      <HostMaintenance hostId={id} planOpen={planFor === id} onPlanOpen={(open) => setPlanFor(open ? id : null)} />
    ) : null;
  };

  return (
    <WizardContext.Provider value={openWizard}>
      <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
        <AppBar position="static" color="default" elevation={1}>
          <Toolbar variant="dense" sx={{ gap: 2 }}>
            <Typography variant="h6" component="h1" sx={{ fontWeight: 700 }}>
              Ferry
            </Typography>
            {/* One line whatever the operator's name: a long one ends in "…" (whole in its title). */}
            <Typography variant="body2" color="text.secondary" noWrap title={info?.actor} sx={{ flex: 1, minWidth: 0 }}>
              {info ? `${info.actor} · ${info.shell === 'browser' ? 'browser console' : 'desktop'}` : ''}
            </Typography>
            <GlobalSearch onShowSummary={() => setTab('summary')} onShowVmList={() => setTab('vms')} />
            <Button variant="outlined" size="small" onClick={() => setHostsOpen(true)}>
              Hosts…
            </Button>
            <ThemeMenu />
            <Tooltip title="Settings">
              <IconButton aria-label="Settings" onClick={() => setSettingsOpen(true)}>
                <SettingsIcon />
              </IconButton>
            </Tooltip>
          </Toolbar>
        </AppBar>
        <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
          <InventoryNav>
            {/* Only the tree drags and drops: every change of a drag's state walks the components under it. */}
            <DragAndDrop>
              <InventoryPanel actions={actions} />
            </DragAndDrop>
          </InventoryNav>
          <Box component="main" sx={{ flex: 1, display: 'flex', flexDirection: 'column', minWidth: 0 }}>
            <Tabs value={tab} onChange={(_e, v: TabName) => setTab(v)} sx={{ borderBottom: 1, borderColor: 'divider' }}>
              <Tab value="summary" label="Summary" />
              <Tab value="vms" label="VMs" />
              <Tab value="tasks" label="Tasks" />
              <Tab value="scheduled" label="Scheduled" />
              <Tab value="audit" label="Audit" />
              <Tab value="recommendations" label="Recommendations" />
            </Tabs>
            <Box sx={{ flex: 1, overflow: 'auto', minHeight: 0 }}>
              <LoadBoundary key={tab} what={`the ${tabLabels[tab]} view`}>
                {tab === 'summary' && (
                  <SummaryView extra={(kind, id) => summaryExtra(kind, id)} onMigrate={(vmId) => actions.migrate(vmId, 'compute')} />
                )}
                {tab === 'vms' && <VmListView onShowSummary={showSummary} />}
                {tab === 'tasks' && <TasksView />}
                {tab === 'scheduled' && <SchedulesView />}
                {tab === 'audit' && <AuditView />}
                {tab === 'recommendations' && <RecommendationsView onEvacuate={(hostId) => actions.maintenance(hostId, true)} />}
              </LoadBoundary>
            </Box>
          </Box>
        </Box>
        <Box sx={{ flexShrink: 0 }}>
          <NoticeSlot />
          {/* vCenter lists recent tasks once: the full Tasks view has every row the pane would repeat, and its
              room goes to the view's rows and the opened task's details (new-user review of issue 14, 8). */}
          {tab !== 'tasks' && <RecentTasksPane onOpen={() => setTab('tasks')} />}
          <StatusBar />
        </Box>
      </Box>
      <LoadBoundary what="the migration wizard or the hosts dialog" floating>
        {wizard && (
          <MigrationWizard
            start={wizard}
            onClose={() => setWizard(null)}
            onStarted={(taskIds) => {
              expectTasks(taskIds);
              // The Tasks view shows the new moves at its top, not the details of one opened before (new-user review 11, 4).
              openTask(null);
              setWizard(null);
              setTab('tasks');
            }}
          />
        )}
        <SettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
        {hostsOpen && <HostsDialog onClose={() => setHostsOpen(false)} />}
        {exitFor && (
          <ConfirmExitDialog
            hostId={exitFor.id}
            hostName={exitFor.name}
            onLeave={() => void exitMaintenance(exitFor.id, exitFor.name, notify)}
            onClose={() => setExitFor(null)}
          />
        )}
      </LoadBoundary>
    </WizardContext.Provider>
  );
}

export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    startInventory();
    startTasks();
    const loadInfo = () => api.invoke('app.info', {}).then(setInfo, () => setInfo(null));
    loadInfo();
    // The header names the operator: a new name shows at once, in every open console.
    return api.on('settings.changed', () => void loadInfo());
  }, []);
  return (
    <NoticeProvider shell={info?.shell ?? null}>
      <SelectionProvider>
        <TabWrap>
          <Console info={info} />
        </TabWrap>
      </SelectionProvider>
    </NoticeProvider>
  );
}
