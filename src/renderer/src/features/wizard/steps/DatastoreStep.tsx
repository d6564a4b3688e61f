import { Alert, Radio, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { formatBytes, formatRate } from '../../../components/format';
import { agrees } from '../../../components/plural';
import { useInventory } from '../../../state/inventory-store';
import { batchStores, currentMark } from './datastore-choices';
import { PerVmDatastores } from './PerVmDatastores';
import type { StepProps } from './step-props';

/** "2 of 3 VMs' hosts reach it": said of a store only some of a storage-only batch's hosts reach. */
const reachWords = (reachedBy: number, total: number): string =>
  `${reachedBy} of ${total} VMs' hosts ${agrees(reachedBy, 'reaches', 'reach')} it`;

/** The batch's datastore among those its VMs' hosts reach, then (for a batch) each VM's own. */
export function DatastoreStep({ state, dispatch }: StepProps) {
  const inv = useInventory();
  if (state.type === 'compute') return <Alert severity="info">The disks stay on their datastore: nothing to choose here.</Alert>;
  if (state.type === 'both' && !inv.hosts.has(state.destHostId ?? ''))
    return <Alert severity="warning">Choose a destination host first.</Alert>;
  const stores = batchStores(state, inv);
  if (stores.length === 0) return <Alert severity="warning">No datastore is reached by these VMs&apos; hosts.</Alert>;
  const total = state.vmIds.length;
  const batch = total > 1;
  return (
    <>
      {batch && (
        <Typography variant="subtitle2" gutterBottom>
          Datastore of the batch
        </Typography>
      )}
      <Table size="small" aria-label="Datastores" sx={{ mb: 2 }}>
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
          {stores.map(({ store: d, reachedBy }) => (
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
                {currentMark(state.vmIds, d.id, inv.vms)}
                {reachedBy < total && (
                  <Typography variant="caption" color="text.secondary" component="div">
                    {reachWords(reachedBy, total)}
                  </Typography>
                )}
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
      {batch && <PerVmDatastores state={state} dispatch={dispatch} />}
    </>
  );
}
