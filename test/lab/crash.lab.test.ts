// Ferry killed (kill -9) in the middle of a job, on real libvirtd and QEMU: the first Ferry runs in
// a child process (crash-harness.ts) and journals into SQLite; a restarted Ferry (a new driver on
// the same database) re-attaches from the hypervisor's truth and finishes or rolls back honestly.
// Each case asserts where the guest runs (virsh), that it is the same boot (its probe), and what
// the journal and the destination's storage hold afterwards.

import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../src/main/drivers/driver';
import { LibvirtDriver } from '../../src/main/drivers/libvirt/libvirt-driver';
import { jobSpec } from '../helpers/job-spec';
import { MemoryJournal } from '../helpers/memory-journal';
import { crashSession, ended, firstFerry, followJob, savedHosts, type CrashSession } from './crash-harness';
import { guestNamed, hostNamed, idOf, labScript, probeUntil, readLab, recordTiming, sleep, statesOf, virsh } from './lab-env';
import { migrateDirect, restoreHome, specFor } from './lab-restore';

const MiB = 1024 ** 2;
const run = promisify(execFile);

/** Polls until `holds` (real time), or fails after `limitMs`. */
async function until(holds: () => Promise<boolean>, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await holds())) {
    if (Date.now() > deadline) throw new Error(`not within ${limitMs} ms`);
    await sleep(200);
  }
}

describe('Ferry killed mid-job, restarted on the same data folder (lab)', () => {
  const lab = readLab();
  const [h1, h2] = [hostNamed(lab, 'ferry-lab-h1'), hostNamed(lab, 'ferry-lab-h2')];
  const vm1 = guestNamed(lab, 'lab-vm1');
  const vm2 = guestNamed(lab, 'lab-vm2');
  // Puts guests back between cases; a driver of its own, on a journal of its own.
  const helper = new LibvirtDriver({ hosts: savedHosts(lab), sharedPools: ['shared'], journal: new MemoryJournal() });
  let session: CrashSession | null = null;
  const open = (): CrashSession => (session = crashSession(lab));

  beforeAll(() => restoreHome(lab, helper));
  afterEach(async () => {
    await session?.close();
    session = null;
    // A case that failed half-way may leave a job running (let the hosts finish it) or a post-copy broken (resume it).
    await rescueBrokenPostCopy();
    await until(async () => (await Promise.all(lab.guests.map((g) => jobsOf(g.uuid)))).every((busy) => !busy), 90_000);
    await restoreHome(lab, helper);
  });

  /** lab-vm1 left split by a failed case: resumed from its source with virsh, as an admin would. */
  async function rescueBrokenPostCopy(): Promise<void> {
    for (const source of lab.hosts) {
      if ((await virsh(source, 'domstate', '--reason', vm1.uuid).catch(() => '')) !== 'paused (post-copy failed)') continue;
      const holders = await Promise.all(lab.hosts.map(async (h) => ((await virsh(h, 'domstate', vm1.uuid).catch(() => '')) ? h : null)));
      const target = holders.find((h) => h !== null && h !== source);
      if (!target) continue;
      await virsh(
        source,
        'migrate',
        '--live',
        '--p2p',
        '--persistent',
        '--undefinesource',
        '--unsafe',
        '--postcopy',
        '--postcopy-resume',
        vm1.uuid,
        target.tcpUri,
      );
    }
  }

  /** Whether some lab host runs a job for this guest (a migration, a block copy). */
  async function jobsOf(uuid: string): Promise<boolean> {
    for (const host of lab.hosts) {
      const info = await virsh(host, 'domjobinfo', uuid).catch(() => '');
      if (info && !/Job type:\s+None/.test(info)) return true;
      const blocks = await virsh(host, 'blockjob', uuid, 'vda', '--info', '--raw').catch(() => '');
      if (blocks.includes('type=')) return true;
    }
    return false;
  }
  afterAll(() => helper.close());

  it('(a) the hosts finish a live migration Ferry started; the restarted Ferry follows it to its real end', async () => {
    const s = open();
    const before = await probeUntil(lab, vm1);
    const spec = jobSpec(vm1.uuid, idOf(h1), idOf(h2), { bandwidthLimitBps: 8 * MiB });
    const first = await firstFerry(lab, s, spec, { movedBytes: 8 * MiB });
    expect(first.progress.status).toBe('memory');
    expect(s.record(spec.jobId)?.job).toMatchObject({ kind: 'migration', domain: { uuid: vm1.uuid } });
    await first.crash();
    const crashedAt = Date.now();

    const second = s.restartedDriver();
    const seen = await followJob(second, spec.jobId, ended);
    const last = seen.at(-1) as JobProgress;
    // Still copying when picked up, then done: libvirt went on without the caller that started it.
    expect(seen[0]?.status).toBe('memory');
    expect(last).toMatchObject({ status: 'completed', switchedOver: true, error: null });
    expect(await statesOf(lab, vm1)).toEqual({ [h2.name]: 'running' });
    expect(await second.locateVm(vm1.uuid)).toEqual([{ hostId: idOf(h2), power: 'running', copy: 'whole' }]);
    const after = await probeUntil(lab, vm1);
    expect(after.bootId).toBe(before.bootId);
    await second.removeLeftovers(spec, spec.sourceHostId);
    expect(s.record(spec.jobId)).toBeUndefined();
    recordTiming('crash: live migration re-attached', {
      crashToDoneMs: Date.now() - crashedAt,
      pickedUpAt: seen[0]?.memoryProcessedBytes,
      downtimeMs: last.downtimeMs,
    });
  });

  it('(b) shared-nothing: cancelled by the restarted Ferry, the guest stays on its source, nothing left behind, and the retry succeeds', async () => {
    const s = open();
    const before = await probeUntil(lab, vm2);
    const copied = `${h2.localPoolDir}/lab-vm2.qcow2`;
    const spec = specFor(vm2, idOf(h1), idOf(h2), { bandwidthLimitBps: 3 * MiB });
    const first = await firstFerry(lab, s, spec, { movedBytes: 4 * MiB });
    expect(existsSync(copied)).toBe(true);
    expect(s.record(spec.jobId)?.reservation).toMatchObject({ created: ['/var/lib/libvirt/images/lab-vm2.qcow2'], complete: true });
    await first.crash();

    const second = s.restartedDriver();
    const [picked] = await followJob(second, spec.jobId, () => true);
    expect(['storage', 'memory']).toContain(picked?.status);
    const asked = Date.now();
    await second.cancelMigration(spec.jobId);
    const last = (await followJob(second, spec.jobId, ended)).at(-1) as JobProgress;
    expect(last).toMatchObject({ status: 'cancelled', switchedOver: false, error: { code: 'ABORTED' } });
    // The engine's rollback: the destination's copy, then the reservation, both from the journal.
    await second.removeLeftovers(spec, spec.destHostId);
    await second.releaseDestination(spec);
    expect(existsSync(copied)).toBe(false);
    expect(s.record(spec.jobId)).toBeUndefined();
    expect(await statesOf(lab, vm2)).toEqual({ [h1.name]: 'running' });
    const after = await probeUntil(lab, vm2);
    expect(after.bootId).toBe(before.bootId);
    expect(after.fields['disk']).toBe(before.fields['disk']);
    recordTiming('crash: shared-nothing cancelled after restart', { cancelToCleanMs: Date.now() - asked });

    // The same move again: nothing in its way on the destination.
    await migrateDirect(second, specFor(vm2, idOf(h1), idOf(h2)));
    expect(await statesOf(lab, vm2)).toEqual({ [h2.name]: 'running' });
    expect((await probeUntil(lab, vm2)).bootId).toBe(before.bootId);
  });

  it('(c) storage-only: the block copies go on without Ferry; the restarted Ferry pivots them and the move completes', async () => {
    const s = open();
    const before = await probeUntil(lab, vm2);
    const target = `${lab.labDir}/shared-storage/lab-vm2.qcow2`;
    const spec = jobSpec(vm2.uuid, idOf(h1), idOf(h1), {
      type: 'storage',
      destDatastoreId: 'libvirt-pool:shared',
      // QEMU's mirror counts the disk's unallocated space against the limit too: 64 MiB at 4 MiB/s.
      bandwidthLimitBps: 4 * MiB,
    });
    const first = await firstFerry(lab, s, spec, { movedBytes: 1 });
    expect(first.progress).toMatchObject({ status: 'storage', switchedOver: false });
    expect(s.record(spec.jobId)?.job).toMatchObject({ kind: 'block-copy' });
    await first.crash();
    const crashedAt = Date.now();
    // The mirror is libvirtd's, not the caller's: still there after the kill.
    expect(await virsh(h1, 'blockjob', vm2.uuid, 'vda', '--info', '--raw')).toMatch(/type=Block Copy/);

    const second = s.restartedDriver();
    const seen = await followJob(second, spec.jobId, ended);
    expect(seen[0]?.status).toBe('storage');
    expect(seen.at(-1)).toMatchObject({ status: 'completed', switchedOver: true });
    expect(await virsh(h1, 'domblklist', vm2.uuid)).toContain(target);
    expect(await virsh(h1, 'dumpxml', '--inactive', vm2.uuid)).toContain(target);
    await second.removeLeftovers(spec, spec.sourceHostId);
    expect(existsSync(`${h1.localPoolDir}/lab-vm2.qcow2`)).toBe(false);
    expect(s.record(spec.jobId)).toBeUndefined();
    const after = await probeUntil(lab, vm2);
    expect(after.bootId).toBe(before.bootId);
    expect(after.fields['disk']).toBe(before.fields['disk']);
    recordTiming('crash: storage copy re-attached', { crashToDoneMs: Date.now() - crashedAt });

    // Back to its local pool, the same way, for the next case.
    await migrateDirect(
      helper,
      jobSpec(vm2.uuid, idOf(h1), idOf(h1), { type: 'storage', destDatastoreId: `libvirt-pool:${idOf(h1)}/local` }),
    );
    expect(existsSync(`${h1.localPoolDir}/lab-vm2.qcow2`)).toBe(true);
  });

  /**
   * lab-vm1 switched to post-copy by the first Ferry, which is then killed. The pages then flow for ~10 s
   * at 8 MiB/s, ~15 s at 4 MiB/s: enough for a case that breaks the post-copy late (at 8 it ended first).
   */
  async function postCopyThenCrash(s: CrashSession, bandwidthMiBps: 4 | 8) {
    const before = await probeUntil(lab, vm1);
    const spec = jobSpec(vm1.uuid, idOf(h1), idOf(h2), { bandwidthLimitBps: bandwidthMiBps * MiB, postCopyAllowed: true });
    const first = await firstFerry(lab, s, spec, { movedBytes: 4 * MiB, postCopy: true });
    expect(first.progress).toMatchObject({ status: 'postcopy', switchedOver: true });
    // libvirt's own words: the source serves pages, paused; the destination runs the guest (a moment later).
    expect(await virsh(h1, 'domstate', '--reason', vm1.uuid)).toBe('paused (post-copy)');
    await until(async () => (await virsh(h2, 'domstate', '--reason', vm1.uuid)) === 'running (post-copy)', 10_000);
    await first.crash();
    return { spec, before, crashedAt: Date.now() };
  }

  it('(d) post-copy: the restarted Ferry finds the guest split, follows the post-copy and it completes', async () => {
    const s = open();
    const { spec, before, crashedAt } = await postCopyThenCrash(s, 8);
    const second = s.restartedDriver();
    expect(await second.locateVm(vm1.uuid)).toEqual([
      { hostId: idOf(h1), power: 'paused', copy: 'postcopy' },
      { hostId: idOf(h2), power: 'running', copy: 'postcopy' },
    ]);
    // Cleaning up now would destroy half of the guest: refused.
    await expect(second.removeLeftovers(spec, spec.sourceHostId)).rejects.toMatchObject({ code: 'OPERATION_FAILED' });
    await expect(second.cancelMigration(spec.jobId)).rejects.toMatchObject({ code: 'OPERATION_FAILED' });
    const seen = await followJob(second, spec.jobId, ended);
    expect(seen[0]).toMatchObject({ status: 'postcopy', switchedOver: true });
    expect(seen.at(-1)).toMatchObject({ status: 'completed', switchedOver: true });
    expect(await statesOf(lab, vm1)).toEqual({ [h2.name]: 'running' });
    expect((await probeUntil(lab, vm1)).bootId).toBe(before.bootId);
    await second.removeLeftovers(spec, spec.sourceHostId);
    expect(s.record(spec.jobId)).toBeUndefined();
    recordTiming('crash: post-copy re-attached', { crashToDoneMs: Date.now() - crashedAt });
  });

  it('(e) post-copy broken after the restart: the restarted Ferry resumes it (libvirt post-copy recovery), the guest survives', async () => {
    const s = open();
    const { spec, before } = await postCopyThenCrash(s, 4);
    const second = s.restartedDriver();
    // Late in the post-copy (most pages on the destination: see the libvirt README on QEMU 7.2)...
    await followJob(second, spec.jobId, (p) => p.memoryRemainingBytes < 24 * MiB || ended(p));
    // ...interrupt it (VIR_DOMAIN_ABORT_JOB_POSTCOPY): both halves wait, neither may go.
    await virsh(h1, 'domjobabort', '--postcopy', vm1.uuid);
    expect(await virsh(h1, 'domstate', '--reason', vm1.uuid)).toBe('paused (post-copy failed)');
    await until(async () => (await virsh(h2, 'domstate', '--reason', vm1.uuid)) === 'running (post-copy failed)', 30_000);
    const broken = await followJob(second, spec.jobId, ended);
    expect(broken.at(-1)).toMatchObject({ status: 'failed', switchedOver: true, error: { code: 'SWITCHOVER_FAILED' } });
    expect((await second.locateVm(vm1.uuid)).map((p) => p.copy)).toEqual(['postcopy-failed', 'postcopy-failed']);
    expect(second.capabilities.postCopyRecovery).toBe(true);

    const asked = Date.now();
    await second.resumePostCopy(spec.jobId);
    const seen = await followJob(second, spec.jobId, ended);
    expect(seen[0]).toMatchObject({ status: 'postcopy', switchedOver: true, error: null });
    expect(seen.at(-1)).toMatchObject({ status: 'completed', switchedOver: true });
    expect(await statesOf(lab, vm1)).toEqual({ [h2.name]: 'running' });
    expect((await probeUntil(lab, vm1)).bootId).toBe(before.bootId);
    await second.removeLeftovers(spec, spec.sourceHostId);
    recordTiming('crash: broken post-copy resumed', { resumeToDoneMs: Date.now() - asked });
  });

  it('(f) the source libvirtd restarts mid-copy while Ferry runs: the job is unknown until it answers, then decided from its word', async () => {
    const s = open();
    const before = await probeUntil(lab, vm1);
    const driver = s.restartedDriver(); // one Ferry, running throughout
    const spec = jobSpec(vm1.uuid, idOf(h1), idOf(h2), { bandwidthLimitBps: 4 * MiB });
    await driver.reserveDestination(spec);
    await driver.startMigration(spec);
    await followJob(driver, spec.jobId, (p) => p.memoryProcessedBytes > 4 * MiB);
    // Kill h1's libvirtd by the PID the lab recorded, after checking it is that daemon.
    const pid = Number(readFileSync(`${lab.labDir}/state/libvirtd.${h1.name}.pid`, 'utf8').trim());
    expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).toContain(`${h1.stateDir}/`);
    process.kill(pid, 'SIGKILL');
    const answers: string[] = [];
    for (let i = 0; i < 8; i++) {
      answers.push(
        await driver.jobProgress(spec.jobId).then(
          (p) => p.status,
          (e: { code?: string }) => e.code ?? 'error',
        ),
      );
      await sleep(250);
    }
    // Never an end while the source cannot be asked: the call's connection dropped, nothing more is known.
    expect(answers.every((a) => a === 'HOST_UNREACHABLE' || a === 'memory')).toBe(true);
    expect(answers).toContain('HOST_UNREACHABLE');
    expect(s.record(spec.jobId)?.end).toBeNull();
    await run('bash', [labScript, 'up'], { timeout: 240_000 });
    const last = (await followJob(driver, spec.jobId, ended)).at(-1) as JobProgress;
    // The restarted libvirtd cancelled the pre-copy itself (measured): failed, the guest whole on h1.
    expect(last).toMatchObject({ status: 'failed', switchedOver: false, error: { code: 'MEMORY_COPY_FAILED' } });
    expect(await statesOf(lab, vm1)).toEqual({ [h1.name]: 'running' });
    expect((await probeUntil(lab, vm1)).bootId).toBe(before.bootId);
    await driver.removeLeftovers(spec, spec.destHostId);
    await driver.releaseDestination(spec);
    expect(s.record(spec.jobId)).toBeUndefined();
  });
});
