// Flags and parameters of one peer-to-peer migration, built in one place from what the job
// needs (cockpit-machines' "flags built in one place").

import type { MigrationType } from '../../../../shared/model/migration';
import { migrateFlags, type MigrateFlagName, type MigrationParams } from '../rpc';

export interface MigrationPlan {
  type: Exclude<MigrationType, 'storage'>;
  /** The guest is shut off: only its definition moves (libvirt's offline migration). */
  cold: boolean;
  autoConverge: boolean;
  postCopyAllowed: boolean;
  /** VIR_MIGRATE_TLS: QEMU encrypts the stream (both hosts need QEMU's TLS certificates). */
  encryptStream?: boolean;
  /** Guest device names (vda…) whose disks are copied to the destination (type 'both'). */
  disksToCopy: readonly string[];
  /** Some disk stays where it is on a shared pool libvirt cannot recognise as shared (a dir pool). */
  staysOnUndetectableSharedStorage: boolean;
  /** The address QEMU streams to on the destination. */
  migrationAddress: string | null;
  bandwidthLimitBps: number | null;
  parallelConnections: number | null;
  /** Rewritten definitions when copied disks change path on the destination. */
  destinationXml?: string;
  persistentXml?: string;
}

export interface BuiltMigration {
  flagNames: MigrateFlagName[];
  flags: number;
  params: MigrationParams;
}

const MiB = 1024 * 1024;

/** MiB/s as libvirt takes it: at least 1 (0 would mean "unlimited"). */
export const bandwidthMiBs = (bps: number): number => Math.max(1, Math.round(bps / MiB));

export function buildMigration(plan: MigrationPlan): BuiltMigration {
  if (plan.cold) {
    // Nothing streams: the destination defines the guest and the source forgets it.
    const names: MigrateFlagName[] = ['OFFLINE', 'PEER2PEER', 'PERSIST_DEST', 'UNDEFINE_SOURCE'];
    if (plan.staysOnUndetectableSharedStorage) names.push('UNSAFE');
    return { flagNames: names, flags: migrateFlags(...names), params: plan.persistentXml ? { persistentXml: plan.persistentXml } : {} };
  }
  const names: MigrateFlagName[] = ['LIVE', 'PEER2PEER', 'PERSIST_DEST', 'UNDEFINE_SOURCE'];
  const copies = plan.type === 'both' && plan.disksToCopy.length > 0;
  if (copies) names.push('NON_SHARED_DISK');
  // libvirt refuses disks it cannot prove shared; a configured shared dir pool is shared by our word.
  if (plan.staysOnUndetectableSharedStorage) names.push('UNSAFE');
  if (plan.autoConverge) names.push('AUTO_CONVERGE');
  if (plan.postCopyAllowed) names.push('POSTCOPY');
  // QEMU cannot combine multifd with post-copy; parallel streams only pay off on fast links.
  const parallel =
    !plan.postCopyAllowed && plan.parallelConnections !== null && plan.parallelConnections > 1 ? plan.parallelConnections : null;
  if (parallel) names.push('PARALLEL');
  if (plan.encryptStream) names.push('TLS');
  const host = plan.migrationAddress;
  const params: MigrationParams = {
    ...(host ? { migrateUri: `tcp://${host.includes(':') ? `[${host}]` : host}` } : {}),
    ...(plan.bandwidthLimitBps !== null ? { bandwidthMiBs: bandwidthMiBs(plan.bandwidthLimitBps) } : {}),
    // QEMU's post-copy has a limit of its own (unlimited unless set): the link's limit holds there too.
    ...(plan.bandwidthLimitBps !== null && plan.postCopyAllowed ? { bandwidthPostcopyMiBs: bandwidthMiBs(plan.bandwidthLimitBps) } : {}),
    ...(copies ? { migrateDisks: [...plan.disksToCopy] } : {}),
    ...(parallel ? { parallelConnections: parallel } : {}),
    ...(plan.destinationXml ? { destinationXml: plan.destinationXml } : {}),
    ...(plan.persistentXml ? { persistentXml: plan.persistentXml } : {}),
  };
  return { flagNames: names, flags: migrateFlags(...names), params };
}
