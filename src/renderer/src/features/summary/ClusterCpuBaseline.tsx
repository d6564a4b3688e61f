import { Alert, Button, Chip, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import type { CpuBaselineChoice, CpuBaselineStatus } from '../../../../shared/model/cpu-baseline';
import type { Cluster } from '../../../../shared/model/inventory';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyCluster, useInventory } from '../../state/inventory-store';

const few = (items: readonly string[], n = 6): string =>
  items.length > n ? `${items.slice(0, n).join(', ')} and ${items.length - n} more` : items.join(', ');

/** The select's value for a choice: off, computed, or model:<name>. */
const valueOf = (cluster: Cluster): string =>
  !cluster.evc ? 'off' : cluster.evc.source === 'computed' ? 'computed' : `model:${cluster.evc.model}`;
const choiceOf = (value: string): CpuBaselineChoice =>
  value === 'off' ? { mode: 'off' } : value === 'computed' ? { mode: 'computed' } : { mode: 'model', model: value.slice('model:'.length) };

/**
 * A cluster's CPU baseline (vCenter's EVC): what its hosts have in common and which hosts limit it,
 * the baseline set (frozen when set), the hosts below it (no placement target here) and the guests
 * beyond it (each fixed by applying the baseline at its next power cycle). The parent keys it by
 * the setting, so a change from elsewhere resets the choice.
 */
export function ClusterCpuBaseline({ cluster }: { cluster: Cluster }) {
  const inv = useInventory();
  const [status, setStatus] = useState<CpuBaselineStatus | null>(null);
  const [choice, setChoice] = useState(valueOf(cluster));
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const hostName = (id: string) => inv.hosts.get(id)?.name ?? id;
  const load = useCallback(() => {
    api.invoke('clusters.cpuBaseline', { clusterId: cluster.id }).then(setStatus, setError);
  }, [cluster.id]);
  useEffect(load, [load, cluster.evc, inv.structureVersion]);

  const save = () => {
    setSaving(true);
    setError(null);
    api
      .invoke('clusters.setCpuBaseline', { clusterId: cluster.id, choice: choiceOf(choice) })
      .then(applyCluster, setError)
      .finally(() => setSaving(false));
  };
  const computed = status?.computed;
  const models = status?.models ?? [];
  const current = cluster.evc?.source === 'model' && !models.includes(cluster.evc.model) ? [cluster.evc.model] : [];
  return (
    <Stack spacing={1.5} sx={{ maxWidth: 720, mt: 2 }} role="group" aria-label="CPU baseline">
      <Typography variant="subtitle2">CPU baseline (EVC)</Typography>
      <Typography variant="body2">
        {cluster.evc
          ? `Set: ${cluster.evc.model}, ${cluster.evc.features.length} features (${cluster.evc.source === 'computed' ? "the hosts' baseline" : 'a chosen model'}), by ${cluster.evc.setBy} at ${cluster.evc.setAt}.`
          : 'Off: guests may use any feature of their host; the destination hypervisor judges each move.'}
      </Typography>
      <Typography variant="body2" aria-label="Computed baseline">
        {computed
          ? `The hosts' baseline now: ${computed.model}, ${computed.features.length} features, limited by ${few(computed.definedByHostIds.map(hostName))}.`
          : status?.computeError
            ? `The hosts' baseline cannot be computed now: ${status.computeError}`
            : 'Computing the hosts’ baseline…'}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <TextField select size="small" label="Baseline" value={choice} onChange={(e) => setChoice(e.target.value)} sx={{ width: 400 }}>
          <MenuItem value="off">Off</MenuItem>
          <MenuItem value="computed" disabled={!computed}>
            The hosts&apos; baseline{computed ? ` (${computed.model})` : ''}
          </MenuItem>
          {[...current, ...models].map((m) => (
            <MenuItem key={m} value={`model:${m}`}>
              Model {m}
            </MenuItem>
          ))}
        </TextField>
        <Button variant="contained" size="small" onClick={save} disabled={saving}>
          Set baseline
        </Button>
      </Stack>
      {error !== null && <ErrorAlert error={error} title="CPU baseline not changed" />}
      {status?.hostsBelow.map((h) => (
        <Alert key={h.hostId} severity="error" aria-label={`${h.hostName} below the baseline`}>
          {h.hostName} does not meet the baseline: it lacks {few(h.missing)}. It takes no guests of this cluster.
        </Alert>
      ))}
      {status?.hostsUnknown.map((h) => (
        <Alert key={h.hostId} severity="info">
          {h.hostName} cannot be judged: {h.reason}
        </Alert>
      ))}
      {status && status.vmsOutside.length > 0 && (
        <Stack spacing={0.5} aria-label="Guests beyond the baseline">
          <Typography variant="body2">Guests using features beyond the baseline (apply it from each VM&apos;s summary):</Typography>
          {status.vmsOutside.map((v) => (
            <Stack key={v.vmId} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Typography variant="body2">
                {v.vmName}: {few(v.outside)}
              </Typography>
              {v.pending && <Chip size="small" color="warning" label="pending until power cycle" />}
            </Stack>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
