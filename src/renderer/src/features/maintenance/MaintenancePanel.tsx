import { Box, Button, LinearProgress, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import type { Host } from '../../../../shared/model/inventory';
import { maintenanceStage, useMaintenance } from '../../state/maintenance-store';
import { useNotify } from '../../state/notices';
import { AfterMaintenance, OperationId } from './AfterMaintenance';
import { CannotMoveList } from './CannotMoveList';
import { ConfirmExitDialog } from './ConfirmExitDialog';
import { EvacuationPlanDialog } from './EvacuationPlanDialog';
import { exitMaintenance } from './exit-maintenance';
import { FailbackPlanDialog } from './FailbackPlanDialog';
import { IncomingMovesNote } from './IncomingMoves';
import { evacuationBarText, evacuationWords } from './progress-words';

/** A host's maintenance mode: enter (plan, confirm), watch the evacuation, leave, move back. */
export function MaintenancePanel({ host, planOpen, onPlanOpen }: { host: Host; planOpen: boolean; onPlanOpen(open: boolean): void }) {
  const progress = useMaintenance(host.id);
  const stage = maintenanceStage(host, progress);
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const [failbackOpen, setFailbackOpen] = useState(false);
  const [confirmExit, setConfirmExit] = useState(false);
  const exit = async () => {
    setBusy(true);
    await exitMaintenance(host.id, host.name, notify);
    setBusy(false);
  };
  return (
    <Box aria-label="Maintenance mode" role="region">
      <Typography variant="subtitle1" component="h3" gutterBottom>
        Maintenance mode
      </Typography>
      {stage === 'off' && (
        <>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Typography variant="body2" color="text.secondary">
              Off. Entering it moves every running VM away first.
            </Typography>
            <Button variant="outlined" onClick={() => onPlanOpen(true)}>
              Enter maintenance mode…
            </Button>
          </Stack>
          {progress && progress.state === 'off' && (
            <AfterMaintenance progress={progress} hostName={host.name} onFailback={() => setFailbackOpen(true)} />
          )}
        </>
      )}
      {stage !== 'off' && (
        <Stack spacing={1} sx={{ maxWidth: 720 }}>
          <Typography variant="body2" data-testid="maintenance-progress">
            {evacuationWords(stage, progress)}
          </Typography>
          {stage !== 'on' && progress && progress.total > 0 && (
            <LinearProgress
              variant="determinate"
              value={(progress.moved / progress.total) * 100}
              // Full but stuck is not done: the bar turns to the warning colour and says why.
              color={stage === 'cannot-finish' ? 'warning' : 'primary'}
              aria-label="Evacuation progress"
              aria-valuetext={evacuationBarText(stage, progress)}
            />
          )}
          {progress && progress.state !== 'off' && <IncomingMovesNote incoming={progress.incoming} />}
          {progress && progress.state !== 'off' && <CannotMoveList hostId={host.id} blocked={progress.blocked} />}
          {progress?.operationId && (
            <OperationId id={progress.operationId} hostName={host.name} startedAt={progress.operationStartedAt ?? null} />
          )}
          <Box>
            <Button variant="outlined" disabled={busy} onClick={() => (stage === 'on' ? void exit() : setConfirmExit(true))}>
              Exit maintenance mode
            </Button>
          </Box>
        </Stack>
      )}
      {confirmExit && (
        <ConfirmExitDialog hostId={host.id} hostName={host.name} onLeave={() => void exit()} onClose={() => setConfirmExit(false)} />
      )}
      {planOpen && <EvacuationPlanDialog hostId={host.id} hostName={host.name} onClose={() => onPlanOpen(false)} />}
      {failbackOpen && <FailbackPlanDialog hostId={host.id} hostName={host.name} onClose={() => setFailbackOpen(false)} />}
    </Box>
  );
}
