// What a fake libvirt host needs for the driver's jobs: dir pools with volumes (create, look up,
// delete), domains with disks (and a block copy's mirror in their XML), job statistics (live and
// completed), the blocking peer-to-peer migrate call (held until the test ends it), abort, and
// block copies with their job info, pivot and abort. State is the host's; every connection sees it.

import {
  BlockJobAbortFlags,
  JobStatsFlags,
  libvirtErrorNumber,
  readDomainRef,
  readNonNullString,
  readOptionalString,
  readStoragePoolRef,
  readStorageVolRef,
  readTypedParams,
  RemoteProcedure as P,
  typedParam,
  writeNonNullString,
  writeStoragePoolRef,
  writeStorageVolRef,
  writeTypedParams,
  type TypedParam,
  type XdrWriter,
} from '../../../src/main/drivers/libvirt/rpc';
import type { FakeCall, FakeLibvirtd } from './rpc/fake-libvirtd';

export interface FakeVolume {
  name: string;
  capacity: number;
  allocation: number;
}

export interface FakePool {
  name: string;
  uuid: string;
  path: string;
  /** dir unless told. */
  type?: string;
  volumes: Map<string, FakeVolume>;
  /** Files in the pool's directory it has not listed yet (made with qemu-img); a refresh lists them. */
  unlisted?: Map<string, FakeVolume>;
}

export interface FakeDisk {
  target: string;
  path: string;
  format?: string;
  /** Sizes QEMU reports for a file no pool lists (virDomainGetBlockInfo). */
  capacity?: number;
  /** Where a running block copy writes (shown as <mirror> in the live XML). */
  mirror?: string;
}

export interface FakeBlockJob {
  cur: number;
  end: number;
  dest: string;
  /** Pivot requests to refuse as "not ready" before one succeeds. */
  refusePivot?: number;
}

/** virDomainJobType numbers. */
export const JobType = { NONE: 0, BOUNDED: 1, UNBOUNDED: 2, COMPLETED: 3, FAILED: 4, CANCELLED: 5 } as const;

export interface FakeJob {
  type: number;
  params: TypedParam[];
}

/** Live statistics of a migration at some point: memory copied so far, of a total. */
export function migrationStats(memoryProcessed: number, memoryTotal = 256 * 1024 ** 2, extra: TypedParam[] = []): FakeJob {
  return {
    type: JobType.UNBOUNDED,
    params: [
      typedParam.int('operation', 5),
      typedParam.ullong('time_elapsed', 1000),
      typedParam.ullong('memory_total', memoryTotal),
      typedParam.ullong('memory_processed', memoryProcessed),
      typedParam.ullong('memory_remaining', Math.max(0, memoryTotal - memoryProcessed)),
      typedParam.ullong('memory_iteration', 1),
      ...extra,
    ],
  };
}

/** A migrate call the fake holds open, as libvirtd holds a peer-to-peer migration. */
export interface PendingMigration {
  /** Closes the connection that made the call, as a killed caller's socket closes; the migration goes on. */
  dropCaller(): void;
  uuid: string;
  destinationUri: string | null;
  flags: number;
  params: TypedParam[];
  finish(): void;
  fail(code: Parameters<typeof libvirtErrorNumber>[0], message: string): void;
}

/** The part of FakeHost the job handlers work on. */
export interface FakeJobState {
  pools: FakePool[];
  domains: Map<
    string,
    { name: string; uuid: string; state: number; reason?: number; disks?: FakeDisk[]; job?: FakeJob; completedJob?: FakeJob }
  >;
  blockJobs: Map<string, Map<string, FakeBlockJob>>;
  migrations: PendingMigration[];
  /** Procedures called per domain, in order (abort, downtime, post-copy, pivots, block copies…). */
  log: string[];
  libVersion: number;
}

const noDomain = (c: FakeCall) => c.fail(libvirtErrorNumber('NO_DOMAIN'), 'Domain not found');
const noVolume = (c: FakeCall, what: string) => c.fail(libvirtErrorNumber('NO_STORAGE_VOL'), `Storage volume not found: ${what}`);

const poolXml = (pool: FakePool) =>
  `<pool type='${pool.type ?? 'dir'}'><name>${pool.name}</name><uuid>${pool.uuid}</uuid><capacity unit='bytes'>1073741824</capacity><allocation unit='bytes'>0</allocation><available unit='bytes'>1073741824</available><source></source><target><path>${pool.path}</path></target></pool>`;

/** The domain XML libvirt would show: name, UUID, memory, disks (with a mirror while a copy runs). */
export function domainXml(d: { name: string; uuid: string; disks?: FakeDisk[] }): string {
  const disks = (d.disks ?? [])
    .map(
      (k) =>
        `<disk type='file' device='disk'><driver name='qemu' type='${k.format ?? 'qcow2'}'/><source file='${k.path}'/>` +
        (k.mirror ? `<mirror type='file' job='copy'><format type='qcow2'/><source file='${k.mirror}'/></mirror>` : '') +
        `<target dev='${k.target}' bus='virtio'/></disk>`,
    )
    .join('');
  return `<domain type='kvm'><name>${d.name}</name><uuid>${d.uuid}</uuid><memory unit='KiB'>262144</memory><vcpu>1</vcpu><devices>${disks}</devices></domain>`;
}

function writeJob(w: XdrWriter, job: FakeJob | undefined): void {
  w.int(job?.type ?? JobType.NONE);
  writeTypedParams(w, job?.params ?? [], 64);
}

export function installJobHandlers(server: FakeLibvirtd, host: FakeJobState): void {
  const volumeAt = (path: string) => {
    for (const pool of host.pools) {
      const vol = pool.volumes.get(path);
      if (vol) return { pool, vol };
    }
    return null;
  };
  const volRef = (pool: FakePool, vol: FakeVolume) => ({ pool: pool.name, name: vol.name, key: `${pool.path}/${vol.name}` });

  server.on(P.CONNECT_GET_LIB_VERSION, (c) => c.reply((w) => w.uhyper(host.libVersion)));
  server.on(P.CONNECT_LIST_ALL_STORAGE_POOLS, (c) =>
    c.reply((w) => {
      w.array(
        host.pools.map((p) => ({ name: p.name, uuid: p.uuid })),
        writeStoragePoolRef,
      );
      w.uint(host.pools.length);
    }),
  );
  const poolOf = (c: FakeCall) => {
    const ref = readStoragePoolRef(c.args);
    return host.pools.find((p) => p.name === ref.name);
  };
  server.on(P.STORAGE_POOL_LOOKUP_BY_NAME, (c) => {
    const name = readNonNullString(c.args);
    const pool = host.pools.find((p) => p.name === name);
    if (!pool) return c.fail(libvirtErrorNumber('NO_STORAGE_POOL'), `no pool ${name}`);
    c.reply((w) => writeStoragePoolRef(w, { name: pool.name, uuid: pool.uuid }));
  });
  server.on(P.STORAGE_POOL_GET_XML_DESC, (c) => {
    const pool = poolOf(c);
    if (!pool) return c.fail(libvirtErrorNumber('NO_STORAGE_POOL'), 'no pool');
    c.reply((w) => writeNonNullString(w, poolXml(pool)));
  });
  server.on(P.STORAGE_POOL_GET_INFO, (c) => c.reply((w) => w.uint(2).uhyper(1073741824).uhyper(0).uhyper(1073741824)));
  server.on(P.STORAGE_POOL_LIST_ALL_VOLUMES, (c) => {
    const pool = poolOf(c);
    if (!pool) return c.fail(libvirtErrorNumber('NO_STORAGE_POOL'), 'no pool');
    c.reply((w) => {
      w.array(
        [...pool.volumes.values()].map((v) => volRef(pool, v)),
        writeStorageVolRef,
      );
      w.uint(pool.volumes.size);
    });
  });
  server.on(P.STORAGE_POOL_REFRESH, (c) => {
    const pool = poolOf(c);
    if (!pool) return c.fail(libvirtErrorNumber('NO_STORAGE_POOL'), 'no pool');
    for (const [path, vol] of pool.unlisted ?? []) pool.volumes.set(path, vol);
    pool.unlisted?.clear();
    c.reply();
  });
  server.on(P.DOMAIN_GET_BLOCK_INFO, (c) => {
    const d = host.domains.get(readDomainRef(c.args).uuid);
    const name = readNonNullString(c.args);
    const disk = d?.disks?.find((k) => k.target === name || k.path === name);
    if (!d || !disk) return c.fail(libvirtErrorNumber('INVALID_ARG'), `invalid argument: invalid path ${name} not assigned to domain`);
    const listed = volumeAt(disk.path)?.vol;
    const capacity = listed?.capacity ?? disk.capacity ?? 0;
    // Wire order: allocation, capacity, physical (three distinct values, so a swap shows).
    c.reply((w) =>
      w
        .uhyper(Math.floor(capacity / 64))
        .uhyper(capacity)
        .uhyper(Math.floor(capacity / 32)),
    );
  });
  server.on(P.STORAGE_VOL_GET_PATH, (c) => c.reply((w) => writeNonNullString(w, readStorageVolRef(c.args).key)));
  server.on(P.STORAGE_VOL_GET_INFO, (c) => {
    const found = volumeAt(readStorageVolRef(c.args).key);
    if (!found) return noVolume(c, 'by key');
    c.reply((w) => w.int(0).uhyper(found.vol.capacity).uhyper(found.vol.allocation));
  });
  server.on(P.STORAGE_VOL_LOOKUP_BY_PATH, (c) => {
    const path = readNonNullString(c.args);
    const found = volumeAt(path);
    if (!found) return noVolume(c, path);
    c.reply((w) => writeStorageVolRef(w, volRef(found.pool, found.vol)));
  });
  server.on(P.STORAGE_VOL_CREATE_XML, (c) => {
    const pool = poolOf(c);
    const xml = readNonNullString(c.args);
    if (!pool) return c.fail(libvirtErrorNumber('NO_STORAGE_POOL'), 'no pool');
    const name = /<name>([^<]+)<\/name>/.exec(xml)?.[1] ?? 'vol';
    const capacity = Number(/<capacity[^>]*>(\d+)</.exec(xml)?.[1] ?? 0);
    const path = `${pool.path}/${name}`;
    if (pool.volumes.has(path)) return c.fail(libvirtErrorNumber('STORAGE_VOL_EXIST'), `${path} exists`);
    const vol = { name, capacity, allocation: 0 };
    pool.volumes.set(path, vol);
    host.log.push(`create ${path}`);
    c.reply((w) => writeStorageVolRef(w, volRef(pool, vol)));
  });
  server.on(P.STORAGE_VOL_DELETE, (c) => {
    const key = readStorageVolRef(c.args).key;
    const found = volumeAt(key);
    if (!found) return noVolume(c, key);
    found.pool.volumes.delete(key);
    host.log.push(`delete ${key}`);
    c.reply();
  });

  server.on(P.DOMAIN_GET_INFO, (c) => {
    const d = host.domains.get(readDomainRef(c.args).uuid);
    if (!d) return noDomain(c);
    c.reply((w) => w.uint(d.state).uhyper(262144).uhyper(262144).uint(1).uhyper(0));
  });
  server.on(P.DOMAIN_GET_JOB_STATS, (c) => {
    const d = host.domains.get(readDomainRef(c.args).uuid);
    const flags = c.args.uint();
    if (!d) return noDomain(c);
    c.reply((w) => writeJob(w, flags & JobStatsFlags.COMPLETED ? d.completedJob : d.job));
  });
  server.on(P.DOMAIN_MIGRATE_PERFORM3_PARAMS, (c) => {
    const dom = readDomainRef(c.args);
    const destinationUri = readOptionalString(c.args);
    const params = readTypedParams(c.args, 64);
    c.args.opaque(4_194_304);
    const flags = c.args.uint();
    if (!host.domains.has(dom.uuid)) return noDomain(c);
    host.log.push(`migrate ${dom.uuid} flags=${flags}`);
    let settled = false;
    const settle = (then: () => void) => {
      if (settled) return;
      settled = true;
      host.migrations.splice(host.migrations.indexOf(pending), 1);
      then();
    };
    const pending: PendingMigration = {
      dropCaller: () => server.close(),
      uuid: dom.uuid,
      destinationUri,
      flags,
      params,
      finish: () => settle(() => c.reply((w) => w.opaque(Buffer.alloc(0), 4_194_304))),
      fail: (code, message) => settle(() => c.fail(libvirtErrorNumber(code), message)),
    };
    host.migrations.push(pending);
  });
  server.on(P.DOMAIN_ABORT_JOB, (c) => {
    const d = host.domains.get(readDomainRef(c.args).uuid);
    if (!d) return noDomain(c);
    host.log.push(`abort ${d.uuid}`);
    if (!d.job || d.job.type === JobType.NONE) return c.fail(libvirtErrorNumber('OPERATION_INVALID'), 'no job is active on the domain');
    d.job = undefined;
    d.completedJob = { type: JobType.CANCELLED, params: [] };
    for (const m of host.migrations.filter((x) => x.uuid === d.uuid)) m.fail('OPERATION_ABORTED', 'migration job: canceled by client');
    c.reply();
  });
  for (const [procedure, name] of [
    [P.DOMAIN_MIGRATE_SET_MAX_DOWNTIME, 'downtime'],
    [P.DOMAIN_MIGRATE_START_POST_COPY, 'postcopy'],
  ] as const) {
    server.on(procedure, (c) => {
      const d = host.domains.get(readDomainRef(c.args).uuid);
      if (!d) return noDomain(c);
      host.log.push(`${name} ${d.uuid}`);
      c.reply();
    });
  }

  const jobsOf = (uuid: string) => {
    const jobs = host.blockJobs.get(uuid) ?? new Map<string, FakeBlockJob>();
    host.blockJobs.set(uuid, jobs);
    return jobs;
  };
  server.on(P.DOMAIN_BLOCK_COPY, (c) => {
    const d = host.domains.get(readDomainRef(c.args).uuid);
    const target = readNonNullString(c.args);
    const destXml = readNonNullString(c.args);
    if (!d) return noDomain(c);
    const disk = d.disks?.find((k) => k.target === target);
    const dest = /file='([^']+)'/.exec(destXml)?.[1] ?? '';
    if (!disk) return c.fail(libvirtErrorNumber('INVALID_ARG'), `no disk ${target}`);
    host.log.push(`blockcopy ${target} -> ${dest}`);
    disk.mirror = dest;
    jobsOf(d.uuid).set(target, { cur: 0, end: 64 * 1024 ** 2, dest });
    c.reply();
  });
  server.on(P.DOMAIN_GET_BLOCK_JOB_INFO, (c) => {
    const d = host.domains.get(readDomainRef(c.args).uuid);
    const target = readNonNullString(c.args);
    if (!d) return noDomain(c);
    const job = jobsOf(d.uuid).get(target);
    c.reply((w) =>
      w
        .int(job ? 1 : 0)
        .int(2)
        .uhyper(0)
        .uhyper(job?.cur ?? 0)
        .uhyper(job?.end ?? 0),
    );
  });
  server.on(P.DOMAIN_BLOCK_JOB_ABORT, (c) => {
    const d = host.domains.get(readDomainRef(c.args).uuid);
    const target = readNonNullString(c.args);
    const flags = c.args.uint();
    if (!d) return noDomain(c);
    const jobs = jobsOf(d.uuid);
    const job = jobs.get(target);
    const disk = d.disks?.find((k) => k.target === target);
    if (!job || !disk) return c.fail(libvirtErrorNumber('OPERATION_INVALID'), `disk '${target}' does not have an active block job`);
    if (flags & BlockJobAbortFlags.PIVOT) {
      if (job.refusePivot) {
        job.refusePivot -= 1;
        return c.fail(libvirtErrorNumber('OPERATION_INVALID'), `disk '${target}' not ready for pivot yet`);
      }
      if (job.cur !== job.end) return c.fail(libvirtErrorNumber('OPERATION_INVALID'), `disk '${target}' not ready for pivot yet`);
      disk.path = job.dest;
      host.log.push(`pivot ${target}`);
    } else {
      host.log.push(`blockabort ${target}`);
    }
    disk.mirror = undefined;
    jobs.delete(target);
    c.reply();
  });
}
