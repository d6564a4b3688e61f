import { Alert, AlertTitle, Button, Stack } from '@mui/material';
import type { MaintenanceProgress } from '../../../../shared/model/operations';
import { useCommand, useReloadOn } from '../../api/use-command';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CannotMoveList } from './CannotMoveList';
import { leftByFailbackWords } from './plan-words';

/**
 * What a failback did not move back, offered in the panel until the admin answers (new-user review,
 * finding A): each VM with its reason and action ("Power off and move back cold…"), "Move them back…"
 * for those that can go now, or keep them where they are.
 */
export function LeftByFailback({ progress, onFailback, onKeep }: { progress: MaintenanceProgress; onFailback(): void; onKeep(): void }) {
  const plan = useCommand('maintenance.failbackPlan', { hostId: progress.hostId });
  // A power-off or a move under way changes what is left: the host's progress says when.
  useReloadOn(JSON.stringify(progress), plan.reload);
  const left = progress.failbackCount + (progress.failbackBlocked?.length ?? 0);
  return (
    <Stack spacing={1} data-testid="failback-left">
      <Alert
        severity="warning"
        action={
          <Stack direction="row" spacing={1}>
            {/* Moving again waits for the failback under way: the dialog would refuse it. */}
            {progress.failbackCount > 0 && !progress.failback && (
              <Button size="small" variant="contained" onClick={onFailback}>
                Move them back…
              </Button>
            )}
            <Button size="small" onClick={onKeep}>
              {left === 1 ? 'Keep it where it is' : 'Keep them where they are'}
            </Button>
          </Stack>
        }
      >
        <AlertTitle>{leftByFailbackWords(left, progress.failbackCount)}</AlertTitle>
      </Alert>
      {plan.error && <ErrorAlert title="Could not read what the failback left" error={plan.error} />}
      {plan.data && <CannotMoveList hostId={progress.hostId} blocked={plan.data.blocked} back onChanged={plan.reload} />}
    </Stack>
  );
}
