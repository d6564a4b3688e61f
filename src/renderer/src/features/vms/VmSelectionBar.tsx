import { Button, Stack, Typography } from '@mui/material';
import { maxBatchVms } from '../../../../shared/model/migration';
import { counted } from '../../components/plural';
import { selectedWords } from './vm-selection';

interface Props {
  count: number;
  /** Whether filters hide some of the VMs in scope: then the bar says hidden VMs are not selected. */
  filtered: boolean;
  onMigrate: () => void;
  onClear: () => void;
}

/**
 * What the list's selection holds and what it does: "3 selected", "Migrate 3 VMs…" (the batch wizard,
 * as the tree's "Move 3 VMs to…"). Always in place, so a first click does not push the rows down under the pointer.
 */
export function VmSelectionBar({ count, filtered, onMigrate, onClear }: Props) {
  const overLimit = count > maxBatchVms;
  return (
    // Its minHeight replaces a flex item's own minimum (its content): it would shrink to 32 px when a notice takes height
    // from the view, and the grid slide over its second line, the reason (new-user review 16, 6). The rows give way instead.
    <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', minHeight: 32, flexShrink: 0 }}>
      <Typography
        variant="body2"
        role="status"
        aria-label="Selected virtual machines"
        color={count > 0 ? 'text.primary' : 'text.secondary'}
      >
        {selectedWords(count)}
      </Typography>
      <Button
        size="small"
        variant="contained"
        disabled={count === 0 || overLimit}
        onClick={onMigrate}
        aria-describedby={overLimit ? 'vm-selection-over-limit' : undefined}
      >
        {count === 0 ? 'Migrate VMs…' : `Migrate ${counted(count, 'VM')}…`}
      </Button>
      <Button size="small" disabled={count === 0} onClick={onClear} title="Esc">
        Clear selection
      </Button>
      {/* Said where the admin looks, not only in a passing notice: "Migrate 40,000 VMs…" seemed to do nothing (new-user review 15, 2). */}
      {overLimit && (
        <Typography id="vm-selection-over-limit" variant="body2" color="warning.main">
          A migration moves at most {maxBatchVms} VMs at once: select fewer, or move them in several batches.
        </Typography>
      )}
      {filtered && count > 0 && (
        <Typography variant="body2" color="text.secondary">
          VMs the filters hide are left out of the selection.
        </Typography>
      )}
    </Stack>
  );
}
