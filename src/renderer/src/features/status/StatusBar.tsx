import { Box, Stack, Typography } from '@mui/material';
import { useInventory } from '../../state/inventory-store';
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
  const maintenance = [...inv.hosts.values()].filter((h) => h.maintenance !== 'off').length;
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
        {maintenance > 0 && (
          <Typography variant="caption" color="warning.main">
            {maintenance} in maintenance
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
