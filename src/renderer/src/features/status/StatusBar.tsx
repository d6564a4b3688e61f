import { Box, Stack, Typography } from '@mui/material';
import type { Host } from '../../../../shared/model/inventory';
import type { MaintenanceProgress } from '../../../../shared/model/operations';
import { useInventorySelector } from '../../state/inventory-store';
import { maintenanceStage, useMaintenanceStatuses } from '../../state/maintenance-store';
import { useTasks } from '../../state/tasks-store';
import { agrees, counted } from '../../components/plural';
import { ConnectionNotice } from './ConnectionNotice';

/** Always-visible counts: what runs, what waits, and hosts needing attention. */
export function StatusBar() {
  const { tasks } = useTasks();
  // Counts and words only: the bar re-renders when what it says changes, not at every metrics update.
  const hostCount = useInventorySelector((s) => s.hosts.size);
  const vmCount = useInventorySelector((s) => s.vms.size);
  // Counts that look real before the inventory arrived read "0 hosts, 0 VMs" (new-user review 17, 8).
  const loading = useInventorySelector((s) => s.status === 'loading');
  const attention = useInventorySelector((s) => needingAttention(s.hosts));
  const statuses = useMaintenanceStatuses();
  const maintenance = useInventorySelector((s) => maintenanceWords(s.hosts, statuses));
  let running = 0;
  let queued = 0;
  for (const t of tasks.values()) {
    if (t.state === 'running') running += 1;
    if (t.state === 'queued') queued += 1;
  }
  return (
    <Box
      component="footer"
      role="status"
      aria-label="Status"
      sx={{ borderTop: 1, borderColor: 'divider', px: 2, py: 0.5, bgcolor: 'background.paper' }}
    >
      {/* One line: the counters keep their room and never wrap; the connection notice gives way (review 5, 13). */}
      <Stack
        direction="row"
        spacing={3}
        sx={{ whiteSpace: 'nowrap', '& > *': { flexShrink: 0 }, '& > .connection-notice': { flexShrink: 1, minWidth: 0 } }}
      >
        <ConnectionNotice />
        <Typography variant="caption" data-testid="running-count">
          {running} running
        </Typography>
        <Typography variant="caption" data-testid="queued-count">
          {queued} queued
        </Typography>
        <Typography variant="caption">
          {loading ? 'Loading inventory…' : `${counted(hostCount, 'host')}, ${counted(vmCount, 'VM')}`}
        </Typography>
        {maintenance && (
          <Typography variant="caption" color="warning.main" data-testid="maintenance-status">
            {maintenance}
          </Typography>
        )}
        {attention > 0 && (
          <Typography variant="caption" color="error.main">
            {counted(attention, 'host')} {agrees(attention, 'needs', 'need')} attention
          </Typography>
        )}
      </Stack>
    </Box>
  );
}

const hostsWord = (n: number) => `${n} host${n === 1 ? '' : 's'}`;

const needingAttention = (hosts: ReadonlyMap<string, Host>): number => {
  let count = 0;
  for (const h of hosts.values()) if (h.health !== 'ok' || h.connection !== 'connected') count += 1;
  return count;
};

/** Hosts by maintenance stage, in the panel's words: entering, cannot finish entering, in maintenance. */
function maintenanceWords(hosts: ReadonlyMap<string, Host>, statuses: ReadonlyMap<string, MaintenanceProgress>): string | null {
  const count = { entering: 0, 'cannot-finish': 0, on: 0, off: 0 };
  for (const host of hosts.values()) count[maintenanceStage(host, statuses.get(host.id))] += 1;
  const words = [
    count.entering > 0 ? `${hostsWord(count.entering)} entering maintenance` : null,
    count['cannot-finish'] > 0 ? `${hostsWord(count['cannot-finish'])} cannot finish entering maintenance (VMs cannot move)` : null,
    count.on > 0 ? `${hostsWord(count.on)} in maintenance` : null,
  ].filter((w) => w !== null);
  return words.length > 0 ? words.join(', ') : null;
}
