// The size of each disk a migration copies, from libvirt whatever its pool knows. A file made
// behind libvirt's back (qemu-img into a pool's directory) is listed only once the pool is
// refreshed; a file in no pool still has the size QEMU sees (virDomainGetBlockInfo). virsh
// migrate --copy-storage-all copies both, so Ferry must be able to size both.

import { guarded } from '../hosts/error-mapping';
import type { PoolFacts } from '../hosts/host-snapshot';
import { locateDisk } from '../inventory/discovery';
import { readPools } from '../inventory/host-inventory';
import { domainGetBlockInfo, type DomainRef, type LibvirtClient } from '../rpc';
import type { DomainDefinition } from '../xml/domain';
import { refreshPool } from './volumes';

export interface SizedPools {
  /** The source's pools, refreshed where a disk's directory held a file they had not listed. */
  pools: PoolFacts[];
  /** Capacity by disk target for the file disks no pool lists even after a refresh. */
  capacities: Map<string, number>;
}

const unsized = (def: DomainDefinition, pools: readonly PoolFacts[]) =>
  def.disks.filter((d) => d.type === 'file' && d.path !== null && locateDisk(d, pools).capacityBytes <= 0);

export async function sizeDisks(client: LibvirtClient, dom: DomainRef, def: DomainDefinition, pools: PoolFacts[]): Promise<SizedPools> {
  const stale = new Set(unsized(def, pools).flatMap((d) => locateDisk(d, pools).pool?.def.name ?? []));
  for (const name of stale) await refreshPool(client, name);
  const current = stale.size > 0 ? await guarded('list source pools', () => readPools(client)) : pools;
  const capacities = new Map<string, number>();
  for (const disk of unsized(def, current)) {
    const info = await guarded(`read the size of disk ${disk.target}`, () => domainGetBlockInfo(client, dom, disk.target));
    capacities.set(disk.target, info.capacityBytes);
  }
  return { pools: current, capacities };
}
