import { Alert, Box, Button } from '@mui/material';
import { diskBoundWords } from '../disk-bound';
import { useCapabilities } from '../use-capabilities';
import type { StepProps } from './step-props';

/**
 * Above the Destination step's hosts, when a compute-only move finds no host for a VM only because
 * of where its disks are: says so, and switches to the move type that takes them along in one
 * click where the backend can (new-user review 12, 15).
 */
export function DiskBoundNote({ state, dispatch, ranking }: Pick<StepProps, 'state' | 'dispatch' | 'ranking'>) {
  const capabilities = useCapabilities(state.vmIds);
  if (state.type !== 'compute' || ranking.loading || ranking.heldByDisks.length === 0) return null;
  const canCopyDisks = capabilities?.sharedNothingMigration === true;
  return (
    <Alert severity="info" role="note" aria-label="Disks no host reaches" sx={{ mb: 1.5 }}>
      {diskBoundWords(ranking.heldByDisks, state.vmIds.length)}
      {capabilities && !canCopyDisks && ' Their hosts cannot copy disks during a move: move the disks to shared storage first.'}
      {/* Below the words, not as the alert's action: in the host list's column that action wrapped a word a line. */}
      {canCopyDisks && (
        <Box sx={{ mt: 1 }}>
          <Button variant="outlined" color="inherit" size="small" onClick={() => dispatch({ kind: 'type', type: 'both' })}>
            Switch to compute and storage
          </Button>
        </Box>
      )}
    </Alert>
  );
}
