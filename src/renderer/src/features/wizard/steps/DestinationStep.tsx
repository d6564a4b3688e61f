import {
  Alert,
  Box,
  CircularProgress,
  List,
  ListItem,
  ListItemButton,
  ListItemText,
  Rating,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState, type KeyboardEvent } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useInventory } from '../../../state/inventory-store';
import { rankedVms } from '../batch-ranking';
import { datastoreOf } from '../wizard-state';
import type { PrecheckResult } from '../../../../../shared/model/precheck';
import { ChecksList } from './ChecksList';
import { DiskBoundNote } from './DiskBoundNote';
import { hostsToList, listedHosts } from './destination-hosts';
import { PerVmDestinations } from './PerVmDestinations';
import type { StepProps } from './step-props';

/** Arrow keys, Home and End move the focus among a list's buttons. */
function moveInList(event: KeyboardEvent<HTMLElement>) {
  const buttons = [...event.currentTarget.querySelectorAll<HTMLElement>('[role="button"]')];
  const at = buttons.indexOf(document.activeElement as HTMLElement);
  const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
  if (to === undefined || at < 0) return;
  event.preventDefault();
  buttons[Math.max(0, Math.min(buttons.length - 1, to))]?.focus();
}

/** "No destination datastore was chosen": the next step's choice, not a check this host fails (new-user review 14, 6). */
const awaitsItsDatastore = (r: PrecheckResult, chosen: string | null): boolean => r.code === 'DATASTORE_NOT_REACHABLE' && chosen === null;

/** Hosts ranked for the batch (each VM's fit combined), then every VM's prechecks against its destination. */
export function DestinationStep({ state, dispatch, checks, ranking }: StepProps) {
  const inv = useInventory();
  const [find, setFind] = useState('');
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
  const { listed, matching } = hostsToList(ratings, find, state.destHostId);
  // The list is one Tab stop, on the chosen host (else the first); the arrows, Home and End move in it.
  const tabStop = listed.some((r) => r.hostId === state.destHostId) ? state.destHostId : listed[0]?.hostId;
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(280px, 1fr) minmax(320px, 1.2fr)', gap: 2, minHeight: 360 }}>
      <Box>
        <DiskBoundNote state={state} dispatch={dispatch} ranking={ranking} />
        {ratings.length > listedHosts && (
          <TextField
            size="small"
            fullWidth
            label="Find a host"
            value={find}
            onChange={(e) => setFind(e.target.value)}
            helperText={`${listed.length < matching ? `The best ${listedHosts.toLocaleString()} of ` : ''}${matching.toLocaleString()} hosts${find ? ' matching' : ''}, best first`}
            sx={{ mb: 1 }}
          />
        )}
        <List
          dense
          aria-label="Destination hosts"
          onKeyDown={moveInList}
          sx={{ overflow: 'auto', maxHeight: 420, border: 1, borderColor: 'divider', borderRadius: 1 }}
        >
          {listed.map((r) => (
            <ListItem key={r.hostId} disablePadding>
              <ListItemButton
                tabIndex={r.hostId === tabStop ? 0 : -1}
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
      </Box>
      <Box>
        {state.vmIds.length > rankedVms && (
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mb: 1 }}>
            Hosts are ranked for {rankedVms} of the {state.vmIds.length} VMs, taken from each of their clusters in turn; the checks below
            cover each VM.
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
              results={results.filter((r) => !awaitsItsDatastore(r, datastoreOf(state, vmId)))}
              acknowledged={state.acknowledged}
              onAcknowledge={(code, on) => dispatch({ kind: 'acknowledge', code, on })}
            />
          ))}
        </Stack>
      </Box>
    </Box>
  );
}
