import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import type { PrecheckResult } from '../../../../../shared/model/precheck';
import { useInventory } from '../../../state/inventory-store';
import { destinationOf } from '../wizard-state';
import type { WizardState } from '../wizard-state';

/** One row per VM: where it goes, what happens to its disks and network, and whether it moves. */
export function MovesTable({ state, blocked }: { state: WizardState; blocked: ReadonlyMap<string, PrecheckResult> }) {
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
          const storage = state.type === 'compute' ? `stays on ${stores}` : `${stores} → ${storeName(state.destDatastoreId)}`;
          const missing = (vm?.nics ?? []).filter((n) => !destHost?.portGroups.includes(n.portGroup)).map((n) => n.portGroup);
          const groups = [...new Set(vm?.nics.map((n) => n.portGroup))].join(', ');
          const network = !groups
            ? 'no network'
            : missing.length > 0
              ? `${groups} (missing: ${missing.join(', ')})`
              : `${groups}, same MACs`;
          const reason = blocked.get(vmId);
          return (
            <TableRow key={vmId} data-vm={vm?.name ?? vmId} data-blocked={reason ? 'true' : 'false'}>
              <TableCell>{vm?.name ?? vmId}</TableCell>
              <TableCell>
                {hostName(vm?.hostId)} → {state.type === 'storage' ? 'same host' : hostName(dest)}
              </TableCell>
              <TableCell>{storage}</TableCell>
              <TableCell>{network}</TableCell>
              <TableCell sx={{ color: reason ? 'error.main' : undefined }}>
                {reason ? `Will not move: ${reason.message}` : 'Ready'}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
