import { Alert, AlertTitle, Box, Button, LinearProgress, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import type { Host } from '../../../../shared/model/inventory';
import { api } from '../../api/client';
import { useNotify } from '../../state/notices';
import { EvacuationPlanDialog } from './EvacuationPlanDialog';
import { useMaintenance } from './maintenance-store';

/** A host's maintenance mode: enter (plan, confirm), watch the evacuation, leave. */
export function MaintenancePanel({ host, planOpen, onPlanOpen }: { host: Host; planOpen: boolean; onPlanOpen(open: boolean): void }) {
  const progress = useMaintenance(host.id);
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const exit = async () => {
    setBusy(true);
    await api
      .invoke('maintenance.exit', { hostId: host.id })
      .catch((error: unknown) => notify({ level: 'error', title: 'Could not leave maintenance', error }));
    setBusy(false);
  };
  return (
    <Box aria-label="Maintenance mode" role="region">
      <Typography variant="subtitle1" component="h3" gutterBottom>
        Maintenance mode
      </Typography>
      {host.maintenance === 'off' && (
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <Typography variant="body2" color="text.secondary">
            Off. Entering it moves every running VM away first.
          </Typography>
          <Button variant="outlined" onClick={() => onPlanOpen(true)}>
            Enter maintenance mode…
          </Button>
        </Stack>
      )}
      {host.maintenance !== 'off' && (
        <Stack spacing={1} sx={{ maxWidth: 720 }}>
          <Typography variant="body2" data-testid="maintenance-progress">
            {host.maintenance === 'on'
              ? 'In maintenance: no VM runs on this host.'
              : `Entering maintenance (${progress?.moved ?? 0} of ${progress?.total ?? 0} moved)`}
          </Typography>
          {host.maintenance === 'entering' && progress && progress.total > 0 && (
            <LinearProgress variant="determinate" value={(progress.moved / progress.total) * 100} aria-label="Evacuation progress" />
          )}
          {progress?.blocked.map((b) => (
            <Alert key={b.vmId} severity="warning">
              <AlertTitle>
                {b.vmName} cannot move: {b.reasons[0]?.message}
              </AlertTitle>
              {b.reasons[0]?.hint} Options: {b.options.join('; ')}.
            </Alert>
          ))}
          <Box>
            <Button variant="outlined" disabled={busy} onClick={() => void exit()}>
              Exit maintenance mode
            </Button>
          </Box>
        </Stack>
      )}
      {planOpen && <EvacuationPlanDialog hostId={host.id} hostName={host.name} onClose={() => onPlanOpen(false)} />}
    </Box>
  );
}
