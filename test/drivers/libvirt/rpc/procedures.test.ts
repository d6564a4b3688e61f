// Typed wrappers against the fake daemon: each test plays the daemon's side of one struct
// from remote_protocol.x, so argument order and reply layouts are checked field by field.

import { describe, it, expect } from 'vitest';
import {
  connectCompareHypervisorCpu,
  connectGetLibVersion,
  connectGetVersion,
  connectListAllDomains,
  connectListAllNetworks,
  connectListAllStoragePools,
  domainGetBlockInfo,
  domainGetInfo,
  domainGetJobStats,
  domainGetState,
  domainMigrateGetMaxDowntime,
  domainMigratePerform3Params,
  domainMigrateSetMaxDowntime,
  JobStatsFlags,
  migrateFlags,
  MigrateFlags,
  nodeGetInfo,
  nodeGetMemoryStats,
  readDomainRef,
  readNonNullString,
  readOptionalString,
  readTypedParams,
  RemoteProcedure as P,
  storagePoolGetInfo,
  storageVolCreateXml,
  typedParam,
  writeDomainRef,
  writeNetworkRef,
  writeNonNullString,
  writeStoragePoolRef,
  writeTypedParams,
  type XdrWriter,
} from '../../../../src/main/drivers/libvirt/rpc';
import { testVm as vm, useFakeDaemon } from './fake-libvirtd';

const setup = useFakeDaemon();

describe('host procedures', () => {
  it('unpacks versions and reads node info with char[32] as 4-byte words', async () => {
    const { client, server } = setup();
    server.on(P.CONNECT_GET_VERSION, (c) => c.reply((w) => w.uhyper(7_002_000)));
    server.on(P.CONNECT_GET_LIB_VERSION, (c) => c.reply((w) => w.uhyper(9_000_000)));
    server.on(P.NODE_GET_INFO, (c) =>
      c.reply((w) => {
        const model = [...Buffer.from('x86_64')];
        w.fixedArray([...model, ...Array<number>(32 - model.length).fill(0)], 32, (x, ch) => x.int(ch));
        w.uhyper(16_384_000).int(8).int(2400).int(1).int(1).int(4).int(2);
      }),
    );
    await expect(connectGetVersion(client)).resolves.toEqual({ major: 7, minor: 2, micro: 0, packed: 7_002_000 });
    await expect(connectGetLibVersion(client)).resolves.toMatchObject({ major: 9, minor: 0 });
    await expect(nodeGetInfo(client)).resolves.toEqual({
      model: 'x86_64',
      memoryKiB: 16_384_000,
      cpus: 8,
      mhz: 2400,
      nodes: 1,
      sockets: 1,
      cores: 4,
      threads: 2,
    });
  });

  it('asks node memory stats in two round trips (count, then values)', async () => {
    const { client, server } = setup();
    const asked: number[] = [];
    server.on(P.NODE_GET_MEMORY_STATS, (c) => {
      const nparams = c.args.int();
      expect(c.args.int()).toBe(-1); // all cells
      c.args.uint();
      asked.push(nparams);
      c.reply((w) => {
        const values: [string, bigint][] =
          nparams === 0
            ? []
            : [
                ['total', 1000n],
                ['free', 400n],
              ];
        w.array(values, (x, [k, v]) => {
          writeNonNullString(x, k);
          x.uhyper(v);
        });
        w.int(2);
      });
    });
    await expect(nodeGetMemoryStats(client)).resolves.toEqual({ total: 1000n, free: 400n });
    expect(asked).toEqual([0, 2]);
  });

  it('sends the four optional target strings before the CPU XML', async () => {
    const { client, server } = setup();
    server.on(P.CONNECT_COMPARE_HYPERVISOR_CPU, (c) => {
      const target = [0, 1, 2, 3].map(() => readOptionalString(c.args));
      expect(target).toEqual([null, 'x86_64', null, 'kvm']);
      expect(readNonNullString(c.args)).toBe('<cpu/>');
      expect(c.args.uint()).toBe(0);
      c.reply((w) => w.int(2));
    });
    await expect(connectCompareHypervisorCpu(client, '<cpu/>', { arch: 'x86_64', virttype: 'kvm' })).resolves.toBe('SUPERSET');
  });
});

describe('domain procedures', () => {
  it('lists domains (need_results, flags) and decodes remote_nonnull_domain', async () => {
    const { client, server } = setup();
    server.on(P.CONNECT_LIST_ALL_DOMAINS, (c) => {
      expect([c.args.int(), c.args.uint()]).toEqual([1, 1]);
      c.reply((w) => {
        w.array([vm], writeDomainRef);
        w.uint(1);
      });
    });
    await expect(connectListAllDomains(client, 1)).resolves.toEqual([vm]);
  });

  it('decodes domain info with char/short fields as full words and cpuTime as bigint', async () => {
    const { client, server } = setup();
    server.on(P.DOMAIN_GET_INFO, (c) => {
      expect(readDomainRef(c.args)).toEqual(vm);
      c.reply((w) =>
        w
          .uint(1)
          .uhyper(65536)
          .uhyper(65536)
          .uint(2)
          .uhyper(2n ** 60n),
      );
    });
    await expect(domainGetInfo(client, vm)).resolves.toEqual({
      state: 'RUNNING',
      rawState: 1,
      maxMemoryKiB: 65536,
      memoryKiB: 65536,
      vcpus: 2,
      cpuTimeNs: 2n ** 60n,
    });
  });

  it('maps unknown domain states to UNKNOWN keeping the number', async () => {
    const { client, server } = setup();
    server.on(P.DOMAIN_GET_STATE, (c) => c.reply((w) => w.int(42).int(3)));
    await expect(domainGetState(client, vm)).resolves.toEqual({ state: 'UNKNOWN', rawState: 42, reason: 3 });
  });
});

describe('migration procedures', () => {
  it('encodes perform3_params for peer-to-peer exactly as remote_protocol.x orders it', async () => {
    const { client, server } = setup();
    server.on(P.DOMAIN_MIGRATE_PERFORM3_PARAMS, (c) => {
      expect(readDomainRef(c.args)).toEqual(vm);
      expect(readOptionalString(c.args)).toBe('qemu+tcp://dst/system');
      expect(readTypedParams(c.args, 64)).toEqual([
        typedParam.string('migrate_uri', 'tcp://10.0.0.2'),
        typedParam.ullong('bandwidth', 100),
        typedParam.string('migrate_disks', 'vda'),
        typedParam.string('migrate_disks', 'vdb'),
        typedParam.int('auto_converge.initial', 20),
        typedParam.int('parallel.connections', 4),
      ]);
      expect(c.args.opaque().length).toBe(0); // no cookie in p2p mode
      expect(c.args.uint()).toBe(MigrateFlags.LIVE | MigrateFlags.PEER2PEER | MigrateFlags.AUTO_CONVERGE);
      c.args.expectEnd();
      c.reply((w) => w.opaque(Buffer.from('cookie')));
    });
    const cookie = await domainMigratePerform3Params(client, vm, {
      destinationUri: 'qemu+tcp://dst/system',
      flags: migrateFlags('LIVE', 'AUTO_CONVERGE'),
      params: {
        migrateUri: 'tcp://10.0.0.2',
        bandwidthMiBs: 100,
        migrateDisks: ['vda', 'vdb'],
        autoConvergeInitial: 20,
        parallelConnections: 4,
      },
    });
    expect(cookie.toString()).toBe('cookie');
  });

  it('decodes job stats into typed fields and keeps the raw params', async () => {
    const { client, server } = setup();
    server.on(P.DOMAIN_GET_JOB_STATS, (c) => {
      readDomainRef(c.args);
      expect(c.args.uint()).toBe(JobStatsFlags.COMPLETED);
      c.reply((w: XdrWriter) => {
        w.int(3);
        writeTypedParams(
          w,
          [
            typedParam.int('operation', 5),
            typedParam.ullong('time_elapsed', 1234),
            typedParam.ullong('data_total', 300n * 2n ** 20n),
            typedParam.ullong('memory_dirty_rate', 17),
            typedParam.ullong('memory_iteration', 3),
            typedParam.ullong('downtime', 88),
            typedParam.int('auto_converge_throttle', 30),
            typedParam.boolean('success', true),
            typedParam.string('something_new', 'kept'),
          ],
          64,
        );
      });
    });
    const stats = await domainGetJobStats(client, vm, JobStatsFlags.COMPLETED);
    expect(stats).toMatchObject({
      type: 'COMPLETED',
      rawType: 3,
      operation: 5,
      timeElapsedMs: 1234,
      dataTotal: 300 * 2 ** 20,
      memoryDirtyRate: 17,
      memoryIteration: 3,
      downtimeMs: 88,
      autoConvergeThrottle: 30,
      success: true,
    });
    expect(stats.raw.at(-1)).toEqual(typedParam.string('something_new', 'kept'));
  });

  it('sets and gets max downtime as unsigned hyper', async () => {
    const { client, server } = setup();
    let downtime = 0n;
    server.on(P.DOMAIN_MIGRATE_SET_MAX_DOWNTIME, (c) => {
      readDomainRef(c.args);
      downtime = c.args.uhyper();
      c.reply();
    });
    server.on(P.DOMAIN_MIGRATE_GET_MAX_DOWNTIME, (c) => c.reply((w) => w.uhyper(downtime)));
    await domainMigrateSetMaxDowntime(client, vm, 500);
    await expect(domainMigrateGetMaxDowntime(client, vm)).resolves.toBe(500);
  });

  it('reads block info in wire order: allocation, capacity, physical (not the C struct order)', async () => {
    const { client, server } = setup();
    let asked = '';
    server.on(P.DOMAIN_GET_BLOCK_INFO, (c) => {
      readDomainRef(c.args);
      asked = readNonNullString(c.args);
      expect(c.args.uint()).toBe(0);
      c.reply((w) => w.uhyper(200_704n).uhyper(67_108_864n).uhyper(196_616n));
    });
    await expect(domainGetBlockInfo(client, vm, 'vda')).resolves.toEqual({
      allocationBytes: 200_704,
      capacityBytes: 67_108_864,
      physicalBytes: 196_616,
    });
    expect(asked).toBe('vda');
  });
});

describe('storage and network procedures', () => {
  const pool = { name: 'default', uuid: '00000000-0000-0000-0000-000000000001' };

  it('lists pools and networks and reads pool info', async () => {
    const { client, server } = setup();
    server.on(P.CONNECT_LIST_ALL_STORAGE_POOLS, (c) =>
      c.reply((w) => {
        w.array([pool], writeStoragePoolRef);
        w.uint(1);
      }),
    );
    server.on(P.CONNECT_LIST_ALL_NETWORKS, (c) =>
      c.reply((w) => {
        w.array([pool], writeNetworkRef);
        w.uint(1);
      }),
    );
    server.on(P.STORAGE_POOL_GET_INFO, (c) => c.reply((w) => w.uint(2).uhyper(1000).uhyper(400).uhyper(600)));
    await expect(connectListAllStoragePools(client)).resolves.toEqual([pool]);
    await expect(connectListAllNetworks(client)).resolves.toEqual([pool]);
    await expect(storagePoolGetInfo(client, pool)).resolves.toEqual({
      state: 'RUNNING',
      rawState: 2,
      capacityBytes: 1000,
      allocationBytes: 400,
      availableBytes: 600,
    });
  });

  it('creates a volume from XML', async () => {
    const { client, server } = setup();
    server.on(P.STORAGE_VOL_CREATE_XML, (c) => {
      c.args.string();
      c.args.opaqueFixed(16);
      expect(readNonNullString(c.args)).toBe('<volume/>');
      c.reply((w) => ['default', 'disk.qcow2', '/var/lib/libvirt/images/disk.qcow2'].forEach((s) => writeNonNullString(w, s)));
    });
    await expect(storageVolCreateXml(client, pool, '<volume/>')).resolves.toEqual({
      pool: 'default',
      name: 'disk.qcow2',
      key: '/var/lib/libvirt/images/disk.qcow2',
    });
  });
});
