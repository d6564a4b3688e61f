import {
  Alert,
  AlertTitle,
  Button,
  Checkbox,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  FormGroup,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import type { EvacuationOptions } from '../../../../shared/model/operations';
import { FerryError } from '../../../../shared/api/errors';
import { api } from '../../api/client';
import { useCommand } from '../../api/use-command';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDuration } from '../../components/format';
import { useNotify } from '../../state/notices';
import { PlannedIncomingAlert } from './IncomingMoves';
import { MoveWarnings, PlannedMovesTable } from './PlannedMovesTable';
import { inMaintenanceWords, leavingAlreadyWords, poweredOffStayingWords } from './plan-words';

/** The evacuation plan, for confirmation: every move with its estimated timing, and what cannot move. */
export function EvacuationPlanDialog({ hostId, hostName, onClose }: { hostId: string; hostName: string; onClose(): void }) {
  const [options, setOptions] = useState<EvacuationOptions>({ withLocalDisks: false, poweredOff: false });
  const plan = useCommand('maintenance.plan', { hostId, options });
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  // What was shown is what runs: a plan that changed meanwhile is refused, and the new one shown to confirm.
  const [changed, setChanged] = useState(false);
  const confirm = async () => {
    const confirmed = plan.data?.moves.map((m) => m.vmId) ?? [];
    setBusy(true);
    try {
      await api.invoke('maintenance.enter', { hostId, options, confirmed });
      notify({
        level: 'info',
        title: `${hostName} is entering maintenance`,
        body: 'Its VMs are moving; the host summary shows the progress.',
      });
      onClose();
    } catch (error) {
      if (error instanceof FerryError && error.code === 'CONFLICT') {
        setChanged(true);
        plan.reload();
        return;
      }
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
        <FormGroup row sx={{ mb: 1 }}>
          <FormControlLabel
            control={
              <Checkbox checked={options.withLocalDisks} onChange={(e) => setOptions({ ...options, withLocalDisks: e.target.checked })} />
            }
            label="Move local-disk VMs with their disks (shared-nothing)"
          />
          <FormControlLabel
            control={<Checkbox checked={options.poweredOff} onChange={(e) => setOptions({ ...options, poweredOff: e.target.checked })} />}
            label="Move powered-off VMs cold"
          />
        </FormGroup>
        {changed && (
          <Alert severity="warning" sx={{ mb: 1 }} role="alert">
            The plan changed while it was shown (a move landed or a host filled up). Here is the new plan: check it and confirm again.
          </Alert>
        )}
        {plan.loading && <CircularProgress size={18} />}
        {plan.error && <ErrorAlert title="Could not plan the evacuation" error={plan.error} />}
        {p && (
          <>
            <Typography gutterBottom>
              {p.moves.length} VM{p.moves.length === 1 ? '' : 's'} will move, mission-critical first, overlapped as the cost caps allow:
              about {formatDuration(p.makespanMs)} in all
              {p.lowerBoundMs > 0 ? ` (the migration link alone needs at least ${formatDuration(p.lowerBoundMs)})` : ''}.{' '}
              {inMaintenanceWords(p.blocked.length, p.poweredOffStaying.length)}
            </Typography>
            {p.moves.length > 0 && <PlannedMovesTable label="Planned moves" moves={p.moves} />}
            <MoveWarnings moves={p.moves} />
            <PlannedIncomingAlert incoming={p.incoming ?? []} />
            {(p.leavingAlready ?? []).length > 0 && (
              <Alert severity="info" sx={{ mt: 1 }} data-testid="plan-leaving-already">
                <AlertTitle>{leavingAlreadyWords(p.leavingAlready?.length ?? 0)}</AlertTitle>
                {(p.leavingAlready ?? []).map((vm) => `${vm.vmName} → ${vm.toHostName}`).join(', ')}
              </Alert>
            )}
            {p.poweredOffStaying.length > 0 && (
              <Alert severity="info" sx={{ mt: 1 }} data-testid="plan-powered-off-staying">
                <AlertTitle>{poweredOffStayingWords(p.poweredOffStaying.length)}</AlertTitle>
                {p.poweredOffStaying.map((vm) => vm.vmName).join(', ')}
              </Alert>
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
