import { TextField } from '@mui/material';
import type { PlannedMove, StoreChoice } from '../../../../shared/model/operations';
import { useInventorySelector } from '../../state/inventory-store';
import { storeChoiceWords } from './store-choice-words';

/** Which of the home host's datastores takes a VM's disks on a failback (issue #14): the admin's to change. */
export function StoreChoiceSelect({
  move,
  choice,
  onChoose,
}: {
  move: PlannedMove;
  choice: StoreChoice;
  onChoose(vmId: string, datastoreId: string): void;
}) {
  const diskCount = useInventorySelector((inv) => inv.vms.get(move.vmId)?.disks.length ?? 1);
  return (
    <TextField
      select
      size="small"
      variant="standard"
      value={choice.selectedId}
      onChange={(e) => onChoose(move.vmId, e.target.value)}
      // Named for screen readers (and tests): the table's "How" column says it to the eye.
      slotProps={{ select: { native: true }, htmlInput: { 'aria-label': `Datastore for ${move.vmName}'s disks` } }}
    >
      {choice.choices.map((c) => (
        <option key={c.datastoreId} value={c.datastoreId}>
          {storeChoiceWords(c, diskCount)}
        </option>
      ))}
    </TextField>
  );
}
