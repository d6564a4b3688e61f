// Pure mappings of the libvirt driver: ids, port groups, URIs, flags, job statistics, errors, load.

import { describe, expect, it } from 'vitest';
import { DriverError } from '../../../src/main/drivers/driver';
import { migrationAddressOf, migrationUriOf } from '../../../src/main/drivers/libvirt/hosts/config';
import { normalizeFingerprint } from '../../../src/main/drivers/libvirt/hosts/ssh-host-key';
import { missingFeaturesIn } from '../../../src/main/drivers/libvirt/inventory/cpu-features';
import { driverCodeOf, migrationFailureOf, toDriverError } from '../../../src/main/drivers/libvirt/hosts/error-mapping';
import { datastoreIdOf, hostIdOf, isSharedPool, poolNameOf, portGroupsOfHost } from '../../../src/main/drivers/libvirt/ids';
import { portGroupOf } from '../../../src/main/drivers/libvirt/xml/domain';
import { later } from '../../../src/main/drivers/libvirt/jobs/job-common';
import { progressOf, stageOf } from '../../../src/main/drivers/libvirt/jobs/job-progress';
import { cpuSampleOf, cpuUsageBetween, guestCpuUsage, memoryUsedOf } from '../../../src/main/drivers/libvirt/inventory/metrics';
import { bandwidthMiBs, buildMigration, type MigrationPlan } from '../../../src/main/drivers/libvirt/jobs/migration-flags';
import {
  decodeJobStats,
  LibvirtError,
  libvirtErrorNumber,
  MigrateFlags,
  RpcClientError,
  typedParam,
  type KnownLibvirtErrorCode,
} from '../../../src/main/drivers/libvirt/rpc';
import { fingerprintOf, fingerprintOfPublicKeyLine, HostKeyCheck } from '../../../src/main/drivers/libvirt/hosts/ssh-host-key';

const shared = new Set(['shared']);

describe('ids', () => {
  it('names hosts by UUID, shared pools by name, local pools by host and name', () => {
    const host = hostIdOf('E046F83D-A9AC-4B90-8B9C-82A0634CE45C');
    expect(host).toBe('libvirt:e046f83d-a9ac-4b90-8b9c-82a0634ce45c');
    expect(datastoreIdOf({ name: 'shared', type: 'dir' }, host, shared)).toBe('libvirt-pool:shared');
    expect(datastoreIdOf({ name: 'local', type: 'dir' }, host, shared)).toBe(`libvirt-pool:${host}/local`);
    // Network storage is shared whatever it is called.
    for (const type of ['netfs', 'iscsi', 'rbd', 'gluster']) expect(isSharedPool({ name: 'x', type }, shared)).toBe(true);
    expect(isSharedPool({ name: 'x', type: 'logical' }, shared)).toBe(false);
    expect(poolNameOf('libvirt-pool:shared')).toBe('shared');
    expect(poolNameOf(`libvirt-pool:${host}/local`)).toBe('local');
    expect(poolNameOf('DC0_C0_DS0')).toBeNull();
  });

  it('maps NICs to port groups and hosts to the port groups they offer', () => {
    expect(portGroupOf({ type: 'network', network: 'prod', bridge: 'virbr1' })).toBe('prod');
    expect(portGroupOf({ type: 'bridge', bridge: 'br0' })).toBe('br0');
    expect(portGroupOf({ type: 'direct', dev: 'eno2' })).toBe('macvtap:eno2');
    expect(portGroupOf({ type: 'user' })).toBe('user');
    expect(portGroupOf({ type: 'vhostuser' })).toBe('vhostuser');
    expect(
      portGroupsOfHost({
        networks: ['default'],
        interfaces: [
          { name: 'br0', type: 'bridge' },
          { name: 'eno2', type: 'ethernet' },
          { name: 'lo', type: 'ethernet' },
        ],
        configuredBridges: ['br-storage'],
        bridgesInUse: ['br1'],
      }),
    ).toEqual(['br-storage', 'br0', 'br1', 'default', 'macvtap:eno2', 'user']);
  });
});

describe('host config', () => {
  const base = { clusterId: 'c' };
  it('derives the peer-to-peer destination URI from the host URI', () => {
    expect(migrationUriOf({ ...base, uri: 'qemu+tcp://10.0.0.2/system' })).toBe('qemu+tcp://10.0.0.2/system');
    expect(migrationUriOf({ ...base, uri: 'qemu+tcp://10.0.0.2:16600/system' })).toBe('qemu+tcp://10.0.0.2:16600/system');
    expect(migrationUriOf({ ...base, uri: 'qemu+ssh://admin@kvm2.example/system?keyfile=/k&no_verify=1' })).toBe(
      'qemu+ssh://admin@kvm2.example/system',
    );
    expect(migrationUriOf({ ...base, uri: 'qemu+unix:///system?socket=/run/x.sock' })).toBeNull();
    expect(migrationUriOf({ ...base, uri: 'qemu+unix:///system', migrationUri: 'qemu+tcp://h/system' })).toBe('qemu+tcp://h/system');
  });

  it('streams migration data to the address of that URI unless told otherwise', () => {
    expect(migrationAddressOf({ ...base, uri: 'qemu+unix:///system', migrationUri: 'qemu+tcp://10.77.0.12/system' })).toBe('10.77.0.12');
    expect(migrationAddressOf({ ...base, uri: 'qemu+ssh://root@kvm2/system', migrationAddress: '192.168.100.2' })).toBe('192.168.100.2');
    expect(migrationAddressOf({ ...base, uri: 'qemu+unix:///system' })).toBeNull();
  });

  it('compares SSH host keys by SHA256 fingerprint, with or without the prefix', () => {
    const line = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIC/i36GtgSVUDS5Pa8NFfGyLoIEp1nWDgpCI41uSit2n lab';
    const fp = fingerprintOfPublicKeyLine(line);
    expect(fp).toMatch(/^[A-Za-z0-9+/]{43}$/);
    expect(normalizeFingerprint(`SHA256:${fp}=`)).toBe(fp);
    const blob = Buffer.from(line.split(' ')[1]!, 'base64');
    expect(fingerprintOf(blob)).toBe(fp);
    const sighting = { host: 'kvm1', port: 22, alias: 'kvm1', jump: false, knownHosts: { kind: 'unknown' } as const };
    // A key nothing vouches for is refused, and remembered (the wizard shows it to confirm).
    const strict = new HostKeyCheck(undefined);
    expect(strict.verify(blob, sighting)).toBe(false);
    expect(strict.refusal).toMatchObject({ kind: 'unknown', seen: `SHA256:${fp}` });
    expect(strict.seen).toBe(fp);
    const pinned = new HostKeyCheck(`SHA256:${fp}`);
    expect(pinned.verify(blob, sighting)).toBe(true);
    const wrong = new HostKeyCheck('SHA256:nope');
    expect(wrong.verify(blob, sighting)).toBe(false);
    expect(wrong.refusal).toMatchObject({ kind: 'changed', trusted: ['SHA256:nope'], seen: `SHA256:${fp}`, source: 'pinned' });
  });
});

describe('migration flags', () => {
  const plan = (overrides: Partial<MigrationPlan> = {}): MigrationPlan => ({
    type: 'compute',
    cold: false,
    autoConverge: false,
    postCopyAllowed: false,
    disksToCopy: [],
    staysOnUndetectableSharedStorage: false,
    migrationAddress: '10.77.0.12',
    bandwidthLimitBps: null,
    parallelConnections: null,
    ...overrides,
  });

  it('always migrates live, peer to peer, defined on the destination and undefined on the source', () => {
    const built = buildMigration(plan());
    expect(built.flagNames).toEqual(['LIVE', 'PEER2PEER', 'PERSIST_DEST', 'UNDEFINE_SOURCE']);
    expect(built.flags).toBe(MigrateFlags.LIVE | MigrateFlags.PEER2PEER | MigrateFlags.PERSIST_DEST | MigrateFlags.UNDEFINE_SOURCE);
    expect(built.params).toEqual({ migrateUri: 'tcp://10.77.0.12' });
  });

  it('encrypts the stream with VIR_MIGRATE_TLS (1 << 16) only when asked, and never for an offline move', () => {
    expect(buildMigration(plan()).flagNames).not.toContain('TLS');
    const encrypted = buildMigration(plan({ encryptStream: true }));
    expect(encrypted.flagNames).toContain('TLS');
    expect(MigrateFlags.TLS).toBe(65536);
    expect(encrypted.flags & 65536).toBe(65536);
    expect(buildMigration(plan({ cold: true, encryptStream: true })).flagNames).not.toContain('TLS');
  });

  it('moves a shut-off guest offline: definition only, no stream parameters', () => {
    const built = buildMigration(
      plan({ cold: true, autoConverge: true, postCopyAllowed: true, bandwidthLimitBps: 8 * 1024 ** 2, parallelConnections: 4 }),
    );
    expect(built.flagNames).toEqual(['OFFLINE', 'PEER2PEER', 'PERSIST_DEST', 'UNDEFINE_SOURCE']);
    expect(built.flags & MigrateFlags.LIVE).toBe(0);
    expect(built.params).toEqual({});
    expect(buildMigration(plan({ cold: true, staysOnUndetectableSharedStorage: true, persistentXml: '<domain/>' }))).toMatchObject({
      flagNames: expect.arrayContaining(['UNSAFE']),
      params: { persistentXml: '<domain/>' },
    });
  });

  it('adds UNSAFE for a shared dir pool, NON_SHARED_DISK with the disks to copy, and the policy flags', () => {
    expect(buildMigration(plan({ staysOnUndetectableSharedStorage: true })).flagNames).toContain('UNSAFE');
    const both = buildMigration(
      plan({ type: 'both', disksToCopy: ['vda'], autoConverge: true, postCopyAllowed: true, bandwidthLimitBps: 8 * 1024 ** 2 }),
    );
    expect(both.flagNames).toEqual([
      'LIVE',
      'PEER2PEER',
      'PERSIST_DEST',
      'UNDEFINE_SOURCE',
      'NON_SHARED_DISK',
      'AUTO_CONVERGE',
      'POSTCOPY',
    ]);
    expect(both.params).toEqual({ migrateUri: 'tcp://10.77.0.12', bandwidthMiBs: 8, bandwidthPostcopyMiBs: 8, migrateDisks: ['vda'] });
    // The post-copy limit only matters where post-copy may run.
    expect(buildMigration(plan({ bandwidthLimitBps: 8 * 1024 ** 2 })).params).toEqual({ migrateUri: 'tcp://10.77.0.12', bandwidthMiBs: 8 });
    // 'both' with nothing to copy (all disks already on the target) copies nothing.
    expect(buildMigration(plan({ type: 'both' })).flagNames).not.toContain('NON_SHARED_DISK');
  });

  it('uses parallel streams only without post-copy (QEMU cannot combine them), and brackets IPv6', () => {
    expect(buildMigration(plan({ parallelConnections: 4 })).params.parallelConnections).toBe(4);
    expect(buildMigration(plan({ parallelConnections: 4 })).flagNames).toContain('PARALLEL');
    expect(buildMigration(plan({ parallelConnections: 4, postCopyAllowed: true })).flagNames).not.toContain('PARALLEL');
    expect(buildMigration(plan({ migrationAddress: 'fd00::2' })).params.migrateUri).toBe('tcp://[fd00::2]');
    expect(buildMigration(plan({ destinationXml: '<domain/>', persistentXml: '<domain/>' })).params).toMatchObject({
      destinationXml: '<domain/>',
      persistentXml: '<domain/>',
    });
  });

  it('rounds bandwidth to whole MiB/s, never 0 (which libvirt reads as unlimited)', () => {
    expect(bandwidthMiBs(1)).toBe(1);
    expect(bandwidthMiBs(2.4 * 1024 ** 2)).toBe(2);
  });
});

describe('job statistics', () => {
  // Values from a lab migration of lab-vm1 at 32 MiB/s (h1 -> h2).
  const running = decodeJobStats(2, [
    typedParam.ullong('time_elapsed', 1017),
    typedParam.ullong('memory_total', 269230080),
    typedParam.ullong('memory_processed', 23499126),
    typedParam.ullong('memory_remaining', 229203968),
    typedParam.ullong('memory_bps', 33571080),
    typedParam.ullong('memory_dirty_rate', 12),
    typedParam.ullong('memory_page_size', 4096),
    typedParam.ullong('memory_iteration', 2),
    typedParam.ullong('downtime', 300),
    typedParam.int('auto_converge_throttle', 20),
  ]);
  const completed = decodeJobStats(3, [
    typedParam.ullong('time_elapsed', 2225),
    typedParam.ullong('memory_total', 269230080),
    typedParam.ullong('memory_processed', 67476192),
    typedParam.ullong('memory_remaining', 0),
    typedParam.ullong('memory_bps', 37148049),
    typedParam.ullong('memory_iteration', 3),
    typedParam.ullong('downtime', 28),
  ]);
  const mirroring = decodeJobStats(2, [
    typedParam.ullong('time_elapsed', 500),
    typedParam.ullong('disk_total', 67108864),
    typedParam.ullong('disk_processed', 16777216),
    typedParam.ullong('disk_remaining', 50331648),
    typedParam.ullong('disk_bps', 4194304),
  ]);

  it('tells setup, disk mirroring and memory copy apart', () => {
    expect(stageOf(null, false)).toBe('setup');
    expect(stageOf(decodeJobStats(0, []), false)).toBe('setup');
    expect(stageOf(decodeJobStats(2, [typedParam.ullong('time_elapsed', 5)]), false)).toBe('setup');
    expect(stageOf(mirroring, true)).toBe('storage');
    expect(stageOf(running, true)).toBe('memory');
    expect(stageOf(running, false)).toBe('memory');
  });

  it('maps a running memory copy field by field', () => {
    expect(progressOf({ status: 'memory', stats: running, elapsedMs: 9, downtimeLimitMs: 300, switchedOver: false, error: null })).toEqual({
      status: 'memory',
      elapsedMs: 1017,
      memoryTotalBytes: 269230080,
      memoryProcessedBytes: 23499126,
      memoryRemainingBytes: 229203968,
      dirtyRateBps: 12 * 4096,
      iteration: 2,
      bandwidthBps: 33571080,
      expectedDowntimeMs: 300,
      diskTotalBytes: 0,
      diskProcessedBytes: 0,
      diskRemainingBytes: 0,
      downtimeMs: null,
      observedDowntimeMs: null,
      downtimeLimitMs: 300,
      throttlePercent: 20,
      switchedOver: false,
      error: null,
    });
  });

  it('reports the real downtime once completed, and disk progress while mirroring', () => {
    const done = progressOf({ status: 'completed', stats: completed, elapsedMs: 0, downtimeLimitMs: 450, switchedOver: true, error: null });
    expect(done).toMatchObject({
      status: 'completed',
      downtimeMs: 28,
      expectedDowntimeMs: null,
      memoryRemainingBytes: 0,
      dirtyRateBps: 0,
      iteration: 3,
      switchedOver: true,
      downtimeLimitMs: 450,
    });
    const watched = { stats: completed, elapsedMs: 0, downtimeLimitMs: 450, switchedOver: true, error: null, observedDowntimeMs: 130 };
    expect(progressOf({ ...watched, status: 'completed' }).observedDowntimeMs).toBe(130);
    expect(progressOf({ ...watched, status: 'memory' }).observedDowntimeMs).toBeNull();
    const disk = progressOf({ status: 'storage', stats: mirroring, elapsedMs: 0, downtimeLimitMs: 300, switchedOver: false, error: null });
    expect(disk).toMatchObject({
      iteration: 0,
      bandwidthBps: 4194304,
      diskTotalBytes: 67108864,
      diskProcessedBytes: 16777216,
      diskRemainingBytes: 50331648,
      downtimeMs: null,
    });
  });

  it('never lets processed bytes or the status run backwards', () => {
    const dipped = progressOf({
      status: 'memory',
      stats: running,
      elapsedMs: 0,
      downtimeLimitMs: 300,
      switchedOver: false,
      error: null,
      floor: { memoryProcessedBytes: 30_000_000, diskProcessedBytes: 5, memoryTotalBytes: 0, diskTotalBytes: 0 },
    });
    expect(dipped.memoryProcessedBytes).toBe(30_000_000);
    expect(dipped.diskProcessedBytes).toBe(5);
    // A completed job's statistics carry no disk total: the total seen while it copied stays.
    const completed = progressOf({
      status: 'completed',
      stats: { type: 'COMPLETED', rawType: 3, raw: [], timeElapsedMs: 9000, memoryProcessed: 80_000_000, downtimeMs: 40 },
      elapsedMs: 0,
      downtimeLimitMs: 300,
      switchedOver: true,
      error: null,
      floor: {
        memoryProcessedBytes: 60_000_000,
        diskProcessedBytes: 67_108_864,
        memoryTotalBytes: 268_435_456,
        diskTotalBytes: 67_108_864,
      },
    });
    expect(completed).toMatchObject({ diskTotalBytes: 67_108_864, diskProcessedBytes: 67_108_864, memoryTotalBytes: 268_435_456 });
    expect(later('memory', 'storage')).toBe('memory');
    expect(later('memory', 'postcopy')).toBe('postcopy');
    expect(later('setup', 'memory')).toBe('memory');
  });
});

const libvirtError = (code: KnownLibvirtErrorCode, message = 'boom'): LibvirtError =>
  new LibvirtError({
    code: libvirtErrorNumber(code),
    domain: 10,
    message,
    level: 2,
    dom: null,
    str1: null,
    str2: null,
    str3: null,
    int1: 0,
    int2: 0,
    net: null,
  });

describe('error mapping', () => {
  it('maps libvirt and client errors into the closed driver codes', () => {
    expect(driverCodeOf(libvirtError('NO_DOMAIN'))).toBe('NOT_FOUND');
    expect(driverCodeOf(libvirtError('AUTH_FAILED'))).toBe('AUTH_FAILED');
    expect(driverCodeOf(libvirtError('ACCESS_DENIED'))).toBe('AUTH_FAILED');
    expect(driverCodeOf(libvirtError('ARGUMENT_UNSUPPORTED'))).toBe('NOT_SUPPORTED');
    expect(driverCodeOf(libvirtError('OPERATION_ABORTED'))).toBe('ABORTED');
    expect(driverCodeOf(libvirtError('OPERATION_INVALID'))).toBe('OPERATION_FAILED');
    expect(driverCodeOf(libvirtError('NO_CONNECT'))).toBe('HOST_UNREACHABLE');
    expect(driverCodeOf(new RpcClientError('CLOSED', 'gone'))).toBe('HOST_UNREACHABLE');
    expect(driverCodeOf(new Error('?'))).toBe('UNKNOWN');
    expect(driverCodeOf(new DriverError('LINK_DOWN', 'x'))).toBe('LINK_DOWN');
    const wrapped = toDriverError(libvirtError('NO_STORAGE_VOL', 'no volume'), 'delete disk');
    expect(wrapped).toMatchObject({ name: 'DriverError', code: 'NOT_FOUND', message: 'delete disk: no volume' });
  });

  it('names why a migration ended from the error and how far it had come', () => {
    const failed = libvirtError('OPERATION_FAILED', "job 'migration out' failed: Unable to write to socket");
    expect(migrationFailureOf(failed, 'setup', false)).toEqual({ status: 'failed', code: 'DESTINATION_FAILED' });
    expect(migrationFailureOf(failed, 'storage', false)).toEqual({ status: 'failed', code: 'STORAGE_COPY_FAILED' });
    expect(migrationFailureOf(failed, 'memory', false)).toEqual({ status: 'failed', code: 'MEMORY_COPY_FAILED' });
    expect(migrationFailureOf(failed, 'postcopy', false)).toEqual({ status: 'failed', code: 'SWITCHOVER_FAILED' });
    expect(migrationFailureOf(libvirtError('OPERATION_ABORTED'), 'memory', false)).toEqual({ status: 'cancelled', code: 'ABORTED' });
    expect(migrationFailureOf(failed, 'memory', true)).toEqual({ status: 'cancelled', code: 'ABORTED' });
    expect(migrationFailureOf(new RpcClientError('CLOSED', 'eof'), 'memory', false)).toEqual({ status: 'failed', code: 'LINK_DOWN' });
    expect(migrationFailureOf(libvirtError('AUTH_FAILED'), 'setup', false)).toEqual({ status: 'failed', code: 'AUTH_FAILED' });
    expect(migrationFailureOf(libvirtError('NO_SUPPORT'), 'memory', false)).toEqual({ status: 'failed', code: 'NOT_SUPPORTED' });
  });
});

describe('CPU compare messages', () => {
  it("reads the missing features out of libvirt's incompatibility message (captured from the lab)", () => {
    expect(
      missingFeaturesIn('the CPU is incompatible with host CPU: Host CPU does not provide required features: avx512f, avx512bw'),
    ).toEqual(['avx512f', 'avx512bw']);
    expect(missingFeaturesIn('the CPU is incompatible with host CPU')).toEqual([]);
  });
});

describe('load', () => {
  it('computes host CPU use from counter deltas (since boot for the first sample)', () => {
    const first = cpuSampleOf({ kernel: 100n, user: 300n, idle: 500n, iowait: 100n });
    expect(cpuUsageBetween(undefined, first)).toBeCloseTo(0.4);
    const second = cpuSampleOf({ kernel: 150n, user: 400n, idle: 550n, iowait: 150n });
    expect(cpuUsageBetween(first, second)).toBeCloseTo(0.6);
    expect(cpuUsageBetween(second, second)).toBe(0);
    expect(cpuSampleOf({ idle: 10n, user: 10n, utilization: 50n }).total).toBe(20n);
  });

  it('counts memory that cannot be given back at once, and guest CPU from CPU time', () => {
    expect(memoryUsedOf({ total: 1000n, free: 400n, buffers: 100n, cached: 200n })).toBe(300 * 1024);
    expect(guestCpuUsage({ cpuTimeNs: 0n, at: 0 }, 500_000_000n, 1000, 1)).toBeCloseTo(0.5);
    expect(guestCpuUsage({ cpuTimeNs: 0n, at: 0 }, 500_000_000n, 1000, 2)).toBeCloseTo(0.25);
    expect(guestCpuUsage(undefined, 5n, 1000, 1)).toBe(0);
    expect(guestCpuUsage({ cpuTimeNs: 10n, at: 0 }, 5n, 1000, 1)).toBe(0);
  });
});
