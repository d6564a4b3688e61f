import { Chip, Stack } from '@mui/material';
import { useMemo } from 'react';
import type { Datastore, Network, Vm } from '../../../../shared/model/inventory';
import { formatBytes, formatCount, formatPercent, formatRate } from '../../components/format';
import type { InventoryState } from '../../state/inventory-store';
import { useSelection } from '../../state/selection';
import { Facts } from '../../components/Facts';
import { vmsOnDatastore, vmsOnPortGroup } from './summary-vms';

const SHOWN = 24;

/** Names that select what they name; past a couple of dozen, a count of the rest. */
function Links({ items, kind }: { items: { id: string; name: string }[]; kind: 'host' | 'vm' }) {
  const { select } = useSelection();
  if (items.length === 0) return <>—</>;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {items.slice(0, SHOWN).map((i) => (
        <Chip key={i.id} size="small" label={i.name} onClick={() => select({ kind, id: i.id })} />
      ))}
      {items.length > SHOWN && <Chip size="small" variant="outlined" label={`and ${formatCount(items.length - SHOWN)} more`} />}
    </Stack>
  );
}

const count = (vms: Vm[]) => `${formatCount(vms.length)} (${formatCount(vms.filter((v) => v.power === 'running').length)} running)`;

function VmsCell({ vms }: { vms: Vm[] }) {
  return (
    <Stack spacing={0.5}>
      <span>{count(vms)}</span>
      <Links kind="vm" items={vms} />
    </Stack>
  );
}

function useHosts(hostIds: string[], inv: InventoryState) {
  return hostIds.map((id) => ({ id, name: inv.hosts.get(id)?.name ?? id }));
}

/** A datastore: its capacity, use, and the hosts and VMs on it. */
export function DatastoreSummary({ datastore, inv }: { datastore: Datastore; inv: InventoryState }) {
  const vms = useMemo(() => vmsOnDatastore(inv.vms, datastore.id), [inv.vms, datastore.id]);
  const hosts = useHosts(datastore.hostIds, inv);
  const used = datastore.capacityBytes - datastore.freeBytes;
  return (
    <Facts
      maxWidth={900}
      label="Datastore summary"
      rows={[
        ['Type', datastore.kind === 'shared' ? 'Shared' : 'Local'],
        ['Capacity', formatBytes(datastore.capacityBytes)],
        ['Used', `${formatBytes(used)} (${datastore.capacityBytes ? formatPercent(used / datastore.capacityBytes) : '—'})`],
        ['Free', formatBytes(datastore.freeBytes)],
        ['Throughput', formatRate(datastore.throughputBps)],
        [`Hosts (${formatCount(hosts.length)})`, <Links key="h" kind="host" items={hosts} />],
        ['Virtual machines', <VmsCell key="v" vms={vms} />],
      ]}
    />
  );
}

/** A port group (named alike on every host): the hosts offering it and the VMs connected to it. */
export function NetworkSummary({ network, inv }: { network: Network; inv: InventoryState }) {
  const vms = useMemo(() => vmsOnPortGroup(inv.vms, network), [inv.vms, network]);
  const hosts = useHosts(network.hostIds, inv);
  return (
    <Facts
      maxWidth={900}
      label="Port group summary"
      rows={[
        [`Hosts (${formatCount(hosts.length)})`, <Links key="h" kind="host" items={hosts} />],
        ['Virtual machines', <VmsCell key="v" vms={vms} />],
      ]}
    />
  );
}
