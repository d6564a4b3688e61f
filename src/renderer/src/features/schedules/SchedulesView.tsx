import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import PauseIcon from '@mui/icons-material/Pause';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import {
  Box,
  Button,
  Chip,
  CircularProgress,
  IconButton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { useEffect, useMemo } from 'react';
import type { Schedule } from '../../../../shared/model/schedule';
import { api } from '../../api/client';
import { useCommand } from '../../api/use-command';
import { ErrorAlert } from '../../components/ErrorAlert';
import { stateColors, stateLabels } from '../../components/task-labels';
import { useInventory } from '../../state/inventory-store';
import { useNotify } from '../../state/notices';
import { useTasks } from '../../state/tasks-store';
import { formatFullInZone } from '../../components/zone-time';
import { useOpenWizard } from '../../state/wizard-opener';
import { destinationOf, lastResultOf, nextRunList, nextRunsOf, whenOf, zoneOf, type LastResult } from './schedule-summary';

/** The last run, its time on the schedule's clock (the zone named), as the rule and next runs beside it. */
function LastResultCell({ result, zone }: { result: LastResult; zone: string }) {
  if (result.kind === 'never') return <>never run</>;
  const when = (iso: string) => formatFullInZone(iso, zone);
  if (result.kind === 'fired') return <>fired {when(result.at)}</>;
  if (result.kind === 'refused')
    return (
      <>
        <Chip size="small" variant="outlined" color="error" label="Failed" /> {when(result.at)}
        <Typography variant="caption" color="text.secondary" component="div">
          {result.message}
        </Typography>
      </>
    );
  if (result.kind === 'missed')
    return (
      <>
        <Chip size="small" variant="outlined" color="warning" label="missed" /> due {when(result.at)}
      </>
    );
  return (
    <>
      <Chip
        size="small"
        variant="outlined"
        color={stateColors[result.state]}
        label={`${stateLabels[result.state]}${result.count > 1 ? ` (${result.count} VMs)` : ''}`}
      />{' '}
      {when(result.at)}
    </>
  );
}

/** Scheduled migrations: what, when, the next runs; pause, edit, delete, or create one. */
export function SchedulesView() {
  const schedules = useCommand('schedules.list', {});
  const { reload } = schedules;
  const inv = useInventory();
  const notify = useNotify();
  const openWizard = useOpenWizard();
  const tasks = useTasks().tasks;
  const taskList = useMemo(() => [...tasks.values()], [tasks]);
  useEffect(() => api.on('schedules.changed', reload), [reload]);
  const act = (promise: Promise<unknown>) =>
    promise.then(reload, (error: unknown) => notify({ level: 'error', title: 'Schedule not changed', error }));
  const vmNames = (s: Schedule) => s.request.vmIds.map((id) => inv.vms.get(id)?.name ?? id).join(', ');

  return (
    <Box sx={{ p: 2 }}>
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1 }}>
        <Typography variant="h6" component="h2">
          Scheduled migrations
        </Typography>
        <Button variant="contained" onClick={() => openWizard({ vmIds: [], scheduled: true })}>
          New scheduled migration
        </Button>
      </Stack>
      <Typography variant="body2" color="text.secondary" gutterBottom>
        Schedules keep running while the window is closed (in the tray, or as long as the browser console's process runs). Each run acts on
        behalf of whoever created the schedule.
      </Typography>
      {schedules.loading && !schedules.data && <CircularProgress size={18} aria-label="Loading schedules" />}
      {schedules.error && <ErrorAlert title="Could not load the schedules" error={schedules.error} />}
      {schedules.data?.length === 0 && (
        <Typography color="text.secondary" sx={{ mt: 2 }}>
          No scheduled migrations. Create one here, or pick “at a time” or “recurring” in the wizard's Schedule step.
        </Typography>
      )}
      {schedules.data && schedules.data.length > 0 && (
        // Narrow cell padding and the destination under the VMs: the row fits 1280 px beside the tree, actions included.
        <Table size="small" aria-label="Schedules" sx={{ '& .MuiTableCell-root': { px: 1 } }}>
          <TableHead>
            <TableRow>
              <TableCell>Name</TableCell>
              <TableCell>VMs → destination</TableCell>
              <TableCell>When</TableCell>
              <TableCell title="In the schedule's own time zone">Next runs</TableCell>
              <TableCell>Window / grace</TableCell>
              <TableCell>By</TableCell>
              <TableCell>Last result</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {schedules.data.map((s) => (
              <TableRow key={s.id} aria-label={s.name}>
                <TableCell sx={{ minWidth: 160 }}>
                  {s.name} {s.paused && <Chip size="small" label="paused" />}
                </TableCell>
                <TableCell>
                  {vmNames(s)}
                  <Box>→ {destinationOf(s, inv.hosts, inv.datastores)}</Box>
                </TableCell>
                <TableCell>{whenOf(s)}</TableCell>
                <TableCell>
                  {/* Two runs, one a line; the third and the zone in the title. */}
                  <Box data-testid="next-runs" title={`${nextRunsOf(s)} (${zoneOf(s)})`}>
                    {nextRunList(s, 2).map((run) => (
                      <Box key={run} sx={{ whiteSpace: 'nowrap' }}>
                        {run}
                      </Box>
                    ))}
                  </Box>
                </TableCell>
                <TableCell>
                  {s.windowMinutes ? `${s.windowMinutes} min` : 'none'} / {s.graceMinutes} min
                </TableCell>
                <TableCell>{s.createdBy}</TableCell>
                <TableCell>
                  <LastResultCell result={lastResultOf(s, taskList)} zone={zoneOf(s)} />
                </TableCell>
                {/* Icons, so the row's actions stay in view at 1280 px whatever the name's length. */}
                <TableCell sx={{ whiteSpace: 'nowrap', px: 0.5 }}>
                  <Tooltip title={s.paused ? 'Resume' : 'Pause'}>
                    <IconButton
                      size="small"
                      aria-label={s.paused ? 'Resume' : 'Pause'}
                      onClick={() => void act(api.invoke('schedules.setPaused', { id: s.id, paused: !s.paused }))}
                    >
                      {s.paused ? <PlayArrowIcon fontSize="small" /> : <PauseIcon fontSize="small" />}
                    </IconButton>
                  </Tooltip>
                  <Tooltip title="Edit">
                    <IconButton size="small" aria-label="Edit" onClick={() => openWizard({ vmIds: s.request.vmIds, schedule: s })}>
                      <EditIcon fontSize="small" />
                    </IconButton>
                  </Tooltip>
                  <Tooltip title="Delete">
                    <IconButton
                      size="small"
                      color="error"
                      aria-label="Delete"
                      onClick={() =>
                        window.confirm(`Delete the schedule "${s.name}"?`) && void act(api.invoke('schedules.delete', { id: s.id }))
                      }
                    >
                      <DeleteIcon fontSize="small" />
                    </IconButton>
                  </Tooltip>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
