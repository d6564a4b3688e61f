// The blocking peer-to-peer PERFORM3_PARAMS call of one live migration, on a connection of its own
// to the source (it returns only when the migration ends), with the JOB_COMPLETED event's
// statistics caught on that connection, and the downtime limit set once QEMU's job exists.

import type { Logger } from '../../../base/logger';
import { messageOf, toDriverError } from '../hosts/error-mapping';
import type { HostConnection } from '../hosts/host-connection';
import {
  domainGetJobStats,
  domainLookupByUuid,
  domainMigratePerform3Params,
  domainMigrateSetMaxDowntime,
  JobStatsFlags,
  subscribeDomainEvents,
  type DomainRef,
  type JobStats,
  type LibvirtClient,
  type MigrationParams,
} from '../rpc';

export interface MigrationCall {
  client: LibvirtClient;
  /** Settles when libvirt ends the migration (or the connection drops). */
  result: Promise<void>;
  /** The JOB_COMPLETED event's statistics, once the source sent them. */
  completedStats: JobStats | null;
}

export interface CallOptions {
  source: HostConnection;
  domain: DomainRef;
  destinationUri: string;
  flags: number;
  params: MigrationParams;
  /** An offline migration has no QEMU job: no events, no statistics. */
  cold: boolean;
  /** The call's connection when it was opened beforehand (while the migration was prepared); else opened now. */
  client?: Promise<LibvirtClient> | undefined;
}

/** Opens the call's connection and fires the migration; resolves once the call is on its way. */
export async function fireMigration(o: CallOptions): Promise<MigrationCall> {
  const client = await (o.client ?? o.source.openExtraClient()).catch((error: unknown) => {
    throw toDriverError(error, `connect to ${o.source.label} for the migration`);
  });
  const call: MigrationCall = { client, result: Promise.resolve(), completedStats: null };
  if (!o.cold) {
    await subscribeDomainEvents(
      client,
      ['job-completed'],
      (event) => {
        if (event.kind === 'job-completed') call.completedStats = event.stats;
      },
      o.domain,
    ).catch(() => undefined); // the stats can also be read on the destination
  }
  call.result = domainMigratePerform3Params(client, o.domain, { destinationUri: o.destinationUri, flags: o.flags, params: o.params }).then(
    () => undefined,
  );
  void call.result.catch(() => undefined).finally(() => void client.close());
  return call;
}

/** libvirt has no migration parameter for it: the limit is set once QEMU's job exists (over the host's own connection). */
export async function applyDowntimeLimit(
  source: HostConnection,
  dom: DomainRef,
  limitMs: () => number,
  stillRunning: () => boolean,
  logger: Logger,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (stillRunning() && Date.now() < deadline) {
    try {
      const { client } = source.require();
      const stats = await domainGetJobStats(client, dom);
      if (stats.type === 'BOUNDED' || stats.type === 'UNBOUNDED') {
        await domainMigrateSetMaxDowntime(client, dom, Math.round(limitMs()));
        return;
      }
    } catch (error) {
      logger.warn(`libvirt: downtime limit for ${dom.name}: ${messageOf(error)}`);
      return;
    }
    await sleep(100);
  }
}

/** The destination's statistics of the incoming job it completed, or null. */
export async function destinationCompletedStats(dest: HostConnection, uuid: string): Promise<JobStats | null> {
  try {
    const { client } = dest.require();
    const dom = await domainLookupByUuid(client, uuid);
    const stats = await domainGetJobStats(client, dom, JobStatsFlags.COMPLETED | JobStatsFlags.KEEP_COMPLETED);
    return stats.type === 'COMPLETED' ? stats : null;
  } catch {
    return null;
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
