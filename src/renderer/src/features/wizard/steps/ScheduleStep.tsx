import { FormControlLabel, Radio, RadioGroup, Stack, TextField, Typography } from '@mui/material';
import { useCommand } from '../../../api/use-command';
import { ErrorAlert } from '../../../components/ErrorAlert';
import type { StepProps } from './step-props';

const localTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
/** datetime-local wants local wall time without a zone. */
const toLocalInput = (iso: string) => {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

export function ScheduleStep({ state, dispatch }: StepProps) {
  const s = state.schedule;
  const preview = useCommand(
    'schedules.preview',
    s.kind === 'now'
      ? null
      : { timing: s.kind === 'once' ? { kind: 'once', at: s.at } : { kind: 'recurring', cron: s.cron, timezone: s.timezone } },
  );
  const setWindow = (patch: Partial<{ windowMinutes: number | null; graceMinutes: number; name: string }>) =>
    dispatch({ kind: 'window', windowMinutes: state.windowMinutes, graceMinutes: state.graceMinutes, name: state.name, ...patch });
  return (
    <Stack spacing={2}>
      <RadioGroup
        aria-label="When"
        value={s.kind}
        onChange={(e) => {
          const kind = e.target.value;
          if (kind === 'now') dispatch({ kind: 'schedule', schedule: { kind: 'now' } });
          if (kind === 'once')
            dispatch({ kind: 'schedule', schedule: { kind: 'once', at: new Date(Date.now() + 3600_000).toISOString() } });
          if (kind === 'recurring')
            dispatch({ kind: 'schedule', schedule: { kind: 'recurring', cron: '0 2 * * 6', timezone: localTimeZone } });
        }}
      >
        <FormControlLabel value="now" control={<Radio />} label="Now" />
        <FormControlLabel value="once" control={<Radio />} label="Once, at a time" />
        <FormControlLabel value="recurring" control={<Radio />} label="Recurring (cron)" />
      </RadioGroup>
      {s.kind === 'once' && (
        <TextField
          label="Start at"
          type="datetime-local"
          value={toLocalInput(s.at)}
          onChange={(e) =>
            e.target.value && dispatch({ kind: 'schedule', schedule: { kind: 'once', at: new Date(e.target.value).toISOString() } })
          }
          sx={{ width: 280 }}
          slotProps={{ inputLabel: { shrink: true } }}
        />
      )}
      {s.kind === 'recurring' && (
        <Stack direction="row" spacing={2}>
          <TextField
            label="Cron expression"
            value={s.cron}
            onChange={(e) => dispatch({ kind: 'schedule', schedule: { ...s, cron: e.target.value } })}
            helperText="minute hour day month weekday, e.g. 0 2 * * 6"
            sx={{ width: 280 }}
          />
          <TextField
            label="Time zone"
            value={s.timezone}
            onChange={(e) => dispatch({ kind: 'schedule', schedule: { ...s, timezone: e.target.value } })}
            sx={{ width: 240 }}
          />
        </Stack>
      )}
      {s.kind !== 'now' && (
        <>
          {preview.error ? (
            <ErrorAlert title="Cannot work out the next runs" error={preview.error} />
          ) : (
            <Typography variant="body2">Next runs: {preview.data?.map((t) => new Date(t).toLocaleString()).join(' · ') || '—'}</Typography>
          )}
          <Stack direction="row" spacing={2}>
            <TextField label="Schedule name" value={state.name} onChange={(e) => setWindow({ name: e.target.value })} sx={{ width: 280 }} />
            <TextField
              label="Window (minutes, empty = none)"
              type="number"
              value={state.windowMinutes ?? ''}
              onChange={(e) => setWindow({ windowMinutes: e.target.value ? Math.max(1, Number(e.target.value)) : null })}
              sx={{ width: 240 }}
            />
            <TextField
              label="Grace if missed (minutes)"
              type="number"
              value={state.graceMinutes}
              onChange={(e) => setWindow({ graceMinutes: Math.max(0, Number(e.target.value)) })}
              sx={{ width: 220 }}
            />
          </Stack>
          <Typography variant="caption" color="text.secondary">
            A run starts only inside its window; one that has not switched over when the window closes is rolled back. A run missed while
            Ferry was not running still starts if it is late by less than the grace period.
          </Typography>
        </>
      )}
    </Stack>
  );
}
