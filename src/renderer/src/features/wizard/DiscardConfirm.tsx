import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';

/**
 * Asked when Escape or a click beside the wizard would close it with choices in it: Escape is also
 * how one closes a picker, and losing a filled form to it costs the admin every step again.
 */
export function DiscardConfirm({ onKeep, onDiscard }: { onKeep(): void; onDiscard(): void }) {
  return (
    <Dialog open role="alertdialog" onClose={onKeep} aria-labelledby="discard-title" aria-describedby="discard-text">
      <DialogTitle id="discard-title">Discard this migration?</DialogTitle>
      <DialogContent>
        <DialogContentText id="discard-text">
          What you chose in the wizard is lost; nothing has been started or scheduled.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onKeep} autoFocus>
          Keep editing
        </Button>
        <Button color="error" onClick={onDiscard}>
          Discard
        </Button>
      </DialogActions>
    </Dialog>
  );
}
