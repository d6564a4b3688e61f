import { Alert, Radio, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { formatBytes, formatRate } from '../../../components/format';
import { useInventory } from '../../../state/inventory-store';
import type { StepProps } from './step-props';

/** The destination host's datastores, when disks move. */
export function DatastoreStep({ state, dispatch }: StepProps) {
  const inv = useInventory();
  if (state.type === 'compute') return <Alert severity="info">The disks stay on their datastore: nothing to choose here.</Alert>;
  const firstVm = inv.vms.get(state.vmIds[0] ?? '');
  const hostId = state.type === 'storage' ? firstVm?.hostId : state.destHostId;
  const host = hostId ? inv.hosts.get(hostId) : undefined;
  if (!host) return <Alert severity="warning">Choose a destination host first.</Alert>;
  const current = new Set(state.vmIds.flatMap((id) => inv.vms.get(id)?.disks.map((d) => d.datastoreId) ?? []));
  const stores = inv.datastores.filter((d) => host.datastoreIds.includes(d.id));
  return (
    <Table size="small" aria-label="Datastores">
      <TableHead>
        <TableRow>
          <TableCell padding="checkbox" />
          <TableCell>Datastore</TableCell>
          <TableCell>Kind</TableCell>
          <TableCell align="right">Free</TableCell>
          <TableCell align="right">Throughput</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {stores.map((d) => (
          <TableRow
            key={d.id}
            hover
            selected={state.destDatastoreId === d.id}
            onClick={() => dispatch({ kind: 'datastore', datastoreId: d.id })}
            sx={{ cursor: 'pointer' }}
          >
            <TableCell padding="checkbox">
              <Radio checked={state.destDatastoreId === d.id} slotProps={{ input: { 'aria-label': d.name } }} />
            </TableCell>
            <TableCell>
              {d.name}
              {current.has(d.id) ? ' (current)' : ''}
            </TableCell>
            <TableCell>{d.kind}</TableCell>
            <TableCell align="right">
              {formatBytes(d.freeBytes)} of {formatBytes(d.capacityBytes)}
            </TableCell>
            <TableCell align="right">{formatRate(d.throughputBps)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
