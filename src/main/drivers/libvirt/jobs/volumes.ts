// Disk files around a migration that moves storage: which disks move and where they land,
// thin destination volumes created ahead of the copy (libvirt would otherwise allocate them
// fully), and deletion of volumes no domain uses any more, never one a domain still uses.

import { DriverError } from '../../driver';
import { locateDisk } from '../inventory/discovery';
import { guarded, isNotFound } from '../hosts/error-mapping';
import type { PoolFacts } from '../hosts/host-snapshot';
import { readDomains } from '../inventory/host-inventory';
import { datastoreIdOf } from '../ids';
import {
  storagePoolLookupByName,
  storagePoolRefresh,
  storageVolCreateXml,
  storageVolDelete,
  storageVolLookupByPath,
  type LibvirtClient,
} from '../rpc';
import type { DomainDefinition } from '../xml/domain';
import { FILE_POOL_TYPES } from '../xml/pool';
import { escapeXml } from '../xml/xml-tree';

export interface DiskMove {
  /** Guest device name (vda). */
  target: string;
  sourcePath: string;
  destPath: string;
  format: string;
  capacityBytes: number;
  /** The pool the disk comes from, to know who else may use the source file. */
  sourcePool: { name: string; type: string } | null;
}

export interface DiskPlan {
  moves: DiskMove[];
  /** Disks that stay where they are, with the pool they are on (null: not in a pool). */
  staying: { target: string; pool: PoolFacts | null }[];
}

/** Which of a guest's disks move to `destPool` (all not already on that datastore), and where to. */
export function planDiskMoves(
  def: DomainDefinition,
  sourceHostId: string,
  sourcePools: readonly PoolFacts[],
  destPool: PoolFacts,
  destDatastoreId: string,
  sharedPools: ReadonlySet<string>,
  /** Sizes libvirt reported for disks no pool lists (disk-sizes.ts), by target. */
  capacities: ReadonlyMap<string, number> = new Map(),
): DiskPlan {
  if (!FILE_POOL_TYPES.has(destPool.def.type) || !destPool.def.targetPath) {
    throw new DriverError(
      'NOT_SUPPORTED',
      `disks can only be copied into file-based pools; ${destPool.def.name} is a ${destPool.def.type} pool`,
    );
  }
  const plan: DiskPlan = { moves: [], staying: [] };
  for (const disk of def.disks) {
    if (disk.path === null && disk.pool === null) continue;
    const located = locateDisk(disk, sourcePools);
    const storeId = located.pool ? datastoreIdOf(located.pool.def, sourceHostId, sharedPools) : null;
    // Read-only media (ISO images) are not copied: they must exist on the destination as they are.
    if (storeId === destDatastoreId || disk.readonly || disk.device === 'cdrom' || disk.device === 'floppy') {
      plan.staying.push({ target: disk.target, pool: located.pool });
      continue;
    }
    if (disk.type !== 'file' || !disk.path)
      throw new DriverError('NOT_SUPPORTED', `disk ${disk.target} of ${def.name} is a ${disk.type} disk; only file disks can be copied`);
    const capacityBytes = located.capacityBytes > 0 ? located.capacityBytes : (capacities.get(disk.target) ?? 0);
    if (capacityBytes <= 0)
      throw new DriverError(
        'NOT_SUPPORTED',
        `disk ${disk.target} of ${def.name} (${disk.path}): no pool lists it, even refreshed, and QEMU reports no size for it, so its size is unknown`,
      );
    plan.moves.push({
      target: disk.target,
      sourcePath: disk.path,
      destPath: `${destPool.def.targetPath.replace(/\/+$/, '')}/${disk.path.slice(disk.path.lastIndexOf('/') + 1)}`,
      format: disk.format ?? 'raw',
      capacityBytes,
      sourcePool: located.pool ? { name: located.pool.def.name, type: located.pool.def.type } : null,
    });
  }
  return plan;
}

/** Creates a thin volume (allocation 0) in a pool and refreshes the pool. */
export async function createThinVolume(client: LibvirtClient, poolName: string, move: DiskMove): Promise<void> {
  const name = move.destPath.slice(move.destPath.lastIndexOf('/') + 1);
  const xml = [
    '<volume>',
    `  <name>${escapeXml(name)}</name>`,
    `  <capacity unit='bytes'>${move.capacityBytes}</capacity>`,
    `  <allocation unit='bytes'>0</allocation>`,
    `  <target><format type='${escapeXml(move.format)}'/></target>`,
    '</volume>',
  ].join('\n');
  const pool = await guarded(`find pool ${poolName}`, () => storagePoolLookupByName(client, poolName));
  await guarded(`create ${move.destPath}`, () => storageVolCreateXml(client, pool, xml));
  await guarded(`refresh pool ${poolName}`, () => storagePoolRefresh(client, pool));
}

/** Rescans a pool, so files made behind libvirt's back (qemu-img, cp) are listed and found by path. */
export async function refreshPool(client: LibvirtClient, poolName: string): Promise<void> {
  const pool = await guarded(`find pool ${poolName}`, () => storagePoolLookupByName(client, poolName));
  await guarded(`refresh pool ${poolName}`, () => storagePoolRefresh(client, pool));
}

/** True when some volume of the host has this path. */
export async function volumeExists(client: LibvirtClient, path: string): Promise<boolean> {
  try {
    await storageVolLookupByPath(client, path);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/** Paths any domain defined on the host uses (running or not), including the targets of running block copies. */
async function pathsInUse(client: LibvirtClient): Promise<Set<string>> {
  const domains = await readDomains(client);
  return new Set(
    domains.flatMap((d) => d.def.disks.flatMap((disk) => [disk.path, disk.mirrorPath]).filter((p): p is string => p !== null)),
  );
}

/**
 * Deletes the volumes at `paths` on a host unless a domain on any of `usageClients` (the host,
 * plus every host sharing the pool) still uses them. Returns the paths it kept (in use).
 */
export async function deleteUnusedVolumes(
  client: LibvirtClient,
  usageClients: readonly LibvirtClient[],
  paths: readonly string[],
): Promise<string[]> {
  if (paths.length === 0) return [];
  const used = new Set<string>();
  for (const c of usageClients) for (const p of await pathsInUse(c)) used.add(p);
  const kept: string[] = [];
  for (const path of paths) {
    if (used.has(path)) {
      kept.push(path);
      continue;
    }
    try {
      const vol = await storageVolLookupByPath(client, path);
      await storageVolDelete(client, vol);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  return kept;
}
