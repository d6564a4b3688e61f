import { Button, Stack, Typography } from '@mui/material';
import type { Vm } from '../../../../shared/model/inventory';
import { vmMove } from '../../components/vm-move-words';

/**
 * The VM's "Migrate…" where its facts are read, as vCenter's Summary offers it (new-user review 12,
 * 14): the wizard the tree's Migrate… opens, with the same note when it moves cold or cannot move.
 */
export function VmMigrateButton({ vm, onMigrate }: { vm: Vm; onMigrate: (vmId: string) => void }) {
  const { movable, note } = vmMove(vm);
  const noteId = `migrate-note-${vm.id}`;
  return (
    <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', mb: 1.5 }}>
      <Button
        variant="outlined"
        size="small"
        disabled={!movable}
        aria-describedby={note ? noteId : undefined}
        onClick={() => onMigrate(vm.id)}
      >
        Migrate…
      </Button>
      {note && (
        <Typography id={noteId} variant="body2" color="text.secondary">
          {note}
        </Typography>
      )}
    </Stack>
  );
}
