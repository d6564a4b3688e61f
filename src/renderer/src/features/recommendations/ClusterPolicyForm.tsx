import { MenuItem, Slider, Stack, TextField, Typography } from '@mui/material';
import type { Cluster, ClusterPolicy } from '../../../../shared/model/inventory';
import { api } from '../../api/client';
import { useNotify } from '../../state/notices';

/** A cluster's automation: balancing level and threshold, and what a degraded host triggers. */
export function ClusterPolicyForm({ cluster, onSaved }: { cluster: Cluster; onSaved(): void }) {
  const notify = useNotify();
  const save = (policy: ClusterPolicy) =>
    api
      .invoke('clusters.setPolicy', { clusterId: cluster.id, policy })
      .then(onSaved, (error: unknown) => notify({ level: 'error', title: 'Policy not saved', error }));
  const p = cluster.policy;
  return (
    <Stack
      direction="row"
      spacing={2}
      sx={{ alignItems: 'center', flexWrap: 'wrap' }}
      useFlexGap
      role="group"
      aria-label={`${cluster.name} automation`}
    >
      <TextField
        select
        size="small"
        label="Balancing"
        value={p.balancing}
        onChange={(e) => void save({ ...p, balancing: e.target.value as ClusterPolicy['balancing'] })}
        sx={{ width: 290 }}
      >
        <MenuItem value="manual">Manual: recommend only</MenuItem>
        <MenuItem value="partial">Partially automated: all but mission-critical</MenuItem>
        <MenuItem value="full">Fully automated</MenuItem>
      </TextField>
      <Stack sx={{ width: 220 }}>
        <Typography variant="caption">Threshold {p.threshold} (1 conservative … 5 aggressive)</Typography>
        <Slider
          size="small"
          min={1}
          max={5}
          step={1}
          marks
          value={p.threshold}
          onChangeCommitted={(_e, v) => void save({ ...p, threshold: v as number })}
          aria-label={`${cluster.name} balancing threshold`}
        />
      </Stack>
      <TextField
        select
        size="small"
        label="Degraded host"
        value={p.degradedHost}
        onChange={(e) => void save({ ...p, degradedHost: e.target.value as ClusterPolicy['degradedHost'] })}
        sx={{ width: 230 }}
      >
        <MenuItem value="recommend">Recommend evacuation</MenuItem>
        <MenuItem value="evacuate">Evacuate automatically</MenuItem>
      </TextField>
    </Stack>
  );
}
