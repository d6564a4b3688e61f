import { FormControlLabel, Radio, RadioGroup, Stack, TextField, Typography } from '@mui/material';
import { useCommand } from '../../../api/use-command';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { describeRecurring } from '../../../components/describe-cron';
import { timingOf } from '../schedule-edit';
import { formatInZone, isKnownZone } from '../../../components/zone-time';
import { wallOf, withWall, withZone } from '../once-time';
import { nameLimit, scheduleProblems } from '../schedule-checks';
import { onceTwiceNote, runWords } from '../schedule-dst';
import { localTimeZone } from '../wizard-state';
import type { StepProps } from './step-props';

export function ScheduleStep({ state, dispatch }: StepProps) {
  const s = state.schedule;
  const zoneKnown = s.kind === 'now' || isKnownZone(s.timezone);
  const twice = s.kind === 'once' && zoneKnown && s.at ? onceTwiceNote(s.at, s.timezone) : null;
  const problems = scheduleProblems(state);
  // Only a timing Ferry can run is previewed: a bad one is said at its field, not by the server.
  const preview = useCommand(
    'schedules.preview',
    s.kind === 'now' || problems.timezone || problems.cron || problems.at ? null : { timing: timingOf(s) },
  );
  const setWindow = (patch: Partial<{ windowMinutes: number | null; graceMinutes: number; name: string }>) =>
    dispatch({ kind: 'window', windowMinutes: state.windowMinutes, graceMinutes: state.graceMinutes, name: state.name, ...patch });
  const zoneField =
    s.kind === 'now' ? null : (
      <TextField
        label="Time zone"
        value={s.timezone}
        onChange={(e) =>
          dispatch({
            kind: 'schedule',
            schedule: s.kind === 'once' ? withZone(s, e.target.value) : { ...s, timezone: e.target.value },
          })
        }
        error={Boolean(problems.timezone)}
        helperText={problems.timezone ?? 'IANA name, e.g. Europe/Rome'}
        sx={{ width: 240 }}
      />
    );
  return (
    <Stack spacing={2}>
      <RadioGroup
        aria-label="When"
        value={s.kind}
        onChange={(e) => {
          const kind = e.target.value;
          const timezone = s.kind === 'now' ? localTimeZone : s.timezone;
          if (kind === 'now') dispatch({ kind: 'schedule', schedule: { kind: 'now' } });
          if (kind === 'once')
            dispatch({ kind: 'schedule', schedule: { kind: 'once', at: new Date(Date.now() + 3600_000).toISOString(), timezone } });
          if (kind === 'recurring') dispatch({ kind: 'schedule', schedule: { kind: 'recurring', cron: '0 2 * * 6', timezone } });
        }}
      >
        <FormControlLabel value="now" control={<Radio />} label="Now" />
        <FormControlLabel value="once" control={<Radio />} label="Once, at a time" />
        <FormControlLabel value="recurring" control={<Radio />} label="Recurring (cron)" />
      </RadioGroup>
      {s.kind === 'once' && (
        <Stack direction="row" spacing={2}>
          {/* The wall clock of the schedule's zone, not the browser's. */}
          <TextField
            label="Start at"
            type="datetime-local"
            value={wallOf(s)}
            onChange={(e) => dispatch({ kind: 'schedule', schedule: withWall(s, e.target.value) })}
            error={Boolean(problems.at)}
            helperText={problems.at ?? (twice || `On the clock of ${s.timezone || 'the time zone'}`)}
            sx={{ width: 280 }}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          {zoneField}
        </Stack>
      )}
      {s.kind === 'recurring' && (
        <>
          <Stack direction="row" spacing={2}>
            <TextField
              label="Cron expression"
              value={s.cron}
              onChange={(e) => dispatch({ kind: 'schedule', schedule: { ...s, cron: e.target.value } })}
              error={Boolean(problems.cron)}
              helperText={problems.cron ?? 'minute hour day month weekday, e.g. 0 2 * * 1-5'}
              sx={{ width: 280 }}
            />
            {zoneField}
          </Stack>
          <Typography variant="body2" aria-live="polite">
            {problems.cron ? '' : describeRecurring(s.cron, s.timezone)}
          </Typography>
        </>
      )}
      {s.kind !== 'now' && (
        <>
          {preview.error ? (
            <ErrorAlert title="Cannot work out the next runs" error={preview.error} />
          ) : (
            <Typography variant="body2">
              Next runs ({s.timezone}):{' '}
              {(zoneKnown &&
                preview.data
                  ?.map((t) => (s.kind === 'recurring' ? runWords(s.cron, s.timezone, t) : formatInZone(t, s.timezone)))
                  .join(' · ')) ||
                '—'}
            </Typography>
          )}
          <Stack direction="row" spacing={2}>
            <TextField
              label="Schedule name"
              value={state.name}
              onChange={(e) => setWindow({ name: e.target.value })}
              error={Boolean(problems.name)}
              helperText={problems.name ?? `Empty: named after its VMs; up to ${nameLimit} characters`}
              sx={{ width: 280 }}
            />
            {/* What was typed is kept as typed (a -3 is not silently made 1): the field says what it accepts. */}
            <TextField
              label="Window (minutes, empty = none)"
              type="number"
              value={state.windowMinutes ?? ''}
              onChange={(e) => setWindow({ windowMinutes: e.target.value === '' ? null : Number(e.target.value) })}
              error={Boolean(problems.window)}
              helperText={problems.window ?? 'At least 1 minute'}
              slotProps={{ htmlInput: { min: 1, step: 1 } }}
              sx={{ width: 240 }}
            />
            <TextField
              label="Grace if missed (minutes)"
              type="number"
              value={Number.isNaN(state.graceMinutes) ? '' : state.graceMinutes}
              onChange={(e) => setWindow({ graceMinutes: e.target.value === '' ? NaN : Number(e.target.value) })}
              error={Boolean(problems.grace)}
              helperText={problems.grace ?? '0 or more'}
              slotProps={{ htmlInput: { min: 0, step: 1 } }}
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
