import { Chip, CircularProgress, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useCommand, useReloadOn } from '../../api/use-command';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatClock, formatDuration, formatTime } from '../../components/format';
import { stateColors, stateLabel } from '../../components/task-labels';
import { useInventory } from '../../state/inventory-store';
import { useTasks } from '../../state/tasks-store';
import { downtimeText, downtimeTitle } from '../../components/downtime-words';

/** Where a VM has been: its migrations, newest first. */
export function VmHistory({ vmId }: { vmId: string }) {
  const inv = useInventory();
  const { tasks } = useTasks();
  // Reload when one of this VM's tasks changes state.
  const version = [...tasks.values()]
    .filter((t) => t.vmId === vmId)
    .map((t) => `${t.id}:${t.state}`)
    .join(',');
  const history = useCommand('inventory.vmHistory', { vmId });
  useReloadOn(version, history.reload);
  const host = (id: string) => inv.hosts.get(id)?.name ?? id;
  return (
    <>
      <Typography variant="subtitle1" component="h3" gutterBottom>
        Migration history
      </Typography>
      {history.loading && !history.data && <CircularProgress size={18} />}
      {history.error && <ErrorAlert title="Could not load the migration history" error={history.error} />}
      {history.data?.length === 0 && <Typography color="text.secondary">This VM has not been migrated by Ferry yet.</Typography>}
      {history.data && history.data.length > 0 && (
        <Table size="small" aria-label="Migration history">
          <TableHead>
            <TableRow>
              <TableCell>Requested</TableCell>
              <TableCell>From → to</TableCell>
              <TableCell>Outcome</TableCell>
              <TableCell>Duration</TableCell>
              <TableCell>Downtime</TableCell>
              <TableCell>By</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {history.data.map((t) => (
              <TableRow key={t.id}>
                <TableCell title={formatTime(t.createdAt)}>{formatClock(t.createdAt)}</TableCell>
                <TableCell>
                  {t.type === 'storage' ? `${host(t.sourceHostId)} (storage)` : `${host(t.sourceHostId)} → ${host(t.destHostId)}`}
                </TableCell>
                <TableCell>
                  <Chip size="small" color={stateColors[t.state]} label={stateLabel(t)} />
                </TableCell>
                <TableCell>{formatDuration(t.outcome?.durationMs ?? null)}</TableCell>
                <TableCell title={downtimeTitle(t)}>{downtimeText(t)}</TableCell>
                <TableCell>{t.requestedBy}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
