// Migration control. Structs (remote_protocol.x):
//   remote_domain_migrate_perform3_params_args { remote_nonnull_domain dom; remote_string dconnuri;
//       remote_typed_param params<REMOTE_DOMAIN_MIGRATE_PARAM_LIST_MAX>;
//       opaque cookie_in<REMOTE_MIGRATE_COOKIE_MAX>; unsigned int flags; }
//   remote_domain_migrate_perform3_params_ret { opaque cookie_out<REMOTE_MIGRATE_COOKIE_MAX>; }
//   remote_domain_get_job_stats_args { dom; unsigned int flags; }  _ret { int type; remote_typed_param params<REMOTE_DOMAIN_JOB_STATS_MAX>; }
//   remote_domain_abort_job_args { dom; }
//   remote_domain_migrate_set_max_downtime_args { dom; unsigned hyper downtime; unsigned int flags; }
//   remote_domain_migrate_get_max_downtime_args { dom; unsigned int flags; }  _ret { unsigned hyper downtime; }
//   remote_domain_migrate_start_post_copy_args { dom; unsigned int flags; }

import { type LibvirtClient } from '../client';
import { decodeJobStats, type JobStats } from '../job-stats';
import { MigrateFlags, migrationParamsToTyped, type MigrationParams } from '../migration-params';
import { Limits, RemoteProcedure } from '../procedure-numbers';
import { writeDomainRef, writeOptionalString, type DomainRef } from '../structs';
import { readTypedParams, writeTypedParams } from '../typed-params';
import { toSafeNumber } from '../xdr';

const P = RemoteProcedure;

export interface PeerToPeerMigration {
  /** libvirt URI of the destination daemon, as the *source* host reaches it (qemu+tcp://dst/system). */
  readonly destinationUri: string;
  readonly params?: MigrationParams;
  /** virDomainMigrateFlags; PEER2PEER is added if missing. */
  readonly flags: number;
  /** Default: no timeout. A migration runs as long as it runs; watch it with job stats instead. */
  readonly timeoutMs?: number;
}

/**
 * Peer-to-peer migration, the virDomainMigrateToURI3 path: with VIR_MIGRATE_PEER2PEER the
 * source daemon runs Begin/Prepare/Perform/Finish/Confirm against the destination daemon on
 * its own, so the client makes this one call on the source connection. It resolves when the
 * migration has finished (or rejects when it failed or was aborted with domainAbortJob).
 */
export async function domainMigratePerform3Params(c: LibvirtClient, dom: DomainRef, migration: PeerToPeerMigration): Promise<Buffer> {
  const flags = (migration.flags | MigrateFlags.PEER2PEER) >>> 0;
  const params = migrationParamsToTyped(migration.params ?? {});
  return c.call(
    P.DOMAIN_MIGRATE_PERFORM3_PARAMS,
    (w) => {
      writeDomainRef(w, dom);
      writeOptionalString(w, migration.destinationUri);
      writeTypedParams(w, params, Limits.MIGRATE_PARAM_LIST);
      w.opaque(Buffer.alloc(0), Limits.MIGRATE_COOKIE); // cookie_in: empty in peer-to-peer mode
      w.uint(flags);
    },
    (r) => r.opaque(Limits.MIGRATE_COOKIE),
    { timeoutMs: migration.timeoutMs ?? 0 },
  );
}

/** Job statistics of the running job, or of the last completed one with JobStatsFlags.COMPLETED. */
export function domainGetJobStats(c: LibvirtClient, dom: DomainRef, flags = 0): Promise<JobStats> {
  return c.call(
    P.DOMAIN_GET_JOB_STATS,
    (w) => {
      writeDomainRef(w, dom);
      w.uint(flags);
    },
    (r) => {
      const type = r.int();
      return decodeJobStats(type, readTypedParams(r, Limits.JOB_STATS));
    },
  );
}

/** Calls that steer a running migration go before reads waiting their turn on the connection. */
const steering = { urgent: true } as const;

/** Aborts the domain's current job (e.g. a running migration, which then rolls back). */
export function domainAbortJob(c: LibvirtClient, dom: DomainRef): Promise<void> {
  return c.call(P.DOMAIN_ABORT_JOB, (w) => writeDomainRef(w, dom), null, steering);
}

/** Maximum tolerable downtime, in ms, for the switch-over of a running migration. */
export function domainMigrateSetMaxDowntime(c: LibvirtClient, dom: DomainRef, downtimeMs: number, flags = 0): Promise<void> {
  return c.call(
    P.DOMAIN_MIGRATE_SET_MAX_DOWNTIME,
    (w) => {
      writeDomainRef(w, dom);
      w.uhyper(downtimeMs).uint(flags);
    },
    null,
    steering,
  );
}

export function domainMigrateGetMaxDowntime(c: LibvirtClient, dom: DomainRef, flags = 0): Promise<number> {
  return c.call(
    P.DOMAIN_MIGRATE_GET_MAX_DOWNTIME,
    (w) => {
      writeDomainRef(w, dom);
      w.uint(flags);
    },
    (r) => toSafeNumber(r.uhyper(), 'downtime'),
  );
}

/** Bandwidth cap in MiB/s; also applies to a migration already running. */
/** Switches a migration started with MigrateFlags.POSTCOPY into post-copy mode. */
export function domainMigrateStartPostCopy(c: LibvirtClient, dom: DomainRef, flags = 0): Promise<void> {
  return c.call(
    P.DOMAIN_MIGRATE_START_POST_COPY,
    (w) => {
      writeDomainRef(w, dom);
      w.uint(flags);
    },
    null,
    steering,
  );
}
