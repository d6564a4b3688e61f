// Making room on the destination before disks move: plan which disks move where, and pre-create
// each target as a thin volume. Each step is journaled first: the plan before any volume exists,
// "creating <path>" before each volume is made (the path was checked absent, so a file there after
// a crash is ours), "created" once it is. Giving it back deletes only what Ferry made and nobody uses.

import type { Logger } from '../../../base/logger';
import { DriverError, type MigrationJobSpec } from '../../driver';
import { guarded, messageOf } from '../hosts/error-mapping';
import { readPools } from '../inventory/host-inventory';
import type { HostRegistry } from '../hosts/host-registry';
import { datastoreIdOf, isSharedPool } from '../ids';
import type { JobJournal, JournaledReservation } from './job-journal';
import { findDomain } from './placement';
import { domainGetXmlDesc, type LibvirtClient } from '../rpc';
import { sizeDisks } from './disk-sizes';
import { createThinVolume, deleteUnusedVolumes, planDiskMoves, refreshPool, volumeExists } from './volumes';
import { parseDomain } from '../xml/domain';

export interface Reservation extends JournaledReservation {
  jobId: string;
}

export interface ReservationContext {
  registry: HostRegistry;
  sharedPools: ReadonlySet<string>;
  journal: JobJournal;
  logger: Logger;
}

/** The journaled reservation of a job, if it has one. */
export function reservationOf(journal: JobJournal, jobId: string): Reservation | null {
  const record = journal.load(jobId);
  return record ? { ...record.reservation, jobId } : null;
}

/** Idempotent: a job whose reservation is journaled complete keeps it; an interrupted one is finished. */
export async function reserve(ctx: ReservationContext, spec: MigrationJobSpec): Promise<Reservation> {
  const existing = reservationOf(ctx.journal, spec.jobId);
  if (existing?.complete) return existing;
  const dest = ctx.registry.session(spec.destHostId);
  if (!existing) await planAndJournal(ctx, spec, dest.client);
  try {
    await createVolumes(ctx, spec.jobId, dest.client);
  } catch (error) {
    const made = reservationOf(ctx.journal, spec.jobId);
    if (made)
      await release(ctx, made).catch((e: unknown) =>
        ctx.logger.warn(`libvirt: could not remove ${made.created.join(', ')}: ${messageOf(e)}`),
      );
    throw error;
  }
  return reservationOf(ctx.journal, spec.jobId) as Reservation;
}

/** Which disks move where, journaled before any volume exists. */
async function planAndJournal(ctx: ReservationContext, spec: MigrationJobSpec, destClient: LibvirtClient): Promise<void> {
  if (spec.type === 'compute') {
    ctx.journal.begin(spec, { hostId: spec.destHostId, pool: null, moves: [], created: [], creating: null, complete: true });
    return;
  }
  const source = ctx.registry.session(spec.sourceHostId);
  const dom = await findDomain(source.client, spec.vmId);
  if (!dom) throw new DriverError('NOT_FOUND', `VM ${spec.vmId} is not on ${spec.sourceHostId}`);
  const def = parseDomain(await guarded('read the VM definition', () => domainGetXmlDesc(source.client, dom)));
  const listed = await guarded('list source pools', () => readPools(source.client));
  const { pools: sourcePools, capacities } = await sizeDisks(source.client, dom, def, listed);
  const destPools = spec.type === 'storage' ? sourcePools : await guarded('list destination pools', () => readPools(destClient));
  const destPool = destPools.find((p) => p.active && datastoreIdOf(p.def, spec.destHostId, ctx.sharedPools) === spec.destDatastoreId);
  if (!destPool)
    throw new DriverError(
      'DESTINATION_FAILED',
      `datastore ${spec.destDatastoreId ?? '(none)'} is not an active pool of ${spec.destHostId}`,
    );
  const { moves } = planDiskMoves(def, spec.sourceHostId, sourcePools, destPool, spec.destDatastoreId ?? '', ctx.sharedPools, capacities);
  for (const move of moves) {
    if (spec.type === 'storage' && move.destPath === move.sourcePath)
      throw new DriverError('OPERATION_FAILED', `${move.sourcePath} would be copied onto itself`);
  }
  const pool = { name: destPool.def.name, type: destPool.def.type };
  ctx.journal.begin(spec, { hostId: spec.destHostId, pool, moves, created: [], creating: null, complete: false });
}

/** Creates each planned volume, journaling the intent before and the fact after. */
async function createVolumes(ctx: ReservationContext, jobId: string, client: LibvirtClient): Promise<void> {
  const reservation = reservationOf(ctx.journal, jobId);
  if (!reservation) throw new DriverError('OPERATION_FAILED', `the reservation of job ${jobId} is not journaled`);
  // A file made behind libvirt's back is invisible to a path lookup until its pool is refreshed:
  // unseen, it would be overwritten, or after a crash taken for the volume Ferry was creating.
  if (reservation.pool && reservation.moves.length > 0) await refreshPool(client, reservation.pool.name);
  for (const move of reservation.moves) {
    if (reservation.created.includes(move.destPath)) continue;
    const ours = reservation.creating === move.destPath;
    if (await volumeExists(client, move.destPath)) {
      if (!ours)
        throw new DriverError(
          'DESTINATION_FAILED',
          `${move.destPath} already exists on the destination; Ferry does not overwrite disks it did not create`,
        );
    } else {
      ctx.journal.update(jobId, (r) => void (r.reservation.creating = move.destPath));
      await createThinVolume(client, reservation.pool?.name ?? '', move);
    }
    ctx.journal.update(jobId, (r) => {
      r.reservation.created.push(move.destPath);
      r.reservation.creating = null;
    });
    reservation.created.push(move.destPath);
  }
  ctx.journal.update(jobId, (r) => void (r.reservation.complete = true));
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

/**
 * Deletes the volumes a reservation created (and the one it was creating), unless a domain uses
 * them (e.g. after a pivot, or while a copy still runs into them); the journal keeps what is left.
 */
export async function release(ctx: ReservationContext, reservation: Reservation): Promise<void> {
  const paths = [...reservation.created, ...(reservation.creating ? [reservation.creating] : [])];
  if (paths.length === 0) return;
  const { client } = ctx.registry.session(reservation.hostId);
  const kept = await deleteUnusedVolumes(client, usageClients(ctx, client, reservation.pool), paths);
  if (kept.length > 0) ctx.logger.info(`libvirt: kept ${kept.join(', ')} (still used by a domain)`);
  ctx.journal.update(reservation.jobId, (r) => {
    r.reservation.created = kept;
    r.reservation.creating = null;
  });
  reservation.created = kept;
  reservation.creating = null;
}
