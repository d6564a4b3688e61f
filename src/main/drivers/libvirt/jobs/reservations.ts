// Making room on the destination before disks move: plan which disks move where, and pre-create
// each target as a thin volume. Giving it back deletes only what we created and nobody uses.

import type { Logger } from '../../../base/logger';
import { DriverError, type MigrationJobSpec } from '../../driver';
import { guarded, messageOf } from '../hosts/error-mapping';
import { readPools } from '../inventory/host-inventory';
import type { HostRegistry } from '../hosts/host-registry';
import { datastoreIdOf, isSharedPool } from '../ids';
import { findDomain } from './placement';
import { domainGetXmlDesc, type LibvirtClient } from '../rpc';
import { createThinVolume, deleteUnusedVolumes, planDiskMoves, volumeExists, type DiskPlan } from './volumes';
import { parseDomain } from '../xml/domain';

export interface Reservation {
  jobId: string;
  hostId: string;
  plan: DiskPlan;
  /** Destination paths this reservation created (and so may delete). */
  created: string[];
  /** The destination pool, to know who else may use its volumes. */
  pool: { name: string; type: string } | null;
}

export interface ReservationContext {
  registry: HostRegistry;
  sharedPools: ReadonlySet<string>;
  logger: Logger;
}

export async function reserve(ctx: ReservationContext, spec: MigrationJobSpec): Promise<Reservation> {
  const dest = ctx.registry.session(spec.destHostId);
  if (spec.type === 'compute')
    return { jobId: spec.jobId, hostId: spec.destHostId, plan: { moves: [], staying: [] }, created: [], pool: null };
  const source = ctx.registry.session(spec.sourceHostId);
  const dom = await findDomain(source.client, spec.vmId);
  if (!dom) throw new DriverError('NOT_FOUND', `VM ${spec.vmId} is not on ${spec.sourceHostId}`);
  const def = parseDomain(await guarded('read the VM definition', () => domainGetXmlDesc(source.client, dom)));
  const sourcePools = await guarded('list source pools', () => readPools(source.client));
  const destPools = spec.type === 'storage' ? sourcePools : await guarded('list destination pools', () => readPools(dest.client));
  const destPool = destPools.find((p) => p.active && datastoreIdOf(p.def, spec.destHostId, ctx.sharedPools) === spec.destDatastoreId);
  if (!destPool)
    throw new DriverError(
      'DESTINATION_FAILED',
      `datastore ${spec.destDatastoreId ?? '(none)'} is not an active pool of ${spec.destHostId}`,
    );
  const plan = planDiskMoves(def, spec.sourceHostId, sourcePools, destPool, spec.destDatastoreId ?? '', ctx.sharedPools);
  const created: string[] = [];
  try {
    for (const move of plan.moves) {
      if (spec.type === 'storage' && move.destPath === move.sourcePath)
        throw new DriverError('OPERATION_FAILED', `${move.sourcePath} would be copied onto itself`);
      if (await volumeExists(dest.client, move.destPath)) {
        throw new DriverError(
          'DESTINATION_FAILED',
          `${move.destPath} already exists on the destination; Ferry does not overwrite disks it did not create`,
        );
      }
      await createThinVolume(dest.client, destPool.def.name, move);
      created.push(move.destPath);
    }
  } catch (error) {
    await deleteUnusedVolumes(dest.client, [dest.client], created).catch((e: unknown) =>
      ctx.logger.warn(`libvirt: could not remove ${created.join(', ')}: ${messageOf(e)}`),
    );
    throw error;
  }
  return { jobId: spec.jobId, hostId: spec.destHostId, plan, created, pool: { name: destPool.def.name, type: destPool.def.type } };
}

/** Clients of every connected host that defines `pool` as a shared pool, plus `own`: whose domains may use its volumes. */
export function usageClients(ctx: ReservationContext, own: LibvirtClient, pool: { name: string; type: string } | null): LibvirtClient[] {
  const clients = [own];
  if (!pool || !isSharedPool(pool, ctx.sharedPools)) return clients;
  for (const { session } of ctx.registry.connected()) {
    const snapshot = ctx.registry.snapshots.get(session.hostId);
    if (session.client !== own && snapshot?.pools.some((p) => p.def.name === pool.name)) clients.push(session.client);
  }
  return clients;
}

/** Deletes the volumes a reservation created, unless a domain uses them (e.g. after a pivot). */
export async function release(ctx: ReservationContext, reservation: Reservation): Promise<void> {
  if (reservation.created.length === 0) return;
  const { client } = ctx.registry.session(reservation.hostId);
  const kept = await deleteUnusedVolumes(client, usageClients(ctx, client, reservation.pool), reservation.created);
  if (kept.length > 0) ctx.logger.info(`libvirt: kept ${kept.join(', ')}`);
}
