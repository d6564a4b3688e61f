import { ListSubheader, MenuItem, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useCommand } from '../../../api/use-command';
import { useInventory } from '../../../state/inventory-store';
import { destinationOf } from '../wizard-state';
import type { WizardState } from '../wizard-state';
import type { StepProps } from './step-props';
import { compareNames } from '../../../../../shared/model/names';
import type { Host } from '../../../../../shared/model/inventory';
import type { HostRating } from '../../../../../shared/model/precheck';

const same = '';
/** Past this many hosts a VM's own destination is chosen among its best-rated ones: 2,000 options took 2 s to open. */
const allListedUpTo = 100;
const bestListed = 50;

/** The hosts a VM's field offers: every host on a small estate (by name), else its best-rated that fit and the chosen one. */
function optionsFor(
  hosts: ReadonlyMap<string, Host>,
  ranking: readonly HostRating[],
  chosenId: string | null,
): { listed: Host[]; left: number } {
  if (hosts.size <= allListedUpTo) return { listed: [...hosts.values()].sort((a, b) => compareNames(a.name, b.name)), left: 0 };
  const best = ranking.filter((r) => r.rating > 0 || r.hostId === chosenId).slice(0, bestListed);
  if (chosenId && !best.some((r) => r.hostId === chosenId)) best.push(...ranking.filter((r) => r.hostId === chosenId));
  const listed = best.map((r) => hosts.get(r.hostId)).filter((h): h is Host => h !== undefined);
  return { listed, left: hosts.size - listed.length };
}

/** One VM's destination: the batch's (named, so the field never looks empty) or a host of its own; hosts this VM cannot go to are marked with why, as the ranked list does. */
function VmDestinationSelect({ state, dispatch, vmId }: Pick<StepProps, 'state' | 'dispatch'> & { vmId: string }) {
  const inv = useInventory();
  const vm = inv.vms.get(vmId);
  const ranking = useCommand('migration.recommend', { vmId, type: state.type });
  const blockedWhy = new Map((ranking.data ?? []).filter((r) => r.rating === 0).map((r) => [r.hostId, r.reasons[0] ?? 'a check fails']));
  const hosts = optionsFor(inv.hosts, ranking.data ?? [], state.vmDestinations[vmId] ?? null);
  const batchHost = inv.hosts.get(state.destHostId ?? '')?.name ?? '—';
  const mark = (hostId: string) => {
    const why = blockedWhy.get(hostId);
    return why ? (
      <>
        {' — '}
        <Typography component="span" variant="caption" color="error">
          blocked: {why}
        </Typography>
      </>
    ) : null;
  };
  return (
    <TextField
      select
      size="small"
      variant="standard"
      value={state.vmDestinations[vmId] ?? same}
      onChange={(e) => dispatch({ kind: 'vmDestination', vmId, hostId: e.target.value || null })}
      label={`Destination of ${vm?.name ?? vmId}`}
      sx={{ width: '100%', maxWidth: 360 }}
      slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
      data-destination={inv.hosts.get(destinationOf(state, vmId) ?? '')?.name ?? ''}
    >
      {/* The batch's host stays choosable even when blocked for this VM: Ready to complete then lists it as not moving. */}
      <MenuItem value={same}>
        {`${batchHost} (the batch's)`}
        {mark(state.destHostId ?? '')}
      </MenuItem>
      {hosts.listed
        .filter((h) => h.id !== state.destHostId)
        .map((h) => (
          <MenuItem key={h.id} value={h.id} disabled={blockedWhy.has(h.id)}>
            {h.name}
            {mark(h.id)}
          </MenuItem>
        ))}
      {/* A heading, not an option: an option valued '' read as the batch's host, whose value it shared (review 10). */}
      {hosts.left > 0 && (
        <ListSubheader>
          {ranking.loading
            ? 'Rating the hosts for this VM…'
            : `The ${hosts.listed.length} best-rated of ${inv.hosts.size.toLocaleString()} hosts are listed`}
        </ListSubheader>
      )}
    </TextField>
  );
}

/** A batch moves to the chosen host unless a VM is given its own destination here. */
export function PerVmDestinations({ state, dispatch }: { state: WizardState; dispatch: StepProps['dispatch'] }) {
  const inv = useInventory();
  return (
    <>
      <Typography variant="subtitle2" gutterBottom>
        Destination of each VM
      </Typography>
      {/* Fixed layout: the columns share the step's width (its content was 2 px wider at 1280 px, review 2 F13). */}
      <Table size="small" aria-label="Destination of each VM" sx={{ mb: 2, tableLayout: 'fixed', '& td': { overflowWrap: 'anywhere' } }}>
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: '32%' }}>VM</TableCell>
            <TableCell sx={{ width: '22%' }}>From</TableCell>
            <TableCell>To</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {state.vmIds.map((vmId) => {
            const vm = inv.vms.get(vmId);
            return (
              <TableRow key={vmId}>
                <TableCell>{vm?.name ?? vmId}</TableCell>
                <TableCell>{inv.hosts.get(vm?.hostId ?? '')?.name ?? '—'}</TableCell>
                <TableCell>
                  <VmDestinationSelect state={state} dispatch={dispatch} vmId={vmId} />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </>
  );
}
