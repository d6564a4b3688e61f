// A switchover that takes its time is no stalled copy, and an abort that arrives during it must
// not cost the guest. The destination's libvirtd is frozen (SIGSTOP) once the copy runs, so the
// source's QEMU sends everything and then waits for the destination to finish, the way a busy
// host answers late; libvirt's own keepalive (30 s) bears the freeze.

import { describe, expect, it } from 'vitest';
import { defaultConvergencePolicy, type Task } from '../../src/shared/model/migration';
import { guestNamed, hostNamed, idOf, libvirtdPid, probeUntil, sleep, statesOf } from './lab-env';
import { howItWent, request, untilDone, untilTask, useLabSession } from './lab-services';

describe('a slow switchover on the lab', () => {
  const { lab, opened } = useLabSession('each');
  const vm1 = guestNamed(lab, 'lab-vm1');
  const h2 = hostNamed(lab, 'ferry-lab-h2');

  /** Moves lab-vm1 to h2 with h2's libvirtd frozen for `freezeMs` once the copy runs; checks the same boot runs once, on h2. */
  async function moveThroughFreeze(progressTimeoutSec: number, freezeMs: number): Promise<Task> {
    const before = await probeUntil(lab, vm1);
    const [task] = opened.services.engine.request(
      request({
        vmIds: [vm1.uuid],
        destHostId: idOf(h2),
        options: { bandwidthLimitBps: null, convergence: { ...defaultConvergencePolicy, progressTimeoutSec } },
      }),
      { requestedBy: 'lab-test' },
    );
    if (!task) throw new Error('no task');
    await untilTask(opened.services, task.id, (t) => t.progress.memoryProcessedBytes > 0 || t.phase === 'done', 60_000);
    const pid = libvirtdPid(lab, h2);
    process.kill(pid, 'SIGSTOP');
    try {
      await sleep(freezeMs);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    const done = await untilDone(opened.services, task.id);
    // Wherever the task ends, the guest runs once, on h2 (libvirt completed its move), the same boot.
    expect(await statesOf(lab, vm1), howItWent(opened.services, done)).toEqual({ [h2.name]: 'running' });
    expect((await probeUntil(lab, vm1)).bootId).toBe(before.bootId);
    expect(opened.services.board.activeForVm(vm1.uuid)).toBeUndefined();
    return done;
  }

  it('waits out a switchover frozen far past the progress timeout: completed, never aborted', async () => {
    // The switchover's own limit is three times the progress timeout: 15 s, past the 10 s freeze.
    const done = await moveThroughFreeze(5, 10_000);
    expect(done.error, howItWent(opened.services, done)).toBeNull();
    expect(done.state).toBe('completed');
    // It was frozen long enough to matter: the copy had sent everything and waited for h2.
    expect(done.outcome?.durationMs).toBeGreaterThan(8_000);
  });

  it('goes through with a switchover libvirt finishes after Ferry gave up on it and asked for an abort', async () => {
    // 9 s, inside the 14 s freeze (libvirt's keepalive gives up on the destination at 30 s).
    const done = await moveThroughFreeze(3, 14_000);
    const notes = opened.services.board.journalOf(done.id).map((e) => e.note ?? '');
    expect(notes.join(' | ')).toContain('the switchover did not finish within 9 s');
    expect(done.state, howItWent(opened.services, done)).toMatch(/^completed/);
    expect(opened.services.inventory.vm(vm1.uuid)?.hostId).toBe(idOf(h2));
  });
});
