import { Box, Stack, Typography } from '@mui/material';
import { useInventory } from '../../state/inventory-store';
import { maintenanceStage, useMaintenanceStatuses } from '../../state/maintenance-store';
import { useTasks } from '../../state/tasks-store';
import { agrees, counted } from '../../components/plural';

/** Always-visible counts: what runs, what waits, and hosts needing attention. */
export function StatusBar() {
  const { tasks } = useTasks();
  const inv = useInventory();
  let running = 0;
  let queued = 0;
  for (const t of tasks.values()) {
    if (t.state === 'running') running += 1;
    if (t.state === 'queued') queued += 1;
  }
  const attention = [...inv.hosts.values()].filter((h) => h.health !== 'ok' || h.connection !== 'connected').length;
  const maintenance = useMaintenanceWords();
  return (
    <Box
      component="footer"
      role="status"
      aria-label="Status"
      sx={{ borderTop: 1, borderColor: 'divider', px: 2, py: 0.5, bgcolor: 'background.paper' }}
    >
      <Stack direction="row" spacing={3}>
        <Typography variant="caption" data-testid="running-count">
          {running} running
        </Typography>
        <Typography variant="caption" data-testid="queued-count">
          {queued} queued
        </Typography>
        <Typography variant="caption">
          {counted(inv.hosts.size, 'host')}, {counted(inv.vms.size, 'VM')}
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

const hosts = (n: number) => `${n} host${n === 1 ? '' : 's'}`;

/** Hosts by maintenance stage, in the panel's words: entering, cannot finish entering, in maintenance. */
function useMaintenanceWords(): string | null {
  const inv = useInventory();
  const statuses = useMaintenanceStatuses();
  const count = { entering: 0, 'cannot-finish': 0, on: 0, off: 0 };
  for (const host of inv.hosts.values()) count[maintenanceStage(host, statuses.get(host.id))] += 1;
  const words = [
    count.entering > 0 ? `${hosts(count.entering)} entering maintenance` : null,
    count['cannot-finish'] > 0 ? `${hosts(count['cannot-finish'])} cannot finish entering maintenance (VMs cannot move)` : null,
    count.on > 0 ? `${hosts(count.on)} in maintenance` : null,
  ].filter((w) => w !== null);
  return words.length > 0 ? words.join(', ') : null;
}
