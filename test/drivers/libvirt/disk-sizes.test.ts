// A disk's size comes from libvirt whatever its pool knows: a file made with qemu-img in a pool's
// directory is listed once the pool is refreshed, and a file in no pool has the size QEMU reports
// (virDomainGetBlockInfo). virsh migrate --copy-storage-all copies both; Ferry must too.

import { describe, expect, it } from 'vitest';
import { harness, IMAGES, VM } from './job-harness';

const MiB = 1024 ** 2;

describe('sizing the disks a migration copies', () => {
  it('refreshes a pool that has not listed the disk yet, and sizes the copy from it', async () => {
    const h = harness();
    const local = h.A.pools.find((p) => p.name === 'local');
    const path = `${IMAGES}/vm.qcow2`;
    const volume = local?.volumes.get(path);
    if (!local || !volume) throw new Error('the harness has no local volume');
    local.volumes.delete(path);
    local.unlisted = new Map([[path, volume]]);
    await h.driver().reserveDestination(h.bothSpec());
    expect(local.volumes.has(path)).toBe(true); // refreshed
    expect(h.B.pools[0]?.volumes.get(path)?.capacity).toBe(64 * MiB);
  });

  it('sizes a disk no pool holds from what QEMU reports (capacity, not allocation or physical)', async () => {
    const h = harness();
    h.A.pools.find((p) => p.name === 'local')?.volumes.clear();
    const domain = h.A.domains.get(VM);
    if (!domain) throw new Error('no guest');
    domain.disks = [{ target: 'vda', path: '/srv/elsewhere/vm.qcow2', capacity: 32 * MiB }];
    await h.driver().reserveDestination(h.bothSpec());
    expect(h.B.pools[0]?.volumes.get(`${IMAGES}/vm.qcow2`)?.capacity).toBe(32 * MiB);
  });
});

describe('a destination file its pool has not listed', () => {
  it('is seen (the pool is refreshed first) and never overwritten or taken for Ferry’s own', async () => {
    const h = harness();
    const path = `${IMAGES}/vm.qcow2`;
    const stranger = { name: 'vm.qcow2', capacity: 8 * MiB, allocation: MiB };
    const destLocal = h.B.pools.find((p) => p.name === 'local');
    if (!destLocal) throw new Error('no destination pool');
    destLocal.unlisted = new Map([[path, stranger]]);
    await expect(h.driver().reserveDestination(h.bothSpec())).rejects.toMatchObject({ code: 'DESTINATION_FAILED' });
    expect(destLocal.volumes.get(path)).toBe(stranger);
    expect(h.B.log.filter((line) => line.includes(path))).toEqual([]);
  });
});
