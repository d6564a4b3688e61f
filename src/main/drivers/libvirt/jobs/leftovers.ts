// Cleaning up after a migration, on one host, without ever destroying the only copy of a guest:
// after success the source's leftover definition and (shared-nothing) its old disks go; on
// rollback the destination's copy goes only while a whole copy still runs or waits on the source.
// A guest split by a post-copy (under way or failed) is never touched on either side.

import { DriverError, type JobStatus, type MigrationJobSpec, type VmPlacement } from '../../driver';
import { isNotFound, toDriverError } from '../hosts/error-mapping';
import { findDomain, locateVm } from './placement';
import { activeMigrationJob } from './migration-truth';
import { release, usageClients, type Reservation, type ReservationContext } from './reservations';
import { domainDestroy, domainUndefineFlags, LibvirtError, UndefineFlags, type LibvirtClient } from '../rpc';
import { deleteUnusedVolumes } from './volumes';

export interface LeftoverInput {
  spec: MigrationJobSpec;
  hostId: string;
  /** Where the job is now (asked of the hypervisor), or null when it never started. */
  jobStatus: JobStatus | null;
  /** The journaled reservation, or null when there is none (the job never reserved, or was forgotten). */
  reservation: Reservation | null;
}

/** Returns paths it had to keep (for the log). */
export async function removeLeftovers(ctx: ReservationContext, input: LeftoverInput): Promise<string[]> {
  const { spec, hostId, jobStatus, reservation } = input;
  if (spec.type === 'storage') {
    // One host: after the pivot the old files are the leftovers; before it, the new ones.
    if (jobStatus !== 'completed') {
      if (reservation) await release(ctx, reservation);
      return [];
    }
    return deleteSourceDisks(ctx, hostId, reservation);
  }
  // Deciding what is a leftover needs both hosts' answers: an unreachable one might hold the guest.
  ctx.registry.session(spec.sourceHostId);
  ctx.registry.session(spec.destHostId);
  const placements = await locateVm(ctx.registry, spec.vmId, new Set([spec.sourceHostId, spec.destHostId]));
  const halves = placements.filter((p) => p.copy === 'postcopy' || p.copy === 'postcopy-failed');
  if (halves.length > 0) {
    const state = halves.some((p) => p.copy === 'postcopy-failed') ? 'a post-copy that failed' : 'a post-copy under way';
    throw new DriverError(
      'OPERATION_FAILED',
      `VM ${spec.vmId} is split across ${halves.map((p) => p.hostId).join(' and ')} by ${state}; neither half was touched`,
    );
  }
  const here = placements.find((p) => p.hostId === hostId);
  const others = placements.filter((p) => p.hostId !== hostId);
  // A cold move's guest is off everywhere: there, being defined is what counts.
  const holdsGuest = (p: VmPlacement): boolean => spec.cold || p.power === 'running';
  if (hostId === spec.sourceHostId) {
    const runsElsewhere = others.some(holdsGuest);
    if (here) await dropSourceCopy(ctx, spec, here, runsElsewhere);
    return runsElsewhere && spec.type === 'both' ? deleteSourceDisks(ctx, hostId, reservation) : [];
  }
  if (here) {
    // Until the source's job has ended, libvirt may still finish the switchover and then kill the source's copy.
    if (await migratingFrom(ctx, spec))
      throw new DriverError(
        'OPERATION_FAILED',
        `VM ${spec.vmId} is still migrating from ${spec.sourceHostId}: its copy on ${hostId} was left alone until that job ends`,
      );
    // A paused source counts only when its memory is whole (paused by a user, or stopped for the switchover).
    const copyOnSource = others.some((p) => holdsGuest(p) || (p.power === 'paused' && (p.copy === 'whole' || p.copy === 'migrating')));
    if (!copyOnSource) throw new DriverError('OPERATION_FAILED', `${hostId} holds the only copy of VM ${spec.vmId}; it was left alone`);
    await destroyAndUndefine(ctx.registry.session(hostId).client, spec.vmId);
  }
  if (reservation) await release(ctx, reservation);
  return [];
}

async function migratingFrom(ctx: ReservationContext, spec: MigrationJobSpec): Promise<boolean> {
  const { client } = ctx.registry.session(spec.sourceHostId);
  const dom = await findDomain(client, spec.vmId);
  return dom !== null && (await activeMigrationJob(client, dom)) !== null;
}

async function dropSourceCopy(ctx: ReservationContext, spec: MigrationJobSpec, here: VmPlacement, runsElsewhere: boolean): Promise<void> {
  if (here.power === 'running' || (spec.cold && here.power !== 'off'))
    throw new DriverError('OPERATION_FAILED', `VM ${spec.vmId} is ${here.power} on its source ${here.hostId}; it was left alone`);
  if (!runsElsewhere)
    throw new DriverError('OPERATION_FAILED', `VM ${spec.vmId} runs nowhere else; its ${here.power} copy on ${here.hostId} was left alone`);
  await destroyAndUndefine(ctx.registry.session(here.hostId).client, spec.vmId);
}

async function deleteSourceDisks(ctx: ReservationContext, hostId: string, reservation: Reservation | null): Promise<string[]> {
  if (!reservation) return []; // no journaled reservation: which files were copied is not known
  const { client } = ctx.registry.session(hostId);
  const kept: string[] = [];
  for (const move of reservation.moves) {
    const still = await deleteUnusedVolumes(client, usageClients(ctx, client, move.sourcePool), [move.sourcePath]);
    kept.push(...still.map((path) => `${path} (still used by a domain)`));
  }
  return kept;
}

/** Stops (if active) and undefines (if persistent) a domain; gone already is fine. */
async function destroyAndUndefine(client: LibvirtClient, uuid: string): Promise<void> {
  const dom = await findDomain(client, uuid);
  if (!dom) return;
  try {
    if (dom.id !== -1) await domainDestroy(client, dom);
  } catch (error) {
    if (!isNotFound(error) && !(error instanceof LibvirtError && error.code === 'OPERATION_INVALID'))
      throw toDriverError(error, `stop VM ${uuid}`);
  }
  const after = await findDomain(client, uuid);
  if (!after) return; // it was transient
  try {
    // Snapshot metadata goes with the definition; NVRAM files stay (they may be the guest's only copy).
    await domainUndefineFlags(
      client,
      after,
      UndefineFlags.SNAPSHOTS_METADATA | UndefineFlags.CHECKPOINTS_METADATA | UndefineFlags.KEEP_NVRAM,
    );
  } catch (error) {
    if (!isNotFound(error) && !(error instanceof LibvirtError && error.code === 'OPERATION_INVALID'))
      throw toDriverError(error, `undefine VM ${uuid}`);
  }
}
