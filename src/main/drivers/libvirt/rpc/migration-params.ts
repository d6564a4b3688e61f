// Migration flags and typed parameters (libvirt-domain.h: virDomainMigrateFlags and the
// VIR_MIGRATE_PARAM_* names). A typed options object is turned into typed params here, with
// the wire type libvirt documents for each name; a wrong type is rejected by the daemon.

import { typedParam, type TypedParam } from './typed-params';

export const MigrateFlags = {
  LIVE: 1 << 0,
  /** The source daemon drives the migration and talks to the destination daemon itself. */
  PEER2PEER: 1 << 1,
  /** Carry migration data over the libvirtd connection (needs PEER2PEER; no disk copy). */
  TUNNELLED: 1 << 2,
  PERSIST_DEST: 1 << 3,
  UNDEFINE_SOURCE: 1 << 4,
  PAUSED: 1 << 5,
  NON_SHARED_DISK: 1 << 6,
  NON_SHARED_INC: 1 << 7,
  CHANGE_PROTECTION: 1 << 8,
  UNSAFE: 1 << 9,
  OFFLINE: 1 << 10,
  COMPRESSED: 1 << 11,
  ABORT_ON_ERROR: 1 << 12,
  AUTO_CONVERGE: 1 << 13,
  RDMA_PIN_ALL: 1 << 14,
  /** Allows switching to post-copy later with domainMigrateStartPostCopy. */
  POSTCOPY: 1 << 15,
  TLS: 1 << 16,
  PARALLEL: 1 << 17,
  NON_SHARED_SYNCHRONOUS_WRITES: 1 << 18,
  POSTCOPY_RESUME: 1 << 19,
  ZEROCOPY: 1 << 20,
} as const;

export type MigrateFlagName = keyof typeof MigrateFlags;

export function migrateFlags(...names: readonly MigrateFlagName[]): number {
  // `>>> 0` keeps the result an unsigned 32-bit value as the wire expects.
  return names.reduce((flags, name) => (flags | MigrateFlags[name]) >>> 0, 0);
}

const MigrateParam = {
  URI: 'migrate_uri',
  DEST_NAME: 'destination_name',
  DEST_XML: 'destination_xml',
  PERSIST_XML: 'persistent_xml',
  BANDWIDTH: 'bandwidth',
  BANDWIDTH_POSTCOPY: 'bandwidth.postcopy',
  GRAPHICS_URI: 'graphics_uri',
  LISTEN_ADDRESS: 'listen_address',
  MIGRATE_DISKS: 'migrate_disks',
  DISKS_PORT: 'disks_port',
  DISKS_URI: 'disks_uri',
  COMPRESSION: 'compression',
  COMPRESSION_MT_LEVEL: 'compression.mt.level',
  COMPRESSION_MT_THREADS: 'compression.mt.threads',
  COMPRESSION_MT_DTHREADS: 'compression.mt.dthreads',
  COMPRESSION_XBZRLE_CACHE: 'compression.xbzrle.cache',
  AUTO_CONVERGE_INITIAL: 'auto_converge.initial',
  AUTO_CONVERGE_INCREMENT: 'auto_converge.increment',
  PARALLEL_CONNECTIONS: 'parallel.connections',
  TLS_DESTINATION: 'tls.destination',
} as const;

export interface MigrationParams {
  /** Hypervisor migration URI, e.g. tcp://10.0.0.2:49152 (not with TUNNELLED). */
  readonly migrateUri?: string;
  readonly destinationName?: string;
  readonly destinationXml?: string;
  readonly persistentXml?: string;
  /** MiB/s; 0 or absent lets libvirt choose. */
  readonly bandwidthMiBs?: number;
  readonly bandwidthPostcopyMiBs?: number;
  readonly graphicsUri?: string;
  readonly listenAddress?: string;
  /** Disk targets (vda, sdb...) to copy with NON_SHARED_*; one param per disk. */
  readonly migrateDisks?: readonly string[];
  readonly disksPort?: number;
  readonly disksUri?: string;
  /** Compression methods (xbzrle, mt, zlib, zstd); one param per method. */
  readonly compression?: readonly string[];
  readonly compressionMtLevel?: number;
  readonly compressionMtThreads?: number;
  readonly compressionMtDthreads?: number;
  readonly compressionXbzrleCacheBytes?: number | bigint;
  /** Percent of CPU throttling when auto-converge kicks in. */
  readonly autoConvergeInitial?: number;
  readonly autoConvergeIncrement?: number;
  readonly parallelConnections?: number;
  readonly tlsDestination?: string;
}

/** Builds the typed param list; absent options produce no param. */
export function migrationParamsToTyped(params: MigrationParams): TypedParam[] {
  const out: TypedParam[] = [];
  const str = (field: string, value: string | undefined): void => {
    if (value !== undefined) out.push(typedParam.string(field, value));
  };
  const int = (field: string, value: number | undefined): void => {
    if (value !== undefined) out.push(typedParam.int(field, value));
  };
  const ullong = (field: string, value: number | bigint | undefined): void => {
    if (value !== undefined) out.push(typedParam.ullong(field, value));
  };
  const P = MigrateParam;
  str(P.URI, params.migrateUri);
  str(P.DEST_NAME, params.destinationName);
  str(P.DEST_XML, params.destinationXml);
  str(P.PERSIST_XML, params.persistentXml);
  ullong(P.BANDWIDTH, params.bandwidthMiBs);
  ullong(P.BANDWIDTH_POSTCOPY, params.bandwidthPostcopyMiBs);
  str(P.GRAPHICS_URI, params.graphicsUri);
  str(P.LISTEN_ADDRESS, params.listenAddress);
  for (const disk of params.migrateDisks ?? []) str(P.MIGRATE_DISKS, disk);
  int(P.DISKS_PORT, params.disksPort);
  str(P.DISKS_URI, params.disksUri);
  for (const method of params.compression ?? []) str(P.COMPRESSION, method);
  int(P.COMPRESSION_MT_LEVEL, params.compressionMtLevel);
  int(P.COMPRESSION_MT_THREADS, params.compressionMtThreads);
  int(P.COMPRESSION_MT_DTHREADS, params.compressionMtDthreads);
  ullong(P.COMPRESSION_XBZRLE_CACHE, params.compressionXbzrleCacheBytes);
  int(P.AUTO_CONVERGE_INITIAL, params.autoConvergeInitial);
  int(P.AUTO_CONVERGE_INCREMENT, params.autoConvergeIncrement);
  int(P.PARALLEL_CONNECTIONS, params.parallelConnections);
  str(P.TLS_DESTINATION, params.tlsDestination);
  return out;
}
