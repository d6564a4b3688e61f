import { Typography } from '@mui/material';
import type { Host } from '../../../../shared/model/inventory';
import { useCommand, useReloadOn } from '../../api/use-command';
import { formatBits, formatClock } from '../../components/format';
import { useInventory } from '../../state/inventory-store';
import { useTasks } from '../../state/tasks-store';

/**
 * The host's migration link: what it is set to (or assumed), and what completed migrations to
 * and from it achieved, which predictions use instead.
 */
export function HostLinks({ host }: { host: Host }) {
  const inv = useInventory();
  const { tasks } = useTasks();
  // A migration that finished on this host may have taught a new speed.
  const version = [...tasks.values()]
    .filter((t) => t.sourceHostId === host.id || t.destHostId === host.id)
    .map((t) => `${t.id}:${t.state}`)
    .join(',');
  const links = useCommand('inventory.hostLinks', { hostId: host.id });
  useReloadOn(version, links.reload);
  const name = (id: string) => inv.hosts.get(id)?.name ?? id;
  const set = host.migrationBandwidthSource === 'assumed' ? 'assumed (not set with the host)' : 'configured';
  return (
    <>
      <Typography variant="body2">{`${formatBits(host.migrationBandwidthBps)}, ${set}`}</Typography>
      {(links.data ?? []).map((l) => (
        <Typography key={`${l.sourceHostId}>${l.destHostId}`} variant="body2" color="text.secondary">
          {`${name(l.sourceHostId)} → ${name(l.destHostId)}: ${formatBits(l.bytesPerSecond)} learned (median of ${l.samples}, last ${formatClock(l.lastAt)})`}
        </Typography>
      ))}
    </>
  );
}
