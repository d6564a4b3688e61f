import { Alert, AlertTitle, Button, LinearProgress, List, ListItem, Stack } from '@mui/material';
import { useState } from 'react';
import type { BlockedVm } from '../../../../shared/model/operations';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../state/notices';
import { PowerOffDialog, type PowerOffStep } from './PowerOffDialog';

const actionLabel: Record<BlockedVm['actions'][number], string> = {
  'move-with-disk': 'Move with its disk',
  'power-off-and-move-cold': 'Power off and move cold…',
  retry: 'Retry',
};

const underWay: Partial<Record<NonNullable<BlockedVm['powerOff']>['state'], string>> = {
  'shutting-down': 'Shutting the guest down…',
  'powering-off': 'Powering it off…',
};

/** The VMs an evacuation cannot move, each with its reason and what the admin can do about it. */
export function CannotMoveList({ hostId, blocked }: { hostId: string; blocked: BlockedVm[] }) {
  const notify = useNotify();
  const [asking, setAsking] = useState<{ vm: BlockedVm; step: PowerOffStep } | null>(null);
  const act = (vm: BlockedVm, action: BlockedVm['actions'][number], extra: { powerOnAfter?: boolean; force?: boolean } = {}) =>
    api
      .invoke('maintenance.moveBlocked', { hostId, vmId: vm.vmId, action, ...extra })
      .catch((error: unknown) => notify({ level: 'error', title: `${vm.vmName} did not move`, error }));
  if (blocked.length === 0) return null;
  return (
    <>
      <List aria-label="VMs that cannot move" disablePadding>
        {blocked.map((b) => {
          const busy = b.powerOff ? underWay[b.powerOff.state] : undefined;
          const failed = b.powerOff?.error ? b.powerOff : null;
          return (
            <ListItem key={b.vmId} disableGutters sx={{ flexDirection: 'column', alignItems: 'stretch', gap: 1 }}>
              <Alert severity="warning" sx={{ width: '100%' }}>
                <AlertTitle>
                  {b.vmName} cannot move: {b.reasons[0]?.message}
                </AlertTitle>
                {/* Options beyond "leave it pending" are the hint's advice, each its own: both read as the same thing twice (review 10, 15). */}
                {b.options.length > 1 ? '' : `${b.reasons[0]?.hint ?? ''} `}
                {b.options.length > 0 && `Options: ${b.options.join('; ')}.`}
                {busy && (
                  <Stack sx={{ mt: 1 }} aria-label={`${b.vmName}: ${busy}`} role="status">
                    {busy}
                    <LinearProgress aria-label={busy} />
                  </Stack>
                )}
                {!busy && b.actions.length > 0 && (
                  <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
                    {b.actions.map((action) => (
                      <Button
                        key={action}
                        size="small"
                        variant="outlined"
                        onClick={() =>
                          action === 'power-off-and-move-cold' ? setAsking({ vm: b, step: 'shutdown' }) : void act(b, action)
                        }
                      >
                        {actionLabel[action]}
                      </Button>
                    ))}
                    {failed?.state === 'timed-out' && (
                      <Button size="small" variant="outlined" color="error" onClick={() => setAsking({ vm: b, step: 'force' })}>
                        Force power off…
                      </Button>
                    )}
                  </Stack>
                )}
              </Alert>
              {failed?.error && <ErrorAlert error={failed.error} title={`${b.vmName} was not powered off`} sx={{ width: '100%' }} />}
            </ListItem>
          );
        })}
      </List>
      {asking && (
        <PowerOffDialog
          vmName={asking.vm.vmName}
          coldHostNames={asking.vm.coldHostNames}
          step={asking.step}
          onClose={() => setAsking(null)}
          onConfirm={(powerOnAfter) => {
            void act(asking.vm, 'power-off-and-move-cold', { powerOnAfter, ...(asking.step === 'force' ? { force: true } : {}) });
            setAsking(null);
          }}
        />
      )}
    </>
  );
}
