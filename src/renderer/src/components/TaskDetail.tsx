import { Alert, Box, CircularProgress, Divider, Grid, Typography } from '@mui/material';
import { lazy } from 'react';
import { LoadBoundary } from './LoadBoundary';
import type { Task, TimelinePoint } from '../../../shared/model/migration';
import { useCommand, useReloadOn } from '../api/use-command';
import { ErrorAlert } from './ErrorAlert';
import { formatBytes, formatClock, formatTime } from './format';
import { predictionBasisWords } from './prediction-basis';
import { durationWords, journalNote, phaseLabels, strategyLabels, waitText } from './task-labels';
import { describeDowntime } from './observed-downtime';
import { downtimeBoundWords } from './downtime-words';
import { verificationWords } from './verification-words';

// The charts library is most of a megabyte: loaded when a task's passes are first drawn, not at start.
const PassChart = lazy(() => import('./PassChart').then((m) => ({ default: m.PassChart })));

/** A task's prediction against its outcome, its phase journal and its live per-iteration chart. */
export function TaskDetail({ task }: { task: Task }) {
  // Re-read the timeline whenever a new pass or phase shows up.
  const detail = useCommand('tasks.detail', { taskId: task.id });
  const { reload } = detail;
  const key = `${task.progress.iteration}/${task.phase}/${task.state}`;
  useReloadOn(key, reload);
  const timeline = detail.data?.timeline ?? [];
  const memoryPoints = timeline.filter((p) => p.phase !== 'storage');
  return (
    <Box sx={{ p: 2 }} aria-label={`Details of ${task.vmName}`} role="region">
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 5 }}>
          {/* The State column says it in a few words; here it is whole, with the cap's figures. */}
          {task.waitingFor && (task.state === 'queued' || task.state === 'running') && (
            <Typography variant="body2" sx={{ mb: 1 }}>
              {waitText(task.waitingFor)}.
            </Typography>
          )}
          <Typography variant="subtitle2">Predicted and actual</Typography>
          <Typography variant="body2">
            Duration: {durationWords(task)}.
            <br />
            Downtime:{' '}
            {describeDowntime({
              predictedMs: task.prediction?.downtimeMs ?? null,
              bound: downtimeBoundWords(task.prediction),
              reportedMs: task.progress.downtimeMs,
              observedMs: task.progress.observedDowntimeMs ?? null,
              state: task.state,
              cold: task.cold,
              shutDown: task.shutDownForMove,
            })}
            .
            <br />
            {/* The strategy is the prediction's (a cancelled copy never reached its post-copy); what moved is a fact. */}
            Predicted strategy: {task.prediction ? strategyLabels[task.prediction.strategy] : '—'}. Transferred
            {task.state === 'running' || task.state === 'queued' ? ' so far' : ''}:{' '}
            {formatBytes(task.progress.memoryProcessedBytes + task.progress.diskProcessedBytes)}.
            <br />
            Predicted from: {predictionBasisWords(task.prediction)}.
          </Typography>
          <VerificationNote task={task} />
          {task.error && <ErrorAlert error={task.error} severity={task.state === 'aborted' ? 'info' : 'error'} sx={{ mt: 1 }} />}
          {task.problems.map((p) => (
            <Alert key={p} severity="warning" sx={{ mt: 1 }}>
              {p}
            </Alert>
          ))}
          <Divider sx={{ my: 1 }} />
          <Typography variant="subtitle2">Phases</Typography>
          {detail.loading && !detail.data && <CircularProgress size={16} />}
          {detail.data?.journal.map((j) => (
            <Typography key={j.seq} variant="body2" title={formatTime(j.at)}>
              {formatClock(j.at)} — {phaseLabels[j.phase as keyof typeof phaseLabels] ?? j.phase}
              {j.note ? ` (${journalNote(j.note)})` : ''}
            </Typography>
          ))}
        </Grid>
        <Grid size={{ xs: 12, md: 7 }}>
          {task.cold ? (
            // Off, it has no memory to copy: no passes and no dirty rate to chart.
            <Typography variant="body2" color="text.secondary">
              A cold move copies no memory: the VM {task.shutDownForMove ? 'is off while it moves' : 'stays powered off'}, re-registered on
              the destination.
            </Typography>
          ) : (
            <PassesChart points={memoryPoints} />
          )}
        </Grid>
      </Grid>
    </Box>
  );
}

/** Remaining memory and dirty rate per pre-copy pass, once there are two to draw. */
function PassesChart({ points }: { points: TimelinePoint[] }) {
  return (
    <>
      <Typography variant="subtitle2">Remaining memory and dirty rate per pass</Typography>
      {points.length < 2 ? (
        <Typography variant="body2" color="text.secondary">
          The chart fills in as pre-copy passes complete.
        </Typography>
      ) : (
        <LoadBoundary what="the chart">
          <PassChart points={points} />
        </LoadBoundary>
      )}
    </>
  );
}

/** How the guest was found alive after the move; the weaker levels say so. */
function VerificationNote({ task }: { task: Task }) {
  const level = task.outcome?.verification;
  if (!level) return null;
  const words = verificationWords[level];
  return (
    <Alert severity={words.weaker ? 'warning' : 'success'} sx={{ mt: 1 }} aria-label="Verification">
      <strong>Verified: {words.label}.</strong> {words.proves}
    </Alert>
  );
}
