import type { Cluster, Datacenter } from '../../../../shared/model/inventory';

/** The part of the inventory the VM list shows, as vSphere's VMs tab of a datacenter, cluster or host. */
export interface VmScope {
  /** "host esx-12", "cluster DC0_C1", "datacenter DC0". */
  label: string;
  /** The hosts under it: the list keeps the VMs on these, a Set lookup per VM. */
  hostIds: ReadonlySet<string>;
}

/** What the tree chose, as state/selection has it (its kinds other than these scope nothing); kept free of React, so plain Node tests it. */
export interface ScopeChoice {
  kind: string;
  id: string;
}

/** What the scope is found in: names and who holds whom, nothing host metrics change. */
export interface ScopeSource {
  datacenters: readonly Datacenter[];
  clusters: readonly Cluster[];
  hosts: ReadonlyMap<string, { id: string; name: string; clusterId: string }>;
}

function hostsWhere(hosts: ScopeSource['hosts'], inCluster: (clusterId: string) => boolean): Set<string> {
  const ids = new Set<string>();
  for (const host of hosts.values()) if (inCluster(host.clusterId)) ids.add(host.id);
  return ids;
}

/**
 * The scope of the tree's datacenter, cluster or host; null for the whole inventory (nothing
 * chosen, or an object no longer there: a list scoped to nothing would hide every VM unsaid).
 */
export function vmScopeOf(scope: ScopeChoice | null, source: ScopeSource): VmScope | null {
  switch (scope?.kind) {
    case 'host': {
      const host = source.hosts.get(scope.id);
      return host ? { label: `host ${host.name}`, hostIds: new Set([host.id]) } : null;
    }
    case 'cluster': {
      const cluster = source.clusters.find((c) => c.id === scope.id);
      return cluster ? { label: `cluster ${cluster.name}`, hostIds: hostsWhere(source.hosts, (id) => id === cluster.id) } : null;
    }
    case 'datacenter': {
      const datacenter = source.datacenters.find((d) => d.id === scope.id);
      if (!datacenter) return null;
      const clusterIds = new Set(source.clusters.filter((c) => c.datacenterId === datacenter.id).map((c) => c.id));
      return { label: `datacenter ${datacenter.name}`, hostIds: hostsWhere(source.hosts, (id) => clusterIds.has(id)) };
    }
    default:
      return null;
  }
}

/** How many VMs the scope holds: counted, not copied. */
export function countIn(vms: Iterable<{ hostId: string }>, scope: VmScope): number {
  let count = 0;
  for (const vm of vms) if (scope.hostIds.has(vm.hostId)) count++;
  return count;
}

/**
 * Why a scoped list shows nothing, when it is the Host filter's doing: it is kept across reloads, and the tree's
 * scope may since have moved to hosts it matches none of ("No VM matches these filters" said no more).
 */
export function hostFilterOutside(hostFilter: string, scope: VmScope | null, hostNames: ReadonlyMap<string, string>): string | null {
  const wanted = hostFilter.trim().toLowerCase();
  if (!scope || !wanted) return null;
  for (const id of scope.hostIds) if ((hostNames.get(id) ?? id).toLowerCase().includes(wanted)) return null;
  return `No host of ${scope.label} matches the Host filter “${hostFilter.trim()}”.`;
}
