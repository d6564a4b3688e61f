// A live migration survives a Ferry restart and a dropped connection: a new driver on the same
// journal answers for the job from the hypervisor's truth (the source's job, then where the guest
// runs), steers it, and cleans up exactly what was created. A lost connection is unknown, not failed.

import { describe, expect, it, vi } from 'vitest';
import { MigrateFlags } from '../../../src/main/drivers/libvirt/rpc';
import { Reason, State } from './fake-host';
import { migrationStats } from './fake-jobs';
import { harness, IMAGES, migrationCalled, VM } from './job-harness';
import { waitFor } from './rpc/fake-libvirtd';

const MiB = 1024 ** 2;

/** Asks until the answer is not HOST_UNREACHABLE (the driver reconnects with backoff). */
async function eventually<T>(ask: () => Promise<T>, limitMs = 8_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    try {
      return await ask();
    } catch (error) {
      if ((error as { code?: string }).code !== 'HOST_UNREACHABLE' || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/**
 * A post-copy a stopped Ferry left broken (the source paused, the destination running its half),
 * and a new driver on the same journal that has looked at it; the source's call log starts empty.
 */
async function brokenPostCopyAfterRestart() {
  const h = harness();
  const spec = h.computeSpec({ postCopyAllowed: true });
  const first = h.driver();
  await first.startMigration(spec);
  await migrationCalled(h.A);
  await first.close();
  h.A.migrations.splice(0);
  h.A.log.splice(0);
  Object.assign(h.A.domains.get(VM)!, { state: State.PAUSED, reason: Reason.PAUSED_POSTCOPY_FAILED, job: migrationStats(200 * MiB) });
  h.B.addDomain({ name: 'vm', uuid: VM, state: State.RUNNING, reason: Reason.RUNNING_POSTCOPY_FAILED, persistent: true });
  const second = h.driver();
  await second.jobProgress(spec.jobId);
  return { h, spec, second };
}

describe('re-attaching to a live migration after a restart', () => {
  it('follows a migration the hosts kept running to its real end, then cleans the source by the journal', async () => {
    const h = harness();
    const spec = h.bothSpec();
    const first = h.driver();
    await first.reserveDestination(spec);
    await first.startMigration(spec);
    await migrationCalled(h.A);
    h.A.domains.get(VM)!.job = migrationStats(32 * MiB);
    expect((await first.jobProgress(spec.jobId)).status).toBe('memory');
    await first.close(); // Ferry goes away; libvirt keeps the migration

    const second = h.driver();
    h.A.domains.get(VM)!.job = migrationStats(96 * MiB);
    const running = await second.jobProgress(spec.jobId);
    expect(running).toMatchObject({ status: 'memory', memoryProcessedBytes: 96 * MiB, switchedOver: false });

    h.landOnB();
    const done = await second.jobProgress(spec.jobId);
    expect(done).toMatchObject({ status: 'completed', switchedOver: true, downtimeMs: 42 });
    expect(await second.locateVm(VM)).toEqual([{ hostId: h.idB, power: 'running', copy: 'whole' }]);
    // The journal knows which source disk was copied: the commit deletes it, and the record goes.
    await second.removeLeftovers(spec, spec.sourceHostId);
    expect(h.A.log).toContain(`delete ${IMAGES}/vm.qcow2`);
    expect(h.B.pools[0]?.volumes.has(`${IMAGES}/vm.qcow2`)).toBe(true);
    expect(h.record(spec.jobId)).toBeUndefined();
  });

  it.each([
    ['stopped on its own, guest whole on the source', 'failed', 'failed', false],
    ['cancelled by someone, guest whole on the source', 'cancelled', 'cancelled', false],
  ] as const)('decides a job that ended while Ferry was away: %s', async (_case, how, status, switchedOver) => {
    const h = harness();
    const spec = h.computeSpec();
    const first = h.driver();
    await first.startMigration(spec);
    await migrationCalled(h.A);
    h.A.domains.get(VM)!.job = migrationStats(8 * MiB);
    await first.jobProgress(spec.jobId);
    await first.close();
    h.stayOnA(how);
    const progress = await h.driver().jobProgress(spec.jobId);
    expect(progress).toMatchObject({ status, switchedOver });
  });

  it('reports a broken post-copy as failed past the door, and a guest on neither host as lost', async () => {
    const h = harness();
    const spec = h.computeSpec({ postCopyAllowed: true });
    const first = h.driver();
    await first.startMigration(spec);
    await migrationCalled(h.A);
    await first.close();
    const guest = h.A.domains.get(VM)!;
    Object.assign(guest, { state: State.PAUSED, reason: Reason.PAUSED_POSTCOPY_FAILED, job: migrationStats(200 * MiB) });
    h.B.addDomain({ name: 'vm', uuid: VM, state: State.RUNNING, reason: Reason.RUNNING_POSTCOPY_FAILED, persistent: true });
    expect(await h.driver().jobProgress(spec.jobId)).toMatchObject({
      status: 'failed',
      switchedOver: true,
      error: { code: 'SWITCHOVER_FAILED' },
    });

    const lost = harness();
    const other = lost.computeSpec();
    const before = lost.driver();
    await before.startMigration(other);
    await migrationCalled(lost.A);
    await before.close();
    lost.A.domains.delete(VM);
    expect(await lost.driver().jobProgress(other.jobId)).toMatchObject({ status: 'failed', error: { code: 'UNKNOWN' } });
  });

  it('switches a re-attached job to post-copy, follows it while the source serves pages, and refuses to cancel it', async () => {
    const h = harness();
    const spec = h.computeSpec({ postCopyAllowed: true });
    const first = h.driver();
    await first.startMigration(spec);
    await migrationCalled(h.A);
    await first.close();
    h.A.domains.get(VM)!.job = migrationStats(100 * MiB);
    const second = h.driver();
    await second.startPostCopy(spec.jobId);
    expect(h.A.log).toContain(`postcopy ${VM}`);
    expect(h.record(spec.jobId)?.state.postCopyRequested).toBe(true);
    Object.assign(h.A.domains.get(VM)!, { state: State.PAUSED, reason: Reason.PAUSED_POSTCOPY, job: migrationStats(200 * MiB) });
    h.B.addDomain({ name: 'vm', uuid: VM, state: State.RUNNING, reason: Reason.RUNNING_POSTCOPY, persistent: true });
    expect(await second.jobProgress(spec.jobId)).toMatchObject({ status: 'postcopy', switchedOver: true });
    expect(h.record(spec.jobId)?.state.switchedOver).toBe(true);
    await expect(second.cancelMigration(spec.jobId)).rejects.toMatchObject({ code: 'OPERATION_FAILED' });
    expect(h.A.log.filter((l) => l.startsWith('abort'))).toEqual([]);
  });

  it('steers a re-attached job through the source: downtime, cancel (then the rollback frees the volume, and a retry succeeds)', async () => {
    const h = harness();
    const spec = h.bothSpec({ postCopyAllowed: true });
    const first = h.driver();
    await first.reserveDestination(spec);
    await first.startMigration(spec);
    await migrationCalled(h.A);
    await first.close();
    h.A.domains.get(VM)!.job = migrationStats(16 * MiB);
    // The destination keeps an unrelated volume Ferry did not create.
    h.B.pools[0]?.volumes.set(`${IMAGES}/other.qcow2`, { name: 'other.qcow2', capacity: MiB, allocation: 0 });

    const second = h.driver();
    await second.setDowntimeLimit(spec.jobId, 500);
    expect(h.A.log).toContain(`downtime ${VM}`);
    expect(h.record(spec.jobId)?.state.downtimeLimitMs).toBe(500);
    await second.cancelMigration(spec.jobId);
    expect(h.A.log).toContain(`abort ${VM}`);
    expect(h.record(spec.jobId)?.state.cancelRequested).toBe(true);
    expect(await second.jobProgress(spec.jobId)).toMatchObject({ status: 'cancelled', error: { code: 'ABORTED' } });

    // The engine's rollback: the destination's copy (none), then the reservation.
    await second.removeLeftovers(spec, spec.destHostId);
    await second.releaseDestination(spec);
    expect(h.B.log).toEqual([`create ${IMAGES}/vm.qcow2`, `delete ${IMAGES}/vm.qcow2`]);
    expect([...(h.B.pools[0]?.volumes.keys() ?? [])]).toEqual([`${IMAGES}/other.qcow2`]);
    expect(h.record(spec.jobId)).toBeUndefined();

    // The same move again: nothing left in its way.
    const retry = h.bothSpec();
    await second.reserveDestination(retry);
    await second.startMigration(retry);
    await migrationCalled(h.A);
    expect(h.B.pools[0]?.volumes.has(`${IMAGES}/vm.qcow2`)).toBe(true);
  });

  it('resumes a broken post-copy with POSTCOPY_RESUME and the original flags, and follows it again', async () => {
    const h = harness();
    const spec = h.computeSpec({ postCopyAllowed: true });
    const first = h.driver();
    await first.startMigration(spec);
    await migrationCalled(h.A);
    const original = h.A.migrations[0]!.flags;
    await first.close();
    h.A.migrations.splice(0);
    Object.assign(h.A.domains.get(VM)!, { state: State.PAUSED, reason: Reason.PAUSED_POSTCOPY_FAILED, job: migrationStats(200 * MiB) });
    h.B.addDomain({ name: 'vm', uuid: VM, state: State.PAUSED, reason: Reason.PAUSED_POSTCOPY_FAILED, persistent: true });

    const second = h.driver();
    expect(second.capabilities.postCopyRecovery).toBe(false); // before any host answered
    expect(await second.jobProgress(spec.jobId)).toMatchObject({ status: 'failed', switchedOver: true });
    expect(second.capabilities.postCopyRecovery).toBe(true); // libvirt 9.0 on both
    const resumed = second.resumePostCopy(spec.jobId);
    await migrationCalled(h.A);
    const call = h.A.migrations[0]!;
    expect(call.flags).toBe((original | MigrateFlags.POSTCOPY_RESUME) >>> 0);
    // libvirt takes the recovery: the guest runs on B again while pages flow.
    Object.assign(h.A.domains.get(VM)!, { reason: Reason.PAUSED_POSTCOPY });
    Object.assign(h.B.domains.get(VM)!, { state: State.RUNNING, reason: Reason.RUNNING_POSTCOPY });
    await resumed;
    expect(await second.jobProgress(spec.jobId)).toMatchObject({ status: 'postcopy', switchedOver: true, error: null });
    h.landOnB();
    call.finish();
    await waitFor(() => h.record(spec.jobId)?.end?.status === 'completed');
    expect(await second.jobProgress(spec.jobId)).toMatchObject({ status: 'completed' });
  });

  it('asks again when libvirt refuses the resume because the source QEMU has not paused its side yet (lab: 60 ms after the state says failed)', async () => {
    const { h, spec, second } = await brokenPostCopyAfterRestart();
    const resumed = second.resumePostCopy(spec.jobId);
    await migrationCalled(h.A);
    h.A.migrations[0]!.fail('OPERATION_INVALID', 'Requested operation is not valid: QEMU reports migration is still running');
    await waitFor(() => h.A.log.filter((line) => line.startsWith('migrate ')).length === 2);
    await resumed;
    expect(await second.jobProgress(spec.jobId)).toMatchObject({ status: 'postcopy', error: null });
    expect(h.record(spec.jobId)?.end).toBeNull();
  });

  it('gives up on a resume libvirt refuses for another reason at once, with its words', async () => {
    const { h, spec, second } = await brokenPostCopyAfterRestart();
    const resumed = second.resumePostCopy(spec.jobId);
    await migrationCalled(h.A);
    h.A.migrations[0]!.fail('OPERATION_FAILED', 'operation failed: migration of disk vda failed');
    await expect(resumed).rejects.toMatchObject({ message: expect.stringContaining('migration of disk vda failed') });
    expect(h.A.log.filter((line) => line.startsWith('migrate '))).toHaveLength(1);
  });

  it('reports a resume that never takes (the destination QEMU no longer answers) as failed after a minute, not as running for ever', async () => {
    const { spec, second } = await brokenPostCopyAfterRestart();
    await second.resumePostCopy(spec.jobId);
    expect(await second.jobProgress(spec.jobId)).toMatchObject({ status: 'postcopy', error: null });
    // libvirt took the call but nothing moves: the source stays "post-copy failed".
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 61_000);
      expect(await second.jobProgress(spec.jobId)).toMatchObject({
        status: 'failed',
        switchedOver: true,
        error: { code: 'SWITCHOVER_FAILED' },
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it('declares post-copy recovery only when every host answering runs libvirt 8.5 or later', async () => {
    const h = harness();
    h.B.libVersion = 8_000_000;
    const driver = h.driver();
    await driver.discover();
    expect(driver.capabilities.postCopyRecovery).toBe(false);
    await expect(driver.resumePostCopy('x')).rejects.toMatchObject({ code: 'NOT_SUPPORTED' });
  });
});

describe('a dropped job connection is unknown, not failed', () => {
  it('keeps following the source when only the call connection drops, and the migration completes', async () => {
    const h = harness();
    const spec = h.computeSpec();
    const driver = h.driver();
    await driver.startMigration(spec);
    await migrationCalled(h.A);
    h.A.domains.get(VM)!.job = migrationStats(64 * MiB);
    h.A.migrations[0]!.dropCaller();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await driver.jobProgress(spec.jobId)).toMatchObject({ status: 'memory', error: null });
    h.landOnB();
    expect(await driver.jobProgress(spec.jobId)).toMatchObject({ status: 'completed', switchedOver: true });
  });

  it('says HOST_UNREACHABLE while the source cannot be asked, then asks it about its job once it is back', async () => {
    const h = harness();
    const spec = h.computeSpec();
    const driver = h.driver();
    await driver.startMigration(spec);
    await migrationCalled(h.A);
    h.A.domains.get(VM)!.job = migrationStats(64 * MiB);
    expect((await driver.jobProgress(spec.jobId)).status).toBe('memory');
    h.A.refuse = 1_000_000;
    h.A.dropConnections(); // libvirtd restarted: every connection, the call's included
    await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(driver.jobProgress(spec.jobId)).rejects.toMatchObject({ code: 'HOST_UNREACHABLE' });
    await expect(driver.locateVm(VM)).rejects.toMatchObject({ code: 'HOST_UNREACHABLE' });
    expect(h.record(spec.jobId)?.end).toBeNull();
    // The restart aborted the migration: the guest runs on, whole, on A.
    h.stayOnA('failed');
    h.A.refuse = 0;
    expect(await eventually(() => driver.jobProgress(spec.jobId))).toMatchObject({
      status: 'failed',
      error: { code: 'MEMORY_COPY_FAILED' },
    });
  });
});
