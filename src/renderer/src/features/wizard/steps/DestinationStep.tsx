import { Alert, Box, CircularProgress, List, ListItem, ListItemButton, ListItemText, Rating, Stack, Typography } from '@mui/material';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useInventory } from '../../../state/inventory-store';
import { rankedVms } from '../batch-ranking';
import { ChecksList } from './ChecksList';
import { PerVmDestinations } from './PerVmDestinations';
import type { StepProps } from './step-props';

/** Hosts ranked for the batch (each VM's fit combined), then every VM's prechecks against its destination. */
export function DestinationStep({ state, dispatch, checks, ranking }: StepProps) {
  const inv = useInventory();
  const storageOnly = state.type === 'storage';

  if (storageOnly) return <Alert severity="info">A storage migration keeps each VM on its host; choose the datastore next.</Alert>;
  if (ranking.loading)
    return (
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <CircularProgress size={18} />
        <Typography>Ranking hosts…</Typography>
      </Stack>
    );
  if (ranking.error) return <ErrorAlert title="Could not rank hosts" error={ranking.error} />;
  const ratings = ranking.data ?? [];
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(280px, 1fr) minmax(320px, 1.2fr)', gap: 2, minHeight: 360 }}>
      <List
        dense
        aria-label="Destination hosts"
        sx={{ overflow: 'auto', maxHeight: 420, border: 1, borderColor: 'divider', borderRadius: 1 }}
      >
        {ratings.map((r) => (
          <ListItem key={r.hostId} disablePadding>
            <ListItemButton
              selected={state.destHostId === r.hostId}
              aria-current={state.destHostId === r.hostId ? 'true' : undefined}
              onClick={() => dispatch({ kind: 'destination', hostId: r.hostId })}
              sx={{ alignItems: 'flex-start' }}
            >
              <ListItemText
                primary={
                  <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                    <Typography sx={{ fontWeight: 600 }}>{r.hostName}</Typography>
                    {r.rating > 0 ? (
                      <Rating size="small" value={r.rating} readOnly aria-label={`rated ${r.rating} of 5`} />
                    ) : (
                      <Typography variant="caption" color="error">
                        blocked
                      </Typography>
                    )}
                    {state.destHostId === r.hostId && (
                      <Typography variant="caption" color="primary" sx={{ fontWeight: 600 }}>
                        ✓ chosen
                      </Typography>
                    )}
                  </Stack>
                }
                secondary={r.reasons.slice(0, 3).join(' · ')}
              />
            </ListItemButton>
          </ListItem>
        ))}
      </List>
      <Box>
        {state.vmIds.length > rankedVms && (
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mb: 1 }}>
            Hosts are ranked for the first {rankedVms} of the {state.vmIds.length} VMs; the checks below cover each VM.
          </Typography>
        )}
        {!state.destHostId && (
          <Typography color="text.secondary">
            Pick a host to see the compatibility checks{state.vmIds.length > 1 ? ` for ${state.vmIds.length} VMs` : ''}.
          </Typography>
        )}
        {state.destHostId && state.vmIds.length > 1 && state.type === 'compute' && <PerVmDestinations state={state} dispatch={dispatch} />}
        {checks.loading && <CircularProgress size={18} />}
        {checks.error && <ErrorAlert title="Could not run the checks" error={checks.error} />}
        <Stack spacing={1.5}>
          {[...(checks.byVm ?? [])].map(([vmId, results]) => (
            <ChecksList
              key={vmId}
              title={inv.vms.get(vmId)?.name ?? vmId}
              results={results}
              acknowledged={state.acknowledged}
              onAcknowledge={(code, on) => dispatch({ kind: 'acknowledge', code, on })}
            />
          ))}
        </Stack>
      </Box>
    </Box>
  );
}
