import CheckIcon from '@mui/icons-material/CheckCircle';
import CloseIcon from '@mui/icons-material/Cancel';
import { Alert, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useInventory } from '../../../state/inventory-store';
import { blockedOf } from '../batch';
import { networkRows } from './network-rows';
import type { StepProps } from './step-props';

/** Each NIC keeps its MAC and must find its port group, by name, on its VM's destination. */
export function NetworkStep({ state, checks }: StepProps) {
  const inv = useInventory();
  // Only the VMs that go (the footer names those left out): a left-out VM's MACs read "on destination"
  // as if it moved (new-user review 8, m6).
  const blocked = blockedOf(checks.byVm);
  const rows = networkRows(state, inv.vms, inv.hosts, blocked);
  if (rows.length === 0)
    return (
      <Alert severity="info">
        {blocked.size > 0 ? 'No VM that moves has a network interface.' : 'These VMs have no network interfaces.'}
      </Alert>
    );
  return (
    <>
      {rows.some((r) => !r.ok) && (
        <Alert severity="error" sx={{ mb: 1 }}>
          Some port groups are missing on the destination; those VMs would lose their network. Go back and pick another host.
        </Alert>
      )}
      <Table size="small" aria-label="Network mapping">
        <TableHead>
          <TableRow>
            <TableCell>VM</TableCell>
            <TableCell>MAC</TableCell>
            <TableCell>Port group</TableCell>
            <TableCell>On destination</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={`${r.vm}-${r.nic.mac}`}>
              <TableCell>{r.vm}</TableCell>
              <TableCell sx={{ fontFamily: 'monospace' }}>{r.nic.mac}</TableCell>
              <TableCell>{r.nic.portGroup}</TableCell>
              <TableCell>
                {r.ok ? (
                  <CheckIcon color="success" fontSize="small" titleAccess="present" />
                ) : (
                  <CloseIcon color="error" fontSize="small" titleAccess="missing" />
                )}{' '}
                {r.host}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
