// Migrations that must not finish: a cancel mid-copy and a destination QEMU killed mid-copy. Both
// must roll back through the engine to one running guest, on its source, the same boot as before.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultConvergencePolicy } from '../../src/shared/model/migration';
import { guestNamed, hostNamed, idOf, probeUntil, recordTiming, sleep, statesOf } from './lab-env';
import { request, untilDone, untilTask, useLabSession } from './lab-services';

/** Slow enough (2 MiB/s for ~60 MiB of non-zero pages) that the copy is still running when we act. */
const SLOW = 2 * 1024 * 1024;

describe('rollback through the engine (lab)', () => {
  const { lab, driver, opened } = useLabSession('each');

  async function startSlowMove() {
    const vm1 = guestNamed(lab, 'lab-vm1');
    const before = await probeUntil(lab, vm1);
    const [task] = opened.services.engine.request(
      request({
        vmIds: [vm1.uuid],
        destHostId: idOf(hostNamed(lab, 'ferry-lab-h2')),
        options: { bandwidthLimitBps: SLOW, convergence: defaultConvergencePolicy },
      }),
      { requestedBy: 'lab-test' },
    );
    if (!task) throw new Error('no task');
    // Mid-way: the memory copy has moved a few MiB and has far more to go.
    const copying = await untilTask(
      opened.services,
      task.id,
      (t) => t.phase === 'memory' && t.progress.memoryProcessedBytes > 4 * 1024 ** 2,
    );
    expect(copying.progress.memoryRemainingBytes).toBeGreaterThan(16 * 1024 ** 2);
    return { vm1, before, taskId: task.id };
  }

  async function expectOnSourceUnharmed(before: { bootId: string; uptimeMs: number }) {
    const vm1 = guestNamed(lab, 'lab-vm1');
    expect(await statesOf(lab, vm1)).toEqual({ 'ferry-lab-h1': 'running' });
    expect(await driver.locateVm(vm1.uuid)).toEqual([{ hostId: idOf(hostNamed(lab, 'ferry-lab-h1')), power: 'running', copy: 'whole' }]);
    const after = await probeUntil(lab, vm1);
    expect(after.bootId).toBe(before.bootId);
    expect(after.uptimeMs).toBeGreaterThan(before.uptimeMs);
    expect(opened.services.board.activeForVm(vm1.uuid)).toBeUndefined();
  }

  it('cancels a slow migration mid-copy: aborted, the guest keeps running on h1', async () => {
    const { before, taskId } = await startSlowMove();
    const asked = Date.now();
    opened.services.engine.cancel(taskId, 'lab-test');
    const task = await untilDone(opened.services, taskId);
    recordTiming('cancel mid-copy', { cancelToDoneMs: Date.now() - asked });
    expect(task.state).toBe('aborted');
    expect(task.error?.code).toBe('CANCELLED');
    await expectOnSourceUnharmed(before);
  });

  it('rolls back when the destination QEMU is killed mid-copy: aborted, the guest keeps running on h1', async () => {
    const h2 = hostNamed(lab, 'ferry-lab-h2');
    const { vm1, before, taskId } = await startSlowMove();
    // The incoming QEMU of this guest on h2, by the PID libvirt recorded, checked before the signal.
    const pid = Number(readFileSync(`${h2.stateDir}/run/libvirt/qemu/${vm1.name}.pid`, 'utf8').trim());
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    expect(cmdline.some((arg) => arg.includes(`guest=${vm1.name}`))).toBe(true);
    expect(cmdline[0]).toContain('qemu-system');
    process.kill(pid, 'SIGKILL');
    const killed = Date.now();
    const task = await untilDone(opened.services, taskId);
    recordTiming('destination QEMU killed', { killToDoneMs: Date.now() - killed });
    expect(task.state).toBe('aborted');
    expect(task.error?.code).toBe('MEMORY_COPY_FAILED');
    await sleep(500);
    await expectOnSourceUnharmed(before);
  });
});
