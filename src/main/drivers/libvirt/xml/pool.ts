// Storage pool XML: its type (dir, netfs, rbd…), where its volumes live, and its size.

import { attrOf, bytesOf, childNamed, descend, parseXml } from './xml-tree';

export interface PoolDefinition {
  name: string;
  type: string;
  /** Directory (or device path) of the volumes; null for pools without one (rbd). */
  targetPath: string | null;
  /** netfs/iscsi/rbd source host and name, to tell the same network storage apart. */
  sourceHost: string | null;
  sourceName: string | null;
  capacityBytes: number;
  availableBytes: number;
}

export function parsePool(xml: string): PoolDefinition {
  const root = parseXml(xml);
  const name = childNamed(root, 'name')?.text;
  if (!name) throw new Error('pool XML lacks a name');
  const source = childNamed(root, 'source');
  return {
    name,
    type: attrOf(root, 'type') ?? 'dir',
    targetPath: descend(root, 'target', 'path')?.text || null,
    sourceHost: attrOf(childNamed(source, 'host'), 'name') ?? null,
    sourceName: childNamed(source, 'name')?.text || attrOf(childNamed(source, 'dir'), 'path') || null,
    capacityBytes: bytesOf(childNamed(root, 'capacity')) ?? 0,
    availableBytes: bytesOf(childNamed(root, 'available')) ?? 0,
  };
}

/** File-based pools, where a volume is a file named like the volume in the target directory. */
export const FILE_POOL_TYPES: ReadonlySet<string> = new Set(['dir', 'fs', 'netfs', 'gluster', 'vstorage']);
/** Pool types that are network storage: every host that defines one sees the same volumes. */
export const NETWORK_POOL_TYPES: ReadonlySet<string> = new Set([
  'netfs',
  'iscsi',
  'iscsi-direct',
  'rbd',
  'gluster',
  'sheepdog',
  'vstorage',
]);
