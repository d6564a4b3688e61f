import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Divider,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { Fragment } from 'react';
import { api } from '../../api/client';
import { useCommand } from '../../api/use-command';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatClock, formatTime } from '../../components/format';
import { useNotify } from '../../state/notices';
import { AddHostWizard } from './AddHostWizard';
import { ReenterCredentials } from './ReenterCredentials';

/** The libvirt hosts Ferry manages beside the simulated datacenter: add and remove them. */
export function HostsDialog({ onClose }: { onClose(): void }) {
  const connections = useCommand('hosts.connections', {});
  const notify = useNotify();
  const remove = (id: string, name: string) =>
    api
      .invoke('hosts.remove', { connectionId: id })
      .then(connections.reload, (error: unknown) => notify({ level: 'error', title: `Could not remove ${name}`, error }));
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="hosts-title">
      <DialogTitle id="hosts-title">libvirt hosts</DialogTitle>
      <DialogContent dividers>
        {connections.error && <ErrorAlert title="Could not load the saved hosts" error={connections.error} />}
        {connections.data?.length === 0 && (
          <Typography color="text.secondary">No libvirt hosts yet: Ferry shows its simulated datacenter. Add a host below.</Typography>
        )}
        {connections.data && connections.data.length > 0 && (
          <Table size="small" aria-label="Saved hosts">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>URI</TableCell>
                <TableCell>Cluster</TableCell>
                <TableCell>Authentication</TableCell>
                <TableCell>Added</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {connections.data.map((c) => (
                <Fragment key={c.id}>
                  <TableRow>
                    <TableCell>{c.name}</TableCell>
                    <TableCell sx={{ fontFamily: 'monospace' }}>{c.uri}</TableCell>
                    <TableCell>{c.clusterName}</TableCell>
                    <TableCell>
                      {c.auth}
                      {c.hostKeySha256 ? ' (host key pinned)' : ''}
                    </TableCell>
                    <TableCell title={formatTime(c.createdAt)}>{formatClock(c.createdAt)}</TableCell>
                    <TableCell>
                      <Button size="small" color="error" onClick={() => void remove(c.id, c.name)}>
                        Remove
                      </Button>
                    </TableCell>
                  </TableRow>
                  {c.status === 'credentials-unavailable' && (
                    <TableRow>
                      <TableCell colSpan={6}>
                        <ReenterCredentials connection={c} onSaved={connections.reload} />
                      </TableCell>
                    </TableRow>
                  )}
                </Fragment>
              ))}
            </TableBody>
          </Table>
        )}
        <Divider sx={{ my: 2 }} />
        <Typography variant="subtitle1" component="h3" gutterBottom>
          Add a libvirt host
        </Typography>
        <AddHostWizard onAdded={connections.reload} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
