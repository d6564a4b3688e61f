import { Alert, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { useState } from 'react';
import { FerryError } from '../../../../shared/api/errors';
import { api } from '../../api/client';
import { useCommand, useReloadOn } from '../../api/use-command';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useInventory } from '../../state/inventory-store';
import { useMaintenance } from '../../state/maintenance-store';
import { useNotify } from '../../state/notices';
import { CannotMoveList } from './CannotMoveList';
import { PlannedMovesTable } from './PlannedMovesTable';
import { failbackWords } from './plan-words';
import { shownStores } from './shown-stores';

/** Moving back what a maintenance moved, for confirmation: mission-critical first; the admin chooses where disks go back. */
export function FailbackPlanDialog({ hostId, hostName, onClose }: { hostId: string; hostName: string; onClose(): void }) {
  // The stores the admin chose for disks going back, by VM: the plan shown is planned with them.
  const [datastores, setDatastores] = useState<Record<string, string>>({});
  const plan = useCommand('maintenance.failbackPlan', { hostId, datastores });
  // A power-off under way changes the plan: the host's progress says when.
  useReloadOn(JSON.stringify(useMaintenance(hostId)), plan.reload);
  const inv = useInventory();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  // What was shown is what runs: a plan that changed meanwhile is refused, and the new one shown to confirm.
  const [changed, setChanged] = useState(false);
  const confirm = async () => {
    const moves = plan.data?.moves ?? [];
    setBusy(true);
    try {
      await api.invoke('maintenance.failback', { hostId, datastores: shownStores(moves), confirmed: moves.map((m) => m.vmId) });
      notify({ level: 'info', title: `Moving VMs back to ${hostName}`, body: 'The Tasks view shows each move.' });
      onClose();
    } catch (error) {
      // Only the plan's change is shown again; another conflict (a failback already running) is told as it is.
      if (error instanceof FerryError && error.code === 'CONFLICT' && planChanged(error.details)) {
        setChanged(true);
        plan.reload();
        return;
      }
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
        {changed && (
          <Alert severity="warning" sx={{ mb: 1 }} role="alert">
            The plan changed while it was shown (a move landed or the host filled up). Here is the new plan: check it and confirm again.
          </Alert>
        )}
        {plan.loading && !plan.data && <CircularProgress size={18} />}
        {plan.error && <ErrorAlert title="Could not plan the failback" error={plan.error} />}
        {p && (
          <>
            <Typography gutterBottom>{failbackWords(p.moves.length, p.makespanMs)}</Typography>
            <PlannedMovesTable
              label="Failback moves"
              moves={p.moves}
              fromOf={fromOf}
              onChooseStore={(vmId, datastoreId) => setDatastores({ ...datastores, [vmId]: datastoreId })}
            />
            <CannotMoveList hostId={hostId} blocked={p.blocked} back onChanged={plan.reload} />
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" disabled={!p || plan.loading || p.moves.length === 0 || busy} onClick={() => void confirm()}>
          Move them back
        </Button>
      </DialogActions>
    </Dialog>
  );
}

const planChanged = (details: unknown): boolean =>
  typeof details === 'object' && details !== null && (details as { planChanged?: unknown }).planChanged === true;
