import {
  Alert,
  AlertTitle,
  Button,
  Chip,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { api } from '../../api/client';
import { useCommand } from '../../api/use-command';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDuration } from '../../components/format';
import { useNotify } from '../../state/notices';

/** The evacuation plan, for confirmation: every move with its estimated timing, and what cannot move. */
export function EvacuationPlanDialog({ hostId, hostName, onClose }: { hostId: string; hostName: string; onClose(): void }) {
  const plan = useCommand('maintenance.plan', { hostId });
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await api.invoke('maintenance.enter', { hostId });
      notify({
        level: 'info',
        title: `${hostName} is entering maintenance`,
        body: 'Its VMs are moving; the host summary shows the progress.',
      });
      onClose();
    } catch (error) {
      notify({ level: 'error', title: `${hostName} cannot enter maintenance`, error });
    } finally {
      setBusy(false);
    }
  };
  const p = plan.data;
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="plan-title">
      <DialogTitle id="plan-title">Enter maintenance mode: {hostName}</DialogTitle>
      <DialogContent dividers>
        {plan.loading && <CircularProgress size={18} />}
        {plan.error && <ErrorAlert title="Could not plan the evacuation" error={plan.error} />}
        {p && (
          <>
            <Typography gutterBottom>
              {p.moves.length} VM{p.moves.length === 1 ? '' : 's'} will move, mission-critical first, overlapped as the cost caps allow:
              about {formatDuration(p.makespanMs)} in all
              {p.lowerBoundMs > 0 ? ` (the migration link alone needs at least ${formatDuration(p.lowerBoundMs)})` : ''}. The host is in
              maintenance once no VM runs on it.
            </Typography>
            {p.moves.length > 0 && (
              <Table size="small" aria-label="Planned moves">
                <TableHead>
                  <TableRow>
                    <TableCell>VM</TableCell>
                    <TableCell>To</TableCell>
                    <TableCell>Starts</TableCell>
                    <TableCell>Ends</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {p.moves.map((m) => (
                    <TableRow key={m.vmId}>
                      <TableCell>
                        {m.vmName} {m.missionCritical && <Chip size="small" color="secondary" label="mission-critical" />}
                      </TableCell>
                      <TableCell>{m.destHostName}</TableCell>
                      <TableCell>+{formatDuration(m.startMs)}</TableCell>
                      <TableCell>+{formatDuration(m.endMs)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
            {p.blocked.map((b) => (
              <Alert key={b.vmId} severity="warning" sx={{ mt: 1 }}>
                <AlertTitle>
                  {b.vmName} cannot move: {b.reasons[0]?.message}
                </AlertTitle>
                Options: {b.options.join('; ')}.
              </Alert>
            ))}
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" disabled={!p || busy} onClick={() => void confirm()}>
          Enter maintenance mode
        </Button>
      </DialogActions>
    </Dialog>
  );
}
