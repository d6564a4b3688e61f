import { Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { useState } from 'react';
import { api } from '../../api/client';
import { useCommand, useReloadOn } from '../../api/use-command';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useInventory } from '../../state/inventory-store';
import { useMaintenance } from '../../state/maintenance-store';
import { useNotify } from '../../state/notices';
import { CannotMoveList } from './CannotMoveList';
import { PlannedMovesTable } from './PlannedMovesTable';
import { failbackWords } from './plan-words';

/** Moving back what a maintenance moved, for confirmation: mission-critical first. */
export function FailbackPlanDialog({ hostId, hostName, onClose }: { hostId: string; hostName: string; onClose(): void }) {
  const plan = useCommand('maintenance.failbackPlan', { hostId });
  // A power-off under way changes the plan: the host's progress says when.
  useReloadOn(JSON.stringify(useMaintenance(hostId)), plan.reload);
  const inv = useInventory();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await api.invoke('maintenance.failback', { hostId });
      notify({ level: 'info', title: `Moving VMs back to ${hostName}`, body: 'The Tasks view shows each move.' });
      onClose();
    } catch (error) {
      notify({ level: 'error', title: `Could not move the VMs back to ${hostName}`, error });
    } finally {
      setBusy(false);
    }
  };
  const fromOf = (vmId: string) => inv.hosts.get(inv.vms.get(vmId)?.hostId ?? '')?.name ?? '';
  const p = plan.data;
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="failback-title">
      <DialogTitle id="failback-title">Move back to {hostName}</DialogTitle>
      <DialogContent dividers>
        {plan.loading && !plan.data && <CircularProgress size={18} />}
        {plan.error && <ErrorAlert title="Could not plan the failback" error={plan.error} />}
        {p && (
          <>
            <Typography gutterBottom>{failbackWords(p.moves.length, p.makespanMs)}</Typography>
            <PlannedMovesTable label="Failback moves" moves={p.moves} fromOf={fromOf} />
            <CannotMoveList hostId={hostId} blocked={p.blocked} back onChanged={plan.reload} />
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" disabled={!p || p.moves.length === 0 || busy} onClick={() => void confirm()}>
          Move them back
        </Button>
      </DialogActions>
    </Dialog>
  );
}
