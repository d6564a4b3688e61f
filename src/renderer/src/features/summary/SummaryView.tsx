import { Box, Chip, Divider, Stack, Typography } from '@mui/material';
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { Datastore, Host, Network, Vm } from '../../../../shared/model/inventory';
import { formatBytes, formatCount, formatPercent, formatRate } from '../../components/format';
import { cpuUsageOf, memoryUsedOf, usageTotals, type HostUsage } from '../../state/host-usage';
import { useInventory, type InventoryState } from '../../state/inventory-store';
import { focusWhenShown, takeOpenRequest, useOpenRequest } from '../../state/open-request';
import { useSelection, type Selection } from '../../state/selection';
import { vmCountsLine } from './vm-counts';
import { HostLinks } from './HostLinks';
import { VmAttributesEditor } from './VmAttributesEditor';
import { VmMigrateButton } from './VmMigrateButton';
import { ClusterCpuBaseline } from './ClusterCpuBaseline';
import { VmCpuBaseline } from './VmCpuBaseline';
import { DatastoreSummary, NetworkSummary } from './StoragePlaces';
import { agrees } from '../../components/plural';
import { Facts } from '../../components/Facts';

const chips = (items: string[]) => (
  <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
    {items.length === 0 ? '—' : items.map((i) => <Chip key={i} size="small" label={i} />)}
  </Stack>
);

function attentionLine(hosts: readonly Host[]): string {
  const attention = hosts.filter((h) => h.health !== 'ok' || h.connection !== 'connected').length;
  return `${formatCount(hosts.length)} (${formatCount(attention)} ${agrees(attention, 'needs', 'need')} attention)`;
}

function totals(hosts: Host[], vmLine: string, usage: HostUsage): [string, ReactNode][] {
  const t = usageTotals(hosts, usage);
  const unreported = t.unreported > 0 ? ` (${formatCount(t.unreported)} ${agrees(t.unreported, 'host', 'hosts')} not reporting)` : '';
  return [
    ['Hosts', attentionLine(hosts)],
    ['Virtual machines', vmLine],
    ['Memory', t.reporting ? `${formatBytes(t.memoryUsedBytes)} of ${formatBytes(t.memoryBytes)} used${unreported}` : '—'],
    ['CPU', t.cpuAverage !== null ? `${formatPercent(t.cpuAverage)} average${unreported}` : '—'],
  ];
}

/** Whether a host meets its cluster's CPU baseline: one below it takes no guests of that cluster. */
function baselineFit(host: Host, inv: InventoryState): string {
  const evc = inv.clusters.find((c) => c.id === host.clusterId)?.evc;
  if (!evc) return 'off';
  if (host.cpu.featuresError) return `${evc.model}: cannot tell (its feature list is incomplete)`;
  const missing = evc.features.filter((f) => !host.cpu.features.includes(f));
  return missing.length === 0
    ? `${evc.model}: met`
    : `${evc.model}: not met, lacks ${missing.slice(0, 6).join(', ')}${missing.length > 6 ? ` and ${missing.length - 6} more` : ''}`;
}

function HostSummary({ host, inv }: { host: Host; inv: InventoryState }) {
  const used = memoryUsedOf(host, inv.usage);
  const reporting = host.connection === 'connected';
  const vmLine = useMemo(() => vmCountsLine(inv.vms, [host]), [inv.vms, host]);
  return (
    <Facts
      rows={[
        ['Health', `${host.health}, ${host.connection}${host.health !== 'ok' && host.healthReason ? `: ${host.healthReason}` : ''}`],
        ['Maintenance', host.maintenance],
        [
          'CPU',
          `${host.cpu.modelName}, ${host.cpu.cores} cores, ${reporting ? `${formatPercent(cpuUsageOf(host, inv.usage))} used` : 'use not reported'}`,
        ],
        [
          'CPU features',
          // A list the backend could not read whole says so, rather than look like the host's all.
          host.cpu.featuresError
            ? `${host.cpu.features.length} flags, incomplete: ${host.cpu.featuresError}`
            : `${host.cpu.features.length} flags`,
        ],
        [
          'Memory',
          reporting
            ? `${formatBytes(used)} of ${formatBytes(host.memoryBytes)} (${formatPercent(used / host.memoryBytes)})`
            : `${formatBytes(host.memoryBytes)}, use not reported (${host.connection})`,
        ],
        ['Cluster CPU baseline', baselineFit(host, inv)],
        ['Migration network', <HostLinks host={host} />],
        ['Datastores', chips(host.datastoreIds.map((id) => inv.datastores.find((d) => d.id === id)?.name ?? id))],
        ['Port groups', chips(host.portGroups)],
        // What a passthrough guest needs of a destination: the wizard refuses a host without its device.
        [
          'Passthrough devices',
          host.passthroughDevices === undefined
            ? 'not reported by its backend'
            : host.passthroughDevices.length === 0
              ? 'none'
              : chips(host.passthroughDevices),
        ],
        ['Virtual machines', vmLine],
      ]}
    />
  );
}

function VmSummary({ vm, inv }: { vm: Vm; inv: InventoryState }) {
  return (
    <Facts
      rows={[
        ['Power', vm.power],
        ['Host', inv.hosts.get(vm.hostId)?.name ?? vm.hostId],
        ['Memory', `${formatBytes(vm.memoryBytes)}, dirtied at ${formatRate(vm.dirtyRateBps)}`],
        ['vCPUs', `${vm.vcpus} (${formatPercent(vm.cpuUsage)} used)`],
        ['CPU model', vm.cpuPending ? `${vm.cpuModel || '—'} (${vm.cpuPending.model} pending until power cycle)` : vm.cpuModel || '—'],
        ['Disks', vm.disks.map((d) => `${d.path} (${formatBytes(d.allocatedBytes)} of ${formatBytes(d.capacityBytes)})`).join(', ') || '—'],
        ['Network', vm.nics.map((n) => `${n.portGroup} (${n.mac})`).join(', ') || '—'],
        [
          'Devices',
          vm.devices.length === 0 ? '—' : vm.devices.map((d) => `${d.name}${d.migratable ? '' : ' (cannot migrate)'}`).join(', '),
        ],
        ['Tags', chips(vm.tags)],
        ['Mission-critical', vm.missionCritical ? 'yes' : 'no'],
      ]}
    />
  );
}

/** The hosts of the selected cluster or datacenter; undefined (all) for anything else. */
function hostsOf(selection: Selection | null, hosts: InventoryState['hosts'], clusters: InventoryState['clusters']): Host[] | undefined {
  if (selection?.kind === 'cluster') return [...hosts.values()].filter((h) => h.clusterId === selection.id);
  if (selection?.kind !== 'datacenter') return undefined;
  const clusterIds = new Set(clusters.filter((c) => c.datacenterId === selection.id).map((c) => c.id));
  return [...hosts.values()].filter((h) => clusterIds.has(h.clusterId));
}

interface SummaryViewProps {
  extra?: (kind: string, id: string) => ReactNode;
  /** A VM's "Migrate…": App opens the wizard as the tree's Migrate… does. */
  onMigrate?: (vmId: string) => void;
}

/** The selected object's facts; with nothing selected, the whole inventory's. */
export function SummaryView({ extra, onMigrate }: SummaryViewProps) {
  const inv = useInventory();
  const { selection } = useSelection();
  const heading = useRef<HTMLHeadingElement>(null);
  const open = useOpenRequest();
  // Opened from the search and not in the tree (a datastore, a port group): the summary takes the focus.
  useEffect(() => {
    if (open?.target.kind !== 'summary') return;
    takeOpenRequest(open);
    focusWhenShown(() => heading.current);
  }, [open]);
  const hosts = [...inv.hosts.values()];
  const scopeHosts = useMemo(() => hostsOf(selection, inv.hosts, inv.clusters), [selection, inv.hosts, inv.clusters]);
  // Counted again when VMs change, not at every metrics update.
  const vmLine = useMemo(() => vmCountsLine(inv.vms, scopeHosts), [inv.vms, scopeHosts]);
  let title = 'All datacenters';
  let body: ReactNode = <Facts rows={totals(hosts, vmLine, inv.usage)} />;
  if (selection?.kind === 'host' && inv.hosts.get(selection.id)) {
    const host = inv.hosts.get(selection.id) as Host;
    title = host.name;
    body = <HostSummary host={host} inv={inv} />;
  } else if (selection?.kind === 'vm' && inv.vms.get(selection.id)) {
    const vm = inv.vms.get(selection.id) as Vm;
    title = vm.name;
    body = (
      <>
        {onMigrate && <VmMigrateButton vm={vm} onMigrate={onMigrate} />}
        <VmSummary vm={vm} inv={inv} />
        <VmAttributesEditor key={`${vm.id} ${String(vm.missionCritical)} ${vm.tags.join(' ')}`} vm={vm} />
        <VmCpuBaseline key={`cpu ${vm.id}`} vm={vm} cluster={inv.clusters.find((c) => c.id === inv.hosts.get(vm.hostId)?.clusterId)} />
      </>
    );
  } else if (selection?.kind === 'cluster') {
    const cluster = inv.clusters.find((c) => c.id === selection.id);
    const clusterHosts = scopeHosts ?? [];
    title = cluster?.name ?? selection.id;
    body = (
      <>
        <Facts
          rows={[
            ...totals(clusterHosts, vmLine, inv.usage),
            ['CPU baseline', cluster?.evc ? `${cluster.evc.model} (set), ${cluster.evc.features.length} features` : 'off'],
            ['Balancing', cluster ? `${cluster.policy.balancing}, threshold ${cluster.policy.threshold}` : '—'],
          ]}
        />
        {cluster && (
          <ClusterCpuBaseline key={`${cluster.id} ${cluster.evc?.model ?? 'off'} ${cluster.evc?.source ?? ''}`} cluster={cluster} />
        )}
      </>
    );
  } else if (selection?.kind === 'datastore' && inv.datastores.some((d) => d.id === selection.id)) {
    const datastore = inv.datastores.find((d) => d.id === selection.id) as Datastore;
    title = datastore.name;
    body = <DatastoreSummary datastore={datastore} inv={inv} />;
  } else if (selection?.kind === 'network' && inv.networks.some((n) => n.id === selection.id)) {
    const network = inv.networks.find((n) => n.id === selection.id) as Network;
    title = network.name;
    body = <NetworkSummary network={network} inv={inv} />;
  } else if (selection?.kind === 'datacenter') {
    title = inv.datacenters.find((d) => d.id === selection.id)?.name ?? selection.id;
    body = <Facts rows={totals(scopeHosts ?? [], vmLine, inv.usage)} />;
  }
  return (
    <Box sx={{ p: 2 }}>
      <Typography variant="h6" component="h2" gutterBottom ref={heading} tabIndex={-1}>
        {title}
      </Typography>
      {body}
      {selection && extra && (
        <>
          <Divider sx={{ my: 2 }} />
          {extra(selection.kind, selection.id)}
        </>
      )}
    </Box>
  );
}
