import { MenuItem, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useInventory } from '../../../state/inventory-store';
import { destinationOf } from '../batch';
import type { StepProps } from './step-props';

const same = '';

/** A batch moves to the chosen host unless a VM is given its own destination here. */
export function PerVmDestinations({ state, dispatch }: StepProps) {
  const inv = useInventory();
  const hosts = [...inv.hosts.values()].sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  const batchHost = inv.hosts.get(state.destHostId ?? '')?.name ?? '—';
  return (
    <>
      <Typography variant="subtitle2" gutterBottom>
        Destination of each VM
      </Typography>
      <Table size="small" aria-label="Destination of each VM" sx={{ mb: 2 }}>
        <TableHead>
          <TableRow>
            <TableCell>VM</TableCell>
            <TableCell>From</TableCell>
            <TableCell>To</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {state.vmIds.map((vmId) => {
            const vm = inv.vms.get(vmId);
            const own = state.vmDestinations[vmId];
            return (
              <TableRow key={vmId}>
                <TableCell>{vm?.name ?? vmId}</TableCell>
                <TableCell>{inv.hosts.get(vm?.hostId ?? '')?.name ?? '—'}</TableCell>
                <TableCell>
                  <TextField
                    select
                    size="small"
                    variant="standard"
                    value={own ?? same}
                    onChange={(e) => dispatch({ kind: 'vmDestination', vmId, hostId: e.target.value || null })}
                    label={`Destination of ${vm?.name ?? vmId}`}
                    sx={{ minWidth: 220 }}
                    data-destination={inv.hosts.get(destinationOf(state, vmId) ?? '')?.name ?? ''}
                  >
                    <MenuItem value={same}>{`${batchHost} (the batch's)`}</MenuItem>
                    {hosts
                      .filter((h) => h.id !== state.destHostId)
                      .map((h) => (
                        <MenuItem key={h.id} value={h.id}>
                          {h.name}
                        </MenuItem>
                      ))}
                  </TextField>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </>
  );
}
