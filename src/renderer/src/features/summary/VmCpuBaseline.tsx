import { Alert, Button, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import type { Cluster, Vm } from '../../../../shared/model/inventory';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';

/** A VM against its cluster's CPU baseline: a pending CPU change, and the action that writes one. */
export function VmCpuBaseline({ vm, cluster }: { vm: Vm; cluster: Cluster | undefined }) {
  const [error, setError] = useState<unknown>(null);
  const [applying, setApplying] = useState(false);
  const evc = cluster?.evc;
  const outside = evc ? vm.cpuFeatures.filter((f) => !evc.features.includes(f)) : [];
  const apply = () => {
    setApplying(true);
    setError(null);
    api
      .invoke('vms.applyCpuBaseline', { vmId: vm.id })
      .catch(setError)
      .finally(() => setApplying(false));
  };
  if (!evc && !vm.cpuPending) return null;
  return (
    <Stack spacing={1} sx={{ maxWidth: 720, mt: 2 }} role="group" aria-label="VM CPU baseline">
      <Typography variant="subtitle2">CPU baseline</Typography>
      {vm.cpuPending && (
        <Alert severity="warning">
          CPU change pending until power cycle: {vm.cpuPending.model} ({vm.cpuPending.features.length} features) at its next power on.
        </Alert>
      )}
      {evc && (
        <Typography variant="body2">
          {outside.length > 0
            ? `${vm.name} uses ${outside.length} features beyond ${cluster.name}'s baseline ${evc.model}.`
            : `${vm.name} stays within ${cluster.name}'s baseline ${evc.model}.`}
        </Typography>
      )}
      {error !== null && <ErrorAlert error={error} title="Baseline CPU not applied" />}
      {evc && (
        <Stack direction="row">
          <Button variant="outlined" size="small" onClick={apply} disabled={applying || vm.cpuPending?.model === evc.model}>
            Apply the baseline CPU at next power cycle
          </Button>
        </Stack>
      )}
    </Stack>
  );
}
