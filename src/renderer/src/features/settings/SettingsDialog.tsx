import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import type { Settings } from '../../../../shared/api/app';
import { api } from '../../api/client';
import { useCommand } from '../../api/use-command';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FaultsPanel } from './FaultsPanel';
import { settingsProblems, settingsRefusal } from './settings-checks';

const refusedWords = 'Ferry did not accept this value: change it and save again.';

export function SettingsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  // As typed: a number field emptied holds NaN, and a bad value is said at its field, never clamped silently.
  const [settings, setSettings] = useState<Settings | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const drivers = useCommand('drivers.list', open ? {} : null);
  // Only backends that declare fault injection get the panel: no driver is special-cased.
  const faultDrivers = (drivers.data ?? []).filter((d) => d.capabilities.faultInjection);
  useEffect(() => {
    if (!open) return;
    let current = true;
    api.invoke('settings.get', {}).then(
      (loaded) => current && setSettings(loaded),
      (error: unknown) => current && setFailure(error),
    );
    // Closed, it forgets what it showed: the form waits for fresh values each time it opens. Shown with the
    // last ones, it took the admin's typing, which the fresh values then replaced, and Save stored the old
    // name (seen in e2e on a busy machine).
    return () => {
      current = false;
      setSettings(null);
      setFailure(null);
    };
  }, [open]);
  const problems = settings ? settingsProblems(settings) : {};
  // A refusal the fields did not foresee is shown at the fields it names, in words (not the schema's).
  const refused = settingsRefusal(failure);
  const edit = (patch: Partial<Settings>) => {
    if (!settings) return;
    setSettings({ ...settings, ...patch });
    setFailure(null);
  };
  const save = () => settings && api.invoke('settings.update', settings).then(() => onClose(), setFailure);
  const said = (field: keyof Settings, hint: string) => problems[field] ?? (refused?.includes(field) ? refusedWords : hint);
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="settings-title" maxWidth="md">
      <DialogTitle id="settings-title">Settings</DialogTitle>
      <DialogContent>
        {refused ? (
          <Alert severity="error">Not saved: Ferry did not accept the fields marked.</Alert>
        ) : (
          failure !== null && <ErrorAlert error={failure} />
        )}
        {settings && (
          <Stack spacing={2} sx={{ mt: 1, maxWidth: 420 }}>
            <TextField
              label="Operator name (shown in the audit trail)"
              helperText={said('operatorName', 'Empty: your OS user name')}
              error={Boolean(problems.operatorName) || Boolean(refused?.includes('operatorName'))}
              value={settings.operatorName ?? ''}
              onChange={(e) => edit({ operatorName: e.target.value.trim() ? e.target.value : null })}
            />
            <TextField
              label="Simulated datacenter speed"
              type="number"
              helperText={said('simSpeed', 'How many times faster than real time the simulated hosts run')}
              error={Boolean(problems.simSpeed) || Boolean(refused?.includes('simSpeed'))}
              value={Number.isNaN(settings.simSpeed) ? '' : settings.simSpeed}
              onChange={(e) => edit({ simSpeed: e.target.value === '' ? NaN : Number(e.target.value) })}
            />
          </Stack>
        )}
        {faultDrivers.map((d) => (
          <Box key={d.id} sx={{ mt: 3 }}>
            <FaultsPanel driverId={d.id} />
          </Box>
        ))}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" onClick={() => void save()} disabled={!settings || Object.keys(problems).length > 0}>
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
}
