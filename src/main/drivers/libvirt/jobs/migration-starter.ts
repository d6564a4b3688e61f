// From a job spec to a running job: checks that the guest runs on the source, decides what moves
// (memory, disks), builds flags and parameters, and starts a live migration or a block copy.

import type { Logger } from '../../../base/logger';
import { DriverError, type JobStatus, type MigrationJobSpec } from '../../driver';
import { migrationAddressOf, migrationUriOf } from '../hosts/config';
import { NETWORK_POOL_TYPES } from '../xml/pool';
import { guarded } from '../hosts/error-mapping';
import type { HostConnection } from '../hosts/host-connection';
import { readPools } from '../inventory/host-inventory';
import { isSharedPool } from '../ids';
import type { DriverJob } from './job-common';
import { journaledParams, type JobJournal } from './job-journal';
import { buildMigration } from './migration-flags';
import { DowntimeObserver } from './downtime-observer';
import { guestAddressOf } from './guest-address';
import { MigrationJob } from './migration-job';
import { findDomain } from './placement';
import type { Reservation } from './reservations';
import { domainGetState, domainGetXmlDesc, DomainXmlFlags, type DomainRef, type LibvirtClient } from '../rpc';
import { StorageCopyJob } from './storage-copy-job';
import { locateDisk } from '../inventory/discovery';
import type { DiskMove } from './volumes';
import { parseDomain } from '../xml/domain';
import { escapeXml } from '../xml/xml-tree';

export interface StartContext {
  source: HostConnection;
  dest: HostConnection;
  reservation: Reservation;
  sharedPools: ReadonlySet<string>;
  parallelConnections: number | null;
  journal: JobJournal;
  logger: Logger;
  onStatus: (status: JobStatus) => void;
}

export async function startJob(ctx: StartContext, spec: MigrationJobSpec): Promise<DriverJob> {
  const { client } = ctx.source.require();
  const dom = await findDomain(client, spec.vmId);
  if (!dom) throw new DriverError('NOT_FOUND', `VM ${spec.vmId} is not on ${ctx.source.label}`);
  const state = await guarded('read the VM state', () => domainGetState(client, dom));
  const wanted = spec.cold ? 'SHUTOFF' : 'RUNNING';
  if (state.state !== wanted)
    throw new DriverError(
      'OPERATION_FAILED',
      `${dom.name} is ${state.state.toLowerCase()} on ${ctx.source.label}; ${spec.cold ? 'a cold migration needs it shut off' : 'a live migration needs it running'}`,
    );
  const { moves } = ctx.reservation;
  if (spec.cold && moves.length > 0)
    throw new DriverError(
      'NOT_SUPPORTED',
      `libvirt cannot copy the disks of shut-off ${dom.name}; move it onto shared storage or migrate it live`,
    );

  if (spec.type === 'storage') {
    if (moves.length === 0) throw new DriverError('OPERATION_FAILED', `no disk of ${dom.name} needs to move`);
    return StorageCopyJob.start({
      spec,
      host: ctx.source,
      domain: { uuid: dom.uuid, name: dom.name },
      moves,
      journal: ctx.journal,
      onStatus: ctx.onStatus,
      logger: ctx.logger,
    });
  }

  const destinationUri = migrationUriOf(ctx.dest.config);
  if (!destinationUri)
    throw new DriverError(
      'MIGRATION_URI_MISSING',
      `${ctx.dest.label} is configured with a local socket URI; set its migrationUri so other hosts can reach its libvirtd`,
    );
  // The migrate call's own connection (a handshake of a few round trips) opens while the rest is read.
  const callClient = ctx.source.openExtraClient();
  callClient.catch(() => undefined);
  try {
    return await startMigrationJob(ctx, { ...spec, type: spec.type }, client, dom, destinationUri, callClient);
  } catch (error) {
    void callClient.then(
      (c) => c.close(),
      () => undefined,
    );
    throw error;
  }
}

async function startMigrationJob(
  ctx: StartContext,
  spec: MigrationJobSpec & { type: 'compute' | 'both' },
  client: LibvirtClient,
  dom: DomainRef,
  destinationUri: string,
  callClient: Promise<LibvirtClient>,
): Promise<DriverJob> {
  const { moves } = ctx.reservation;
  // Read together: each is a round trip to the source.
  const [xml, pools] = await Promise.all([
    guarded('read the VM definition', () => domainGetXmlDesc(client, dom)),
    guarded('list source pools', () => readPools(client)),
  ]);
  const def = parseDomain(xml);
  const moving = new Set(moves.map((m) => m.target));
  // libvirt proves sharing for NFS, Ceph and the like; a dir pool we are told is shared needs UNSAFE.
  const undetectable = def.disks.some((disk) => {
    if (moving.has(disk.target) || (disk.path === null && disk.pool === null)) return false;
    const pool = locateDisk(disk, pools).pool;
    return pool !== null && isSharedPool(pool.def, ctx.sharedPools) && !NETWORK_POOL_TYPES.has(pool.def.type);
  });
  const renamed = moves.some((m) => m.destPath !== m.sourcePath);
  const migration = buildMigration({
    type: spec.type,
    cold: spec.cold,
    autoConverge: spec.autoConverge,
    postCopyAllowed: spec.postCopyAllowed,
    encryptStream: spec.encryptStream === true,
    disksToCopy: moves.map((m) => m.target),
    staysOnUndetectableSharedStorage: undetectable,
    migrationAddress: migrationAddressOf(ctx.dest.config),
    bandwidthLimitBps: spec.bandwidthLimitBps,
    parallelConnections: ctx.parallelConnections,
    ...(renamed ? await rewrittenDefinitions(client, dom, moves) : {}),
  });
  const address = spec.cold ? null : await guestAddressOf(client, dom, def);
  const observer = address ? DowntimeObserver.start(address) : null;
  return MigrationJob.start(
    {
      spec,
      source: ctx.source,
      dest: ctx.dest,
      domain: dom,
      destinationUri,
      flags: migration.flags,
      params: migration.params,
      copiesDisks: moves.length > 0,
      observer,
      journal: ctx.journal,
      onStatus: ctx.onStatus,
      logger: ctx.logger,
      callClient,
    },
    journaledParams(migration.params),
  ).catch((error: unknown) => {
    observer?.stop();
    throw error;
  });
}

/** Copied disks land elsewhere on the destination: hand libvirt definitions naming the new paths. */
async function rewrittenDefinitions(
  client: LibvirtClient,
  dom: DomainRef,
  moves: readonly DiskMove[],
): Promise<{ destinationXml: string; persistentXml: string }> {
  const [live, inactive] = await Promise.all([
    guarded('read the VM definition', () => domainGetXmlDesc(client, dom, DomainXmlFlags.SECURE | DomainXmlFlags.MIGRATABLE)),
    guarded('read the VM definition', () =>
      domainGetXmlDesc(client, dom, DomainXmlFlags.SECURE | DomainXmlFlags.MIGRATABLE | DomainXmlFlags.INACTIVE),
    ),
  ]);
  return { destinationXml: rewriteDiskPaths(live, moves), persistentXml: rewriteDiskPaths(inactive, moves) };
}

/** Replaces `<source file='old'` with the new path for each moved disk (either quote style). */
export function rewriteDiskPaths(xml: string, moves: readonly Pick<DiskMove, 'sourcePath' | 'destPath'>[]): string {
  let out = xml;
  for (const move of moves) {
    for (const quote of [`'`, `"`]) {
      const from = `<source file=${quote}${escapeXml(move.sourcePath)}${quote}`;
      const raw = `<source file=${quote}${move.sourcePath}${quote}`;
      const to = `<source file=${quote}${escapeXml(move.destPath)}${quote}`;
      out = out.split(from).join(to).split(raw).join(to);
    }
  }
  return out;
}
