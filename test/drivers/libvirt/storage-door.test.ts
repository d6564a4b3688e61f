// A storage-only move's pivot is a one-way door: once any disk switched to its copy, cancel is
// refused and the job pivots the others. After a restart the job learns from the domain where each
// disk is (its block jobs, the path it uses now) and finishes or gives back exactly what it made.

import { describe, expect, it } from 'vitest';
import { harness, VM } from './job-harness';
import { waitFor } from './rpc/fake-libvirtd';

const TWO_DISKS = [
  { target: 'vda', path: '/var/lib/libvirt/images/vm.qcow2' },
  { target: 'vdb', path: '/var/lib/libvirt/images/data.qcow2' },
];

/** Both mirrors in sync (QEMU's "ready"). */
function inSync(h: ReturnType<typeof harness>): void {
  for (const job of h.A.blockJobs.get(VM)?.values() ?? []) job.cur = job.end;
}

const pathsOf = (h: ReturnType<typeof harness>) => h.A.domains.get(VM)?.disks?.map((d) => d.path);

describe('storage-only moves: the pivot door', () => {
  it('once one disk pivoted, cancel is refused and the other disk is pivoted too', async () => {
    const h = harness(TWO_DISKS);
    const spec = h.storageSpec();
    const driver = h.driver();
    await driver.reserveDestination(spec);
    await driver.startMigration(spec);
    expect(h.A.log.filter((l) => l.startsWith('blockcopy'))).toEqual([
      'blockcopy vda -> /fast/vm.qcow2',
      'blockcopy vdb -> /fast/data.qcow2',
    ]);
    h.A.blockJobs.get(VM)!.get('vdb')!.refusePivot = 3;
    inSync(h);
    await waitFor(() => h.A.log.includes('pivot vda'));
    await expect(driver.cancelMigration(spec.jobId)).rejects.toMatchObject({ code: 'OPERATION_FAILED' });
    expect(await driver.jobProgress(spec.jobId)).toMatchObject({ switchedOver: true });
    expect(h.record(spec.jobId)?.state.switchedOver).toBe(true);
    await waitFor(() => h.A.log.includes('pivot vdb'), 5_000);
    expect(await driver.jobProgress(spec.jobId)).toMatchObject({ status: 'completed', switchedOver: true });
    expect(pathsOf(h)).toEqual(['/fast/vm.qcow2', '/fast/data.qcow2']);
    expect(h.A.log.filter((l) => l.startsWith('blockabort'))).toEqual([]);
  });

  it('a cancel before any pivot drops the mirrors at once, and the release deletes the copies', async () => {
    const h = harness(TWO_DISKS);
    const spec = h.storageSpec();
    const driver = h.driver();
    await driver.reserveDestination(spec);
    await driver.startMigration(spec);
    await driver.cancelMigration(spec.jobId);
    expect(h.A.log.filter((l) => l.startsWith('blockabort'))).toEqual(['blockabort vda', 'blockabort vdb']);
    expect(await driver.jobProgress(spec.jobId)).toMatchObject({ status: 'cancelled', switchedOver: false });
    await driver.releaseDestination(spec);
    expect([...(h.A.pools[1]?.volumes.keys() ?? [])]).toEqual([]);
    expect(pathsOf(h)).toEqual(TWO_DISKS.map((d) => d.path));
    expect(h.record(spec.jobId)).toBeUndefined();
  });

  it('after a restart mid-pivot: learns which disk pivoted, refuses cancel, pivots the rest', async () => {
    const h = harness(TWO_DISKS);
    const spec = h.storageSpec();
    const first = h.driver();
    await first.reserveDestination(spec);
    await first.startMigration(spec);
    h.A.blockJobs.get(VM)!.get('vdb')!.refusePivot = 1_000;
    inSync(h);
    await waitFor(() => h.A.log.includes('pivot vda'));
    await first.close();

    const second = h.driver();
    h.A.blockJobs.get(VM)!.get('vdb')!.refusePivot = 0;
    expect(await second.jobProgress(spec.jobId)).toMatchObject({ switchedOver: true });
    await expect(second.cancelMigration(spec.jobId)).rejects.toMatchObject({ code: 'OPERATION_FAILED' });
    await waitFor(() => h.A.log.includes('pivot vdb'), 5_000);
    expect(await second.jobProgress(spec.jobId)).toMatchObject({ status: 'completed' });
    // The commit deletes the old files, by the journal's plan.
    await second.removeLeftovers(spec, spec.sourceHostId);
    expect(h.A.log).toEqual(
      expect.arrayContaining(['delete /var/lib/libvirt/images/vm.qcow2', 'delete /var/lib/libvirt/images/data.qcow2']),
    );
    expect(h.record(spec.jobId)).toBeUndefined();
  });

  it('after a restart, mirrors still copying are watched and pivoted when ready', async () => {
    const h = harness(TWO_DISKS);
    const spec = h.storageSpec();
    const first = h.driver();
    await first.reserveDestination(spec);
    await first.startMigration(spec);
    await first.close();
    const second = h.driver();
    expect(await second.jobProgress(spec.jobId)).toMatchObject({ status: 'storage', switchedOver: false });
    inSync(h);
    await waitFor(() => h.A.log.includes('pivot vdb'), 5_000);
    expect(await second.jobProgress(spec.jobId)).toMatchObject({ status: 'completed', switchedOver: true });
  });

  it('after a restart with the mirrors gone and nothing pivoted: failed, and the release deletes the copies', async () => {
    const h = harness(TWO_DISKS);
    const spec = h.storageSpec();
    const first = h.driver();
    await first.reserveDestination(spec);
    await first.startMigration(spec);
    await first.close();
    // A libvirtd restart drops transient block jobs.
    h.A.blockJobs.get(VM)!.clear();
    for (const disk of h.A.domains.get(VM)!.disks!) disk.mirror = undefined;
    const second = h.driver();
    expect(await second.jobProgress(spec.jobId)).toMatchObject({ status: 'failed', error: { code: 'STORAGE_COPY_FAILED' } });
    await second.releaseDestination(spec);
    expect(h.A.log.filter((l) => l.startsWith('delete'))).toEqual(['delete /fast/vm.qcow2', 'delete /fast/data.qcow2']);
    expect(h.record(spec.jobId)).toBeUndefined();
  });

  it('past the door, a mirror that vanished is started again and the move completes', async () => {
    const h = harness(TWO_DISKS);
    const spec = h.storageSpec();
    const first = h.driver();
    await first.reserveDestination(spec);
    await first.startMigration(spec);
    h.A.blockJobs.get(VM)!.get('vdb')!.refusePivot = 1_000;
    inSync(h);
    await waitFor(() => h.A.log.includes('pivot vda'));
    await first.close();
    h.A.blockJobs.get(VM)!.delete('vdb');
    h.A.domains.get(VM)!.disks![1]!.mirror = undefined;
    const second = h.driver();
    expect(await second.jobProgress(spec.jobId)).toMatchObject({ status: 'storage', switchedOver: true });
    expect(h.A.log.filter((l) => l === 'blockcopy vdb -> /fast/data.qcow2')).toHaveLength(2);
    inSync(h);
    await waitFor(() => h.A.log.includes('pivot vdb'), 5_000);
    expect(await second.jobProgress(spec.jobId)).toMatchObject({ status: 'completed' });
  });
});
