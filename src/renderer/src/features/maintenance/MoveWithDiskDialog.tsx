import { Alert, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useCommand } from '../../api/use-command';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useInventorySelector } from '../../state/inventory-store';
import { moveWithDiskTitle, moveWithDiskWords } from './move-with-disk-words';

// The plan "Move with its disk" runs (maintenance.moveBlocked plans the host so): where it goes and how long.
const asMoved = { withLocalDisks: true, poweredOff: true } as const;

/**
 * The admin's confirmation before Ferry copies a VM's disk over the network to move it off a host
 * entering maintenance: a long, heavy copy, asked first as "Power off and move cold…" is (new-user
 * review 12, 12a). Cancel is the default.
 */
export function MoveWithDiskDialog(props: { hostId: string; vmId: string; vmName: string; onConfirm: () => void; onClose: () => void }) {
  const plan = useCommand('maintenance.plan', { hostId: props.hostId, options: asMoved });
  const vm = useInventorySelector((s) => s.vms.get(props.vmId));
  const hostName = useInventorySelector((s) => s.hosts.get(props.hostId)?.name ?? props.hostId);
  const move = plan.data?.moves.find((m) => m.vmId === props.vmId) ?? null;
  const refusal =
    plan.data && !move ? (plan.data.blocked.find((b) => b.vmId === props.vmId)?.reasons[0]?.message ?? 'no host takes it') : null;
  const words = {
    vmName: props.vmName,
    hostName,
    diskBytes: vm?.disks.reduce((sum, d) => sum + d.allocatedBytes, 0) ?? 0,
    diskCount: vm?.disks.length ?? 1,
    destHostName: move?.destHostName ?? null,
    destDatastoreName: move?.destDatastoreName ?? null,
    durationMs: move ? move.endMs - move.startMs : null,
  };
  return (
    <Dialog open onClose={props.onClose} aria-labelledby="move-with-disk-title">
      <DialogTitle id="move-with-disk-title">{moveWithDiskTitle(words)}</DialogTitle>
      <DialogContent>
        {plan.loading && <CircularProgress size={18} aria-label="Planning the move" />}
        {plan.error && <ErrorAlert title={`Could not plan the move of ${props.vmName}`} error={plan.error} />}
        {refusal && (
          <Alert severity="warning" sx={{ mb: 1 }}>
            {props.vmName} cannot move with its disk now: {refusal}
          </Alert>
        )}
        {moveWithDiskWords(words).map((line, i) => (
          <DialogContentText key={i} sx={{ mt: i === 0 ? 0 : 1 }}>
            {line}
          </DialogContentText>
        ))}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} autoFocus>
          Cancel
        </Button>
        <Button variant="contained" disabled={!move} onClick={props.onConfirm}>
          Copy the disk and move
        </Button>
      </DialogActions>
    </Dialog>
  );
}
