import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import type { Settings } from '../../../../shared/api/app';
import { api } from '../../api/client';
import { useCommand } from '../../api/use-command';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FaultsPanel } from './FaultsPanel';

export function SettingsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const drivers = useCommand('drivers.list', open ? {} : null);
  // Only backends that declare fault injection get the panel: no driver is special-cased.
  const faultDrivers = (drivers.data ?? []).filter((d) => d.capabilities.faultInjection);
  useEffect(() => {
    if (open) api.invoke('settings.get', {}).then(setSettings, setFailure);
  }, [open]);
  const save = () => settings && api.invoke('settings.update', settings).then(() => onClose(), setFailure);
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="settings-title" maxWidth="md">
      <DialogTitle id="settings-title">Settings</DialogTitle>
      <DialogContent>
        {failure !== null && <ErrorAlert error={failure} />}
        {settings && (
          <Stack spacing={2} sx={{ mt: 1, maxWidth: 420 }}>
            <TextField
              label="Operator name (shown in the audit trail)"
              helperText="Empty: your OS user name"
              value={settings.operatorName ?? ''}
              onChange={(e) => setSettings({ ...settings, operatorName: e.target.value.trim() ? e.target.value : null })}
            />
            <TextField
              label="Simulated datacenter speed"
              type="number"
              helperText="How many times faster than real time the simulated hosts run"
              value={settings.simSpeed}
              onChange={(e) => setSettings({ ...settings, simSpeed: Math.min(1000, Math.max(0.1, Number(e.target.value) || 1)) })}
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
        <Button variant="contained" onClick={() => void save()} disabled={!settings}>
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
}
