import { Alert, AlertTitle, Button, LinearProgress, List, ListItem, Stack } from '@mui/material';
import { useState } from 'react';
import type { BlockedVm } from '../../../../shared/model/operations';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useNotify } from '../../state/notices';
import { MoveWithDiskDialog } from './MoveWithDiskDialog';
import { PowerOffDialog, type PowerOffStep } from './PowerOffDialog';

type Action = BlockedVm['actions'][number];
type PowerOffChoice = { powerOnAfter?: boolean; force?: boolean };

const actionLabel = (action: Action, back: boolean): string =>
  ({
    'move-with-disk': 'Move with its disk…',
    'power-off-and-move-cold': back ? 'Power off and move back cold…' : 'Power off and move cold…',
    retry: 'Retry',
  })[action];

const underWay: Partial<Record<NonNullable<BlockedVm['powerOff']>['state'], string>> = {
  'shutting-down': 'Shutting the guest down…',
  'powering-off': 'Powering it off…',
};

/**
 * The VMs an evacuation cannot move (or, `back`, its failback cannot move back to `hostId`), each
 * with its reason and what the admin can do about it; `onChanged` hears what an action answered.
 */
export function CannotMoveList({
  hostId,
  blocked,
  back = false,
  onChanged,
}: {
  hostId: string;
  blocked: BlockedVm[];
  back?: boolean;
  onChanged?: () => void;
}) {
  const notify = useNotify();
  const [asking, setAsking] = useState<{ vm: BlockedVm; step: PowerOffStep } | null>(null);
  // Both heavy actions are asked first: a copy of a whole disk as much as a power-off (new-user review 12, 12a).
  const [askingDisk, setAskingDisk] = useState<BlockedVm | null>(null);
  const ask = (vm: BlockedVm, action: Action) => {
    if (action === 'power-off-and-move-cold') setAsking({ vm, step: 'shutdown' });
    else if (action === 'move-with-disk') setAskingDisk(vm);
    else void act(vm, action);
  };
  const act = (vm: BlockedVm, action: Action, extra: PowerOffChoice = {}) =>
    (back
      ? api.invoke('maintenance.moveBackCold', { hostId, vmId: vm.vmId, ...extra })
      : api.invoke('maintenance.moveBlocked', { hostId, vmId: vm.vmId, action, ...extra })
    ).then(
      () => onChanged?.(),
      (error: unknown) => notify({ level: 'error', title: `${vm.vmName} did not move${back ? ' back' : ''}`, error }),
    );
  if (blocked.length === 0) return null;
  return (
    <>
      <List aria-label={back ? 'VMs that cannot move back' : 'VMs that cannot move'} disablePadding>
        {blocked.map((b) => {
          const busy = b.powerOff ? underWay[b.powerOff.state] : undefined;
          const failed = b.powerOff?.error ? b.powerOff : null;
          return (
            <ListItem key={b.vmId} disableGutters sx={{ flexDirection: 'column', alignItems: 'stretch', gap: 1 }}>
              <Alert severity="warning" sx={{ width: '100%' }}>
                <AlertTitle>
                  {b.vmName} cannot move{back ? ' back' : ''}: {b.reasons[0]?.message}
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
                      <Button key={action} size="small" variant="outlined" onClick={() => ask(b, action)}>
                        {actionLabel(action, back)}
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
      {askingDisk && (
        <MoveWithDiskDialog
          hostId={hostId}
          vmId={askingDisk.vmId}
          vmName={askingDisk.vmName}
          onClose={() => setAskingDisk(null)}
          onConfirm={() => {
            void act(askingDisk, 'move-with-disk');
            setAskingDisk(null);
          }}
        />
      )}
      {asking && (
        <PowerOffDialog
          vmName={asking.vm.vmName}
          coldHostNames={asking.vm.coldHostNames}
          step={asking.step}
          back={back}
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
