import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import type { Schedule, ScheduleTiming } from '../../../../shared/model/schedule';
import { api } from '../../api/client';
import { useCommand } from '../../api/use-command';
import { ErrorAlert } from '../../components/ErrorAlert';

/** Changes when a schedule runs, its window and grace; what it migrates stays. */
export function ScheduleEditDialog({ schedule, onClose }: { schedule: Schedule; onClose(): void }) {
  const [name, setName] = useState(schedule.name);
  const [timing, setTiming] = useState<ScheduleTiming>(schedule.timing);
  const [windowMinutes, setWindow] = useState<number | null>(schedule.windowMinutes);
  const [graceMinutes, setGrace] = useState(schedule.graceMinutes);
  const [failure, setFailure] = useState<unknown>(null);
  const preview = useCommand('schedules.preview', { timing });
  const save = () =>
    api
      .invoke('schedules.update', { id: schedule.id, schedule: { name, timing, windowMinutes, graceMinutes, request: schedule.request } })
      .then(onClose, setFailure);
  return (
    <Dialog open onClose={onClose} aria-labelledby="schedule-edit-title">
      <DialogTitle id="schedule-edit-title">Edit schedule</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1, width: 460 }}>
          <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} />
          {timing.kind === 'recurring' ? (
            <Stack direction="row" spacing={1}>
              <TextField label="Cron expression" value={timing.cron} onChange={(e) => setTiming({ ...timing, cron: e.target.value })} />
              <TextField label="Time zone" value={timing.timezone} onChange={(e) => setTiming({ ...timing, timezone: e.target.value })} />
            </Stack>
          ) : (
            <TextField label="Start at (ISO 8601)" value={timing.at} onChange={(e) => setTiming({ kind: 'once', at: e.target.value })} />
          )}
          {preview.error ? (
            <ErrorAlert title="Cannot work out the next runs" error={preview.error} />
          ) : (
            <Typography variant="body2">Next runs: {preview.data?.map((t) => new Date(t).toLocaleString()).join(' · ') || '—'}</Typography>
          )}
          <Stack direction="row" spacing={1}>
            <TextField
              label="Window (minutes)"
              type="number"
              value={windowMinutes ?? ''}
              onChange={(e) => setWindow(e.target.value ? Math.max(1, Number(e.target.value)) : null)}
            />
            <TextField
              label="Grace (minutes)"
              type="number"
              value={graceMinutes}
              onChange={(e) => setGrace(Math.max(0, Number(e.target.value)))}
            />
          </Stack>
          {failure !== null && <ErrorAlert title="Schedule not saved" error={failure} />}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" onClick={() => void save()} disabled={Boolean(preview.error)}>
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
}
