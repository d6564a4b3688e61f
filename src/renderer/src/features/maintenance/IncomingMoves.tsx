import { Alert, AlertTitle } from '@mui/material';
import type { MaintenanceProgress, PlannedIncoming } from '../../../../shared/model/operations';

const names = (list: readonly { vmName: string }[]): string => list.map((m) => m.vmName).join(', ');

/** In the plan: what entering does to the moves into the host under way (review 5, finding 1). */
export function PlannedIncomingAlert({ incoming }: { incoming: readonly PlannedIncoming[] }) {
  if (incoming.length === 0) return null;
  const cancelled = incoming.filter((m) => m.cancellable);
  const landing = incoming.filter((m) => !m.cancellable);
  return (
    <Alert severity="info" sx={{ mt: 1 }} data-testid="plan-incoming">
      <AlertTitle>
        {incoming.length} migration{incoming.length === 1 ? ' is' : 's are'} moving a VM onto this host
      </AlertTitle>
      {cancelled.length > 0 && <div>Cancelled when you confirm (each VM stays where it runs): {names(cancelled)}.</div>}
      {landing.length > 0 && <div>Past the point of no return, so they land, then move off with the others: {names(landing)}.</div>}
    </Alert>
  );
}

const outcomeWords = {
  cancelled: 'cancelled (stays on its source)',
  arriving: 'arriving, then moves off',
  landed: 'landed, then moved off',
};

/** In the progress: how the moves into the host went since it began entering. */
export function IncomingMovesNote({ incoming }: { incoming: MaintenanceProgress['incoming'] }) {
  if (!incoming || incoming.length === 0) return null;
  return (
    <Alert severity="info" data-testid="maintenance-incoming">
      Migrations onto this host when it began entering: {incoming.map((m) => `${m.vmName} ${outcomeWords[m.outcome]}`).join('; ')}.
    </Alert>
  );
}
