import { movedAs } from '../../../../../shared/model/moved-as';
import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useInventory } from '../../../state/inventory-store';
import type { BatchChecks } from '../batch';
import { datastoreOf, destinationOf } from '../wizard-state';
import type { WizardState } from '../wizard-state';
import { moveStatus } from './move-status';

// A waiting warning keeps the text's colour: MUI's orange is too faint on white for small text.
const statusColors = { blocked: 'error.main', 'needs-acknowledgement': undefined, ready: undefined, unknown: 'text.secondary' };

/** One row per VM: where it goes, what happens to its disks (to its own datastore or the batch's) and network, and whether it moves or what it waits for. */
export function MovesTable({ state, checks }: { state: WizardState; checks: BatchChecks }) {
  const inv = useInventory();
  const hostName = (id: string | null | undefined) => inv.hosts.get(id ?? '')?.name ?? '—';
  const storeName = (id: string | null | undefined) => inv.datastores.find((d) => d.id === id)?.name ?? '—';
  return (
    <Table size="small" aria-label="Moves">
      <TableHead>
        <TableRow>
          <TableCell>VM</TableCell>
          <TableCell>Source → destination</TableCell>
          <TableCell>Storage</TableCell>
          <TableCell>Network</TableCell>
          <TableCell>Status</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {state.vmIds.map((vmId) => {
          const vm = inv.vms.get(vmId);
          const dest = state.type === 'storage' ? vm?.hostId : destinationOf(state, vmId);
          const destHost = inv.hosts.get(dest ?? '');
          const stores = [...new Set(vm?.disks.map((d) => storeName(d.datastoreId)))].join(', ') || 'no disks';
          // Disks already on the chosen store stay there: the move is compute only (movedAs).
          const moved = movedAs(vm?.disks ?? [], { type: state.type, destDatastoreId: datastoreOf(state, vmId) });
          const storage = moved.type === 'compute' ? `stays on ${stores}` : `${stores} → ${storeName(moved.destDatastoreId)}`;
          const missing = (vm?.nics ?? []).filter((n) => !destHost?.portGroups.includes(n.portGroup)).map((n) => n.portGroup);
          const groups = [...new Set(vm?.nics.map((n) => n.portGroup))].join(', ');
          const network = !groups
            ? 'no network'
            : missing.length > 0
              ? `${groups} (missing: ${missing.join(', ')})`
              : `${groups}, same MACs`;
          const status = moveStatus(checks.byVm?.get(vmId), state.acknowledged, checks.loading);
          return (
            <TableRow key={vmId} data-vm={vm?.name ?? vmId} data-blocked={status.kind === 'blocked' ? 'true' : 'false'}>
              <TableCell>{vm?.name ?? vmId}</TableCell>
              <TableCell>
                {hostName(vm?.hostId)} → {state.type === 'storage' ? 'same host' : hostName(dest)}
              </TableCell>
              <TableCell>{storage}</TableCell>
              <TableCell>{network}</TableCell>
              <TableCell sx={{ color: statusColors[status.kind] }}>{status.text}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
