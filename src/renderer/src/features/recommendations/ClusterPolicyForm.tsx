import { MenuItem, Slider, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import type { Cluster, ClusterPolicy, ClusterPolicyPatch } from '../../../../shared/model/inventory';
import { api } from '../../api/client';
import { formatDuration } from '../../components/format';
import { applyCluster } from '../../state/inventory-store';
import { useNotify } from '../../state/notices';

/**
 * A cluster's automation: balancing level and threshold, and what a degraded host triggers. Each
 * control shows its new value at once and sends only itself; main merges it into the policy it
 * holds and answers with the cluster, which becomes the inventory's (so nothing shows stale values).
 */
export function ClusterPolicyForm({ cluster, periodMs, onSaved }: { cluster: Cluster; periodMs: number; onSaved(): void }) {
  const notify = useNotify();
  // Changes sent and not yet answered: shown over the inventory's policy until main confirms them.
  const [unconfirmed, setUnconfirmed] = useState<ClusterPolicyPatch>({});
  // The slider moves under the pointer before it commits: what it shows while dragging.
  const [dragging, setDragging] = useState<number | null>(null);
  const shown: ClusterPolicy = { ...cluster.policy, ...unconfirmed };
  const settle = (patch: ClusterPolicyPatch) =>
    setUnconfirmed((current) =>
      Object.fromEntries(Object.entries(current).filter(([key, value]) => (patch as Record<string, unknown>)[key] !== value)),
    );
  const save = (patch: ClusterPolicyPatch) => {
    setUnconfirmed((current) => ({ ...current, ...patch }));
    return api.invoke('clusters.setPolicy', { clusterId: cluster.id, policy: patch }).then(
      (saved) => {
        applyCluster(saved);
        settle(patch);
        onSaved();
      },
      (error: unknown) => {
        settle(patch);
        notify({ level: 'error', title: 'Policy not saved', error });
      },
    );
  };
  const threshold = dragging ?? shown.threshold;
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
        value={shown.balancing}
        onChange={(e) => void save({ balancing: e.target.value as ClusterPolicy['balancing'] })}
        // When the automation acts: an admin who switches it on should not wonder why nothing moved (review 5, 24).
        helperText={
          shown.balancing === 'manual'
            ? 'Nothing moves until you apply it'
            : `Applied when set, then every ${periodMs % 60_000 === 0 ? `${periodMs / 60_000} min` : formatDuration(periodMs)}`
        }
        sx={{ width: 290 }}
      >
        <MenuItem value="manual">Manual: recommend only</MenuItem>
        <MenuItem value="partial">Partially automated: all but mission-critical</MenuItem>
        <MenuItem value="full">Fully automated</MenuItem>
      </TextField>
      <Stack sx={{ width: 220 }}>
        <Typography variant="caption">Threshold {threshold} (1 conservative … 5 aggressive)</Typography>
        <Slider
          size="small"
          min={1}
          max={5}
          step={1}
          marks
          value={threshold}
          onChange={(_e, v) => setDragging(v as number)}
          onChangeCommitted={(_e, v) => {
            setDragging(null);
            void save({ threshold: v as number });
          }}
          aria-label={`${cluster.name} balancing threshold`}
        />
      </Stack>
      <TextField
        select
        size="small"
        label="Degraded host"
        value={shown.degradedHost}
        onChange={(e) => void save({ degradedHost: e.target.value as ClusterPolicy['degradedHost'] })}
        sx={{ width: 230 }}
      >
        <MenuItem value="recommend">Recommend evacuation</MenuItem>
        <MenuItem value="evacuate">Evacuate automatically</MenuItem>
      </TextField>
    </Stack>
  );
}
