// The procedures the driver added to the RPC client (block copy and block jobs, host interfaces,
// volume info and listing), checked field by field against the fake daemon like procedures.test.ts.

import { describe, expect, it } from 'vitest';
import {
  BlockCopyFlags,
  BlockJobAbortFlags,
  connectListAllInterfaces,
  domainBlockCopy,
  domainBlockJobAbort,
  domainGetBlockJobInfo,
  interfaceGetXmlDesc,
  readDomainRef,
  readInterfaceRef,
  readNonNullString,
  readStoragePoolRef,
  readStorageVolRef,
  readTypedParams,
  RemoteProcedure as P,
  storagePoolListAllVolumes,
  storageVolGetInfo,
  writeInterfaceRef,
  writeNonNullString,
  writeStorageVolRef,
} from '../../../src/main/drivers/libvirt/rpc';
import { testVm as vm, useFakeDaemon } from './rpc/fake-libvirtd';

const setup = useFakeDaemon();

describe('block jobs', () => {
  it('starts a block copy: domain, disk, destination XML, typed params, flags', async () => {
    const { client, server } = setup();
    const seen: unknown[] = [];
    server.on(P.DOMAIN_BLOCK_COPY, (c) => {
      seen.push(readDomainRef(c.args), readNonNullString(c.args), readNonNullString(c.args), readTypedParams(c.args, 16), c.args.uint());
      c.reply();
    });
    await domainBlockCopy(client, vm, 'vda', '<disk/>', { bandwidthBps: 1024 }, BlockCopyFlags.REUSE_EXT | BlockCopyFlags.TRANSIENT_JOB);
    expect(seen).toEqual([vm, 'vda', '<disk/>', [{ field: 'bandwidth', value: { type: 'ullong', value: 1024n } }], 6]);
  });

  it('reads block job info, and null when the disk has no job', async () => {
    const { client, server } = setup();
    let found = 1;
    server.on(P.DOMAIN_GET_BLOCK_JOB_INFO, (c) => {
      expect(readDomainRef(c.args)).toEqual(vm);
      expect(readNonNullString(c.args)).toBe('vda');
      expect(c.args.uint()).toBe(1);
      c.reply((w) => w.int(found).int(2).uhyper(0).uhyper(16_777_216).uhyper(67_108_864));
    });
    await expect(domainGetBlockJobInfo(client, vm, 'vda', 1)).resolves.toEqual({
      type: 'COPY',
      bandwidth: 0,
      cur: 16_777_216,
      end: 67_108_864,
    });
    found = 0;
    await expect(domainGetBlockJobInfo(client, vm, 'vda', 1)).resolves.toBeNull();
  });

  it('pivots or drops a copy', async () => {
    const { client, server } = setup();
    const calls: unknown[] = [];
    server.on(P.DOMAIN_BLOCK_JOB_ABORT, (c) => {
      calls.push(['abort', readDomainRef(c.args).name, readNonNullString(c.args), c.args.uint()]);
      c.reply();
    });
    await domainBlockJobAbort(client, vm, 'vda', BlockJobAbortFlags.PIVOT);
    await domainBlockJobAbort(client, vm, 'vdb');
    expect(calls).toEqual([
      ['abort', 'vm1', 'vda', 2],
      ['abort', 'vm1', 'vdb', 0],
    ]);
  });
});

describe('host interfaces and volumes', () => {
  it('lists interfaces and reads one', async () => {
    const { client, server } = setup();
    server.on(P.CONNECT_LIST_ALL_INTERFACES, (c) => {
      expect([c.args.int(), c.args.uint()]).toEqual([1, 2]);
      c.reply((w) => {
        w.array([{ name: 'br0', mac: '76:c2:85:41:92:2b' }], writeInterfaceRef);
        w.uint(1);
      });
    });
    server.on(P.INTERFACE_GET_XML_DESC, (c) => {
      expect(readInterfaceRef(c.args)).toEqual({ name: 'br0', mac: '76:c2:85:41:92:2b' });
      expect(c.args.uint()).toBe(0);
      c.reply((w) => writeNonNullString(w, "<interface type='bridge' name='br0'/>"));
    });
    const [br0] = await connectListAllInterfaces(client, 2);
    expect(br0).toEqual({ name: 'br0', mac: '76:c2:85:41:92:2b' });
    await expect(interfaceGetXmlDesc(client, br0!)).resolves.toContain("type='bridge'");
  });

  it("reads volume info (char type as a word) and lists a pool's volumes", async () => {
    const { client, server } = setup();
    const vol = { pool: 'local', name: 'lab-vm2.qcow2', key: '/var/lib/libvirt/images/lab-vm2.qcow2' };
    server.on(P.STORAGE_VOL_GET_INFO, (c) => {
      expect(readStorageVolRef(c.args)).toEqual(vol);
      c.reply((w) => w.int(0).uhyper(67_108_864).uhyper(331_776));
    });
    server.on(P.STORAGE_POOL_LIST_ALL_VOLUMES, (c) => {
      expect(readStoragePoolRef(c.args).name).toBe('local');
      expect([c.args.int(), c.args.uint()]).toEqual([1, 0]);
      c.reply((w) => {
        w.array([vol], writeStorageVolRef);
        w.uint(1);
      });
    });
    await expect(storageVolGetInfo(client, vol)).resolves.toEqual({ type: 0, capacityBytes: 67_108_864, allocationBytes: 331_776 });
    await expect(storagePoolListAllVolumes(client, { name: 'local', uuid: '6f1d2c3b-4a59-4e8f-9d0c-1b2a3c4d5e6f' })).resolves.toEqual([
      vol,
    ]);
  });
});
