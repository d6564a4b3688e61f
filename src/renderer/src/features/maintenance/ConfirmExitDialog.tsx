import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';

/**
 * Leaving a host's maintenance while it is still entering undoes work under way: asked first
 * (review 5), with what happens to each kind of move, since the moves it cancels roll back at once.
 */
export function ConfirmExitDialog({ hostName, onLeave, onClose }: { hostName: string; onLeave: () => void; onClose: () => void }) {
  return (
    <Dialog open onClose={onClose} aria-labelledby="confirm-exit-title">
      <DialogTitle id="confirm-exit-title">Leave maintenance of {hostName} while it is entering?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          Moves off {hostName} that have not switched over are cancelled and rolled back: those VMs stay on {hostName}. Moves past the point
          of no return finish. VMs already moved stay where they are; you can move them back afterwards.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          Keep entering
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
