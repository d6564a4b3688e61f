import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useInventorySelector } from '../../state/inventory-store';

interface Props {
  hostId: string;
  hostName: string;
  onLeave: () => void;
  onClose: () => void;
}

/**
 * Leaving a host's maintenance while it is still entering undoes work under way: asked first
 * (review 5), with what happens to each kind of move, since the moves it cancels roll back at once.
 * The question follows the host: one that finished entering meanwhile is asked about as it is now
 * (new-user review 12, 11).
 */
export function ConfirmExitDialog({ hostId, hostName, onLeave, onClose }: Props) {
  // Finished entering while the admin was asked: then leaving cancels nothing.
  const entered = useInventorySelector((s) => s.hosts.get(hostId)?.maintenance === 'on');
  return (
    <Dialog open onClose={onClose} aria-labelledby="confirm-exit-title">
      <DialogTitle id="confirm-exit-title">
        {entered ? `${hostName} is now in maintenance: leave it?` : `Leave maintenance of ${hostName} while it is entering?`}
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          {entered
            ? `${hostName} finished entering maintenance while you were asked: leaving now cancels no move. Its VMs stay where they moved; you can move them back afterwards.`
            : `Moves off ${hostName} that have not switched over are cancelled and rolled back: those VMs stay on ${hostName}. Moves past the point of no return finish. VMs already moved stay where they are; you can move them back afterwards.`}
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          {entered ? 'Stay in maintenance' : 'Keep entering'}
        </Button>
        <Button
          color="warning"
          variant="contained"
          onClick={() => {
            onClose();
            onLeave();
          }}
        >
          Leave maintenance
        </Button>
      </DialogActions>
    </Dialog>
  );
}
