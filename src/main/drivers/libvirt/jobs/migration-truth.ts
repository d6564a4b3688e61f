// What the hypervisors say about a live migration Ferry cannot follow through its own call (after a
// restart, or after the call's connection dropped): the source's active job first, then where the
// guest runs. A host that cannot be asked when its answer matters makes the truth unknowable:
// HOST_UNREACHABLE, never a guess.

import type { HostConnection } from '../hosts/host-connection';
import { isNotFound, toDriverError } from '../hosts/error-mapping';
import { copyStateOf, findDomain } from './placement';
import {
  domainGetJobStats,
  domainGetState,
  JobStatsFlags,
  LibvirtError,
  type DomainRef,
  type DomainStateInfo,
  type JobStats,
  type LibvirtClient,
} from '../rpc';

/** virDomainJobOperation VIR_DOMAIN_JOB_OPERATION_MIGRATION_OUT. */
const OPERATION_MIGRATION_OUT = 5;

export type MigrationTruth =
  /** The source still runs the migration job (`postcopy` once the guest runs on the destination); no stats when only the states tell. */
  | { kind: 'running'; stats: JobStats | null; postcopy: boolean }
  /** A post-copy that broke: the guest's memory is split, each half paused or waiting. */
  | { kind: 'postcopy-failed' }
  /** The guest runs whole on the destination and the source holds no running copy. */
  | { kind: 'completed'; stats: JobStats | null }
  /** No job, and the guest is on its source, whole: the migration ended without switching over. */
  | { kind: 'stopped'; stats: JobStats | null }
  /** Both hosts answered and neither holds the guest. */
  | { kind: 'lost' };

export interface TruthQuery {
  source: HostConnection;
  dest: HostConnection;
  uuid: string;
  /** A cold (offline) move has no QEMU job: it is done once the destination defines the guest and the source does not. */
  cold: boolean;
}

/** Asks the source, then (only when its answer is needed) the destination; throws HOST_UNREACHABLE while one of them cannot answer. */
export async function readMigrationTruth(q: TruthQuery): Promise<MigrationTruth> {
  const src = q.source.require().client;
  const at = await domainAt(src, q.uuid);
  if (at) {
    const copy = copyStateOf(at.state);
    if (copy === 'postcopy-failed') return { kind: 'postcopy-failed' };
    const stats = await activeMigrationJob(src, at.dom);
    if (stats) return { kind: 'running', stats, postcopy: copy === 'postcopy' };
    // Running (not paused) and whole on the source without a job: it never switched over.
    if (at.state.state === 'RUNNING' && copy === 'whole') return { kind: 'stopped', stats: await completedJob(src, at.dom) };
  }
  const dst = q.dest.require().client;
  const there = await domainAt(dst, q.uuid);
  if (q.cold) return there && !at ? { kind: 'completed', stats: null } : at ? { kind: 'stopped', stats: null } : { kind: 'lost' };
  const destCopy = there ? copyStateOf(there.state) : null;
  if (destCopy === 'postcopy-failed') return { kind: 'postcopy-failed' };
  if (there?.state.state === 'RUNNING' && destCopy === 'whole')
    return { kind: 'completed', stats: (await completedJob(dst, there.dom)) ?? (at ? await completedJob(src, at.dom) : null) };
  // Split by a post-copy with no job to show for it: still one migration, pages still flowing.
  if (destCopy === 'postcopy' || (at && copyStateOf(at.state) === 'postcopy')) return { kind: 'running', stats: null, postcopy: true };
  // On the source in any other state (paused whole, shut off) and not running on the destination: not moved.
  if (at) return { kind: 'stopped', stats: await completedJob(src, at.dom) };
  return { kind: 'lost' };
}

async function domainAt(client: LibvirtClient, uuid: string): Promise<{ dom: DomainRef; state: DomainStateInfo } | null> {
  const dom = await findDomain(client, uuid);
  if (!dom) return null;
  try {
    return { dom, state: await domainGetState(client, dom) };
  } catch (error) {
    if (isNotFound(error)) return null;
    throw toDriverError(error, `state of VM ${uuid}`);
  }
}

/** The domain's active outgoing-migration job, or null when it has none. */
export async function activeMigrationJob(client: LibvirtClient, dom: DomainRef): Promise<JobStats | null> {
  try {
    const stats = await domainGetJobStats(client, dom);
    const active = stats.type === 'BOUNDED' || stats.type === 'UNBOUNDED';
    const migrating = stats.operation === undefined || stats.operation === OPERATION_MIGRATION_OUT;
    return active && migrating ? stats : null;
  } catch (error) {
    // The domain went away between the two calls (the end of a migration): no job.
    if (isNotFound(error) || (error instanceof LibvirtError && error.code === 'OPERATION_INVALID')) return null;
    throw toDriverError(error, `job of VM ${dom.name}`);
  }
}

/** The last completed job's statistics (kept), or null when the host has none. */
async function completedJob(client: LibvirtClient, dom: DomainRef): Promise<JobStats | null> {
  try {
    const stats = await domainGetJobStats(client, dom, JobStatsFlags.COMPLETED | JobStatsFlags.KEEP_COMPLETED);
    return stats.type === 'NONE' ? null : stats;
  } catch {
    return null;
  }
}
