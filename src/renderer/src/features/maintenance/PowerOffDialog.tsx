import { Button, Checkbox, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, FormControlLabel } from '@mui/material';
import { useState } from 'react';
import { afterPowerOffWords, coldDowntimeWords } from './plan-words';

export type PowerOffStep = 'shutdown' | 'force';

/**
 * The admin's confirmation before Ferry stops a running VM to move it cold. The first step asks
 * the guest to shut down; the second, offered only after that timed out, pulls the plug. The VM
 * stays powered off at its destination unless the admin asks (as vCenter's "power off and migrate").
 */
export function PowerOffDialog(props: {
  vmName: string;
  /** The hosts that take it once off: the dialog says where it goes. */
  coldHostNames?: string[] | undefined;
  step: PowerOffStep;
  /** A failback's: it moves back to its home host (the one name in `coldHostNames`). */
  back?: boolean;
  onConfirm: (powerOnAfter: boolean) => void;
  onClose: () => void;
}) {
  const [powerOnAfter, setPowerOnAfter] = useState(false);
  const force = props.step === 'force';
  const cold = props.back ? 'back cold' : 'cold';
  return (
    <Dialog open onClose={props.onClose} aria-labelledby="power-off-title">
      <DialogTitle id="power-off-title">
        {force ? `Force ${props.vmName} off and move it ${cold}?` : `Shut down ${props.vmName} and move it ${cold}?`}
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          {force
            ? `${props.vmName} did not shut down. A forced power off is like pulling its plug: the guest loses whatever it has not written to disk, and what it serves stops at once.`
            : `This stops a running service: ${props.vmName} and what it serves are unavailable until it is powered on again. Ferry asks the guest to shut down (its guest agent, else the ACPI power button) and waits up to 2 minutes; a guest that does not shut down keeps running where it is and nothing moves.`}
        </DialogContentText>
        <DialogContentText sx={{ mt: 1 }}>{coldDowntimeWords(props.back)}</DialogContentText>
        <DialogContentText sx={{ mt: 1 }}>{afterPowerOffWords(props.coldHostNames, props.back)}</DialogContentText>
        <FormControlLabel
          control={<Checkbox checked={powerOnAfter} onChange={(e) => setPowerOnAfter(e.target.checked)} />}
          label="Power it on at its destination"
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} autoFocus>
          Cancel
        </Button>
        <Button color={force ? 'error' : 'warning'} variant="contained" onClick={() => props.onConfirm(powerOnAfter)}>
          {force ? 'Force power off and move' : 'Shut down and move'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
