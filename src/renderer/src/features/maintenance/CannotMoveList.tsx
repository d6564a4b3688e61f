import { Alert, AlertTitle, Button, List, ListItem, Stack } from '@mui/material';
import type { BlockedVm } from '../../../../shared/model/operations';
import { api } from '../../api/client';
import { useNotify } from '../../state/notices';

const actionLabel: Record<BlockedVm['actions'][number], string> = {
  'move-with-disk': 'Move with its disk',
  'power-off-and-move-cold': 'Power off and move cold',
};

/** The VMs an evacuation cannot move, each with its reason and what the admin can do about it. */
export function CannotMoveList({ hostId, blocked }: { hostId: string; blocked: BlockedVm[] }) {
  const notify = useNotify();
  const act = (vm: BlockedVm, action: BlockedVm['actions'][number]) =>
    api
      .invoke('maintenance.moveBlocked', { hostId, vmId: vm.vmId, action })
      .catch((error: unknown) => notify({ level: 'error', title: `${vm.vmName} did not move`, error }));
  if (blocked.length === 0) return null;
  return (
    <List aria-label="VMs that cannot move" disablePadding>
      {blocked.map((b) => (
        <ListItem key={b.vmId} disableGutters>
          <Alert severity="warning" sx={{ width: '100%' }}>
            <AlertTitle>
              {b.vmName} cannot move: {b.reasons[0]?.message}
            </AlertTitle>
            {b.reasons[0]?.hint} Options: {b.options.join('; ')}.
            {b.actions.length > 0 && (
              <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
                {b.actions.map((action) => (
                  <Button key={action} size="small" variant="outlined" onClick={() => void act(b, action)}>
                    {actionLabel[action]}
                  </Button>
                ))}
              </Stack>
            )}
          </Alert>
        </ListItem>
      ))}
    </List>
  );
}
