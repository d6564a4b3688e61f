import { MenuItem, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useInventory } from '../../../state/inventory-store';
import { datastoreOf, type WizardState } from '../wizard-state';
import { storeHostOf, unreachedVms, vmStoreChoices } from './datastore-choices';
import type { StepProps } from './step-props';

const same = '';

/** One VM's datastore: the batch's (named, so the field never looks empty) or one its host reaches, with its free space. */
function VmDatastoreSelect({
  state,
  dispatch,
  vmId,
  unreached,
}: Pick<StepProps, 'state' | 'dispatch'> & { vmId: string; unreached: boolean }) {
  const inv = useInventory();
  const vm = inv.vms.get(vmId);
  const host = storeHostOf(state, vmId, inv);
  const storeName = (id: string | null) => inv.datastores.find((d) => d.id === id)?.name ?? id;
  const batchStore = storeName(state.destDatastoreId);
  return (
    <TextField
      select
      size="small"
      variant="standard"
      value={state.vmDatastores[vmId] ?? same}
      onChange={(e) => dispatch({ kind: 'vmDatastore', vmId, datastoreId: e.target.value || null })}
      label={`Datastore of ${vm?.name ?? vmId}`}
      sx={{ width: '100%', maxWidth: 360 }}
      slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
      error={unreached}
      helperText={
        unreached ? `${host?.name ?? 'Its host'} does not reach ${batchStore}: give it one of its own, or it will not move.` : undefined
      }
      data-datastore={storeName(datastoreOf(state, vmId)) ?? ''}
    >
      {/* The batch's store stays choosable even where this VM's host does not reach it: Ready to complete then lists the VM as not moving. */}
      <MenuItem value={same}>{batchStore ? `the batch's (${batchStore})` : "the batch's (none chosen yet)"}</MenuItem>
      {vmStoreChoices(state, vmId, inv).map((choice) => (
        <MenuItem key={choice.store.id} value={choice.store.id} disabled={choice.disabled}>
          {choice.label}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** A batch's disks go to the chosen datastore unless a VM is given its own here (vCenter's batch migrate does the same). */
export function PerVmDatastores({ state, dispatch }: { state: WizardState; dispatch: StepProps['dispatch'] }) {
  const inv = useInventory();
  const unreached = unreachedVms(state, inv);
  return (
    <>
      <Typography variant="subtitle2" gutterBottom>
        Datastore of each VM
      </Typography>
      {/* Fixed layout: the columns share the step's width, as the Destination step's per-VM table does. */}
      <Table size="small" aria-label="Datastore of each VM" sx={{ tableLayout: 'fixed', '& td': { overflowWrap: 'anywhere' } }}>
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: '32%' }}>VM</TableCell>
            <TableCell sx={{ width: '22%' }}>{state.type === 'storage' ? 'Host' : 'Destination'}</TableCell>
            <TableCell>Datastore</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {state.vmIds.map((vmId) => {
            const vm = inv.vms.get(vmId);
            const blocked = unreached.has(vmId);
            return (
              <TableRow key={vmId} data-vm={vm?.name ?? vmId} data-unreached={blocked ? 'true' : 'false'}>
                <TableCell sx={blocked ? { color: 'error.main' } : undefined}>{vm?.name ?? vmId}</TableCell>
                <TableCell>{storeHostOf(state, vmId, inv)?.name ?? '—'}</TableCell>
                <TableCell>
                  <VmDatastoreSelect state={state} dispatch={dispatch} vmId={vmId} unreached={blocked} />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </>
  );
}
