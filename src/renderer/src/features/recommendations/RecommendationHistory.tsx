import { Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect } from 'react';
import type { AppliedRecommendation } from '../../../../shared/model/operations';
import { api } from '../../api/client';
import { useCommand } from '../../api/use-command';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatClock, formatDuration, formatTime } from '../../components/format';

const outcomeColor = (outcome: string): 'success' | 'error' | 'warning' | 'default' =>
  outcome === 'completed'
    ? 'success'
    : outcome === 'failed' || outcome === 'refused'
      ? 'error'
      : outcome === 'aborted'
        ? 'warning'
        : 'default';

/** What was applied, by whom and when, and how each move went: the balancing history, newest first. */
export function RecommendationHistory() {
  const history = useCommand('recommendations.history', { limit: 50 });
  const { reload } = history;
  useEffect(() => api.on('recommendations.changed', reload), [reload]);
  // A move's outcome is its task's state: reload when one of the listed tasks starts or ends.
  const shown = history.data;
  useEffect(
    () =>
      api.on('tasks.changed', ({ tasks }) => {
        const listed = new Map((shown ?? []).map((r) => [r.taskId, r.outcome]));
        if (tasks.some((t) => listed.has(t.id) && listed.get(t.id) !== t.state)) reload();
      }),
    [reload, shown],
  );
  if (history.error) return <ErrorAlert title="Could not load the balancing history" error={history.error} />;
  const rows: AppliedRecommendation[] = history.data ?? [];
  return (
    <section aria-labelledby="balancing-history-title">
      <Typography variant="h6" component="h2" id="balancing-history-title" sx={{ mt: 3, mb: 1 }}>
        Applied recommendations
      </Typography>
      {rows.length === 0 ? (
        <Typography color="text.secondary">None applied yet.</Typography>
      ) : (
        <Table size="small" aria-label="Applied recommendations">
          <TableHead>
            <TableRow>
              <TableCell>When</TableCell>
              <TableCell>By</TableCell>
              <TableCell>VM</TableCell>
              <TableCell>From → to</TableCell>
              <TableCell>Predicted</TableCell>
              <TableCell>Outcome</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.id}>
                <TableCell title={formatTime(r.appliedAt)}>{formatClock(r.appliedAt)}</TableCell>
                <TableCell>{r.actor}</TableCell>
                <TableCell>{r.vmName}</TableCell>
                <TableCell>
                  {r.fromHostName} → {r.toHostName}
                </TableCell>
                <TableCell>{formatDuration(r.predictedDurationMs)}</TableCell>
                <TableCell>
                  <Chip size="small" variant="outlined" color={outcomeColor(r.outcome)} label={r.outcome.replaceAll('_', ' ')} />
                  {r.problem && (
                    <Typography variant="caption" component="div" color="text.secondary">
                      {r.problem}
                    </Typography>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
