// The kill matrix on real libvirtd and QEMU: Ferry killed with SIGKILL in every journaled phase
// (and the hosts' own daemons restarted while it is away), then started again. Whatever the phase,
// the guest runs exactly once, as the same boot, where the task says; nothing is left behind; the
// audit trail has one `finished` record; and the same move, tried again, goes through.

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Task } from '../../src/shared/model/migration';
import { promiseKept, promiseOf } from '../crash/kill-matrix';
import { homeAll, labOptions, labScenarios, runLabScenario, type LabKillScenario } from './kill-matrix';
import { LabConsole } from './lab-console';
import {
  guestNamed,
  hostNamed,
  idOf,
  killQemu,
  probe,
  readLab,
  recordTiming,
  setDirtyRate,
  sleep,
  statesOf,
  virsh,
  type Lab,
  type LabGuest,
} from './lab-env';

/**
 * The admin's way out of a split guest, as Ferry's guidance says: power it off and on again where
 * it was (from its disks), and drop the dead definition the destination kept. Runs whatever the
 * test found, so one failure cannot leave the lab split for the tests after it.
 */
async function restartWhereItWas(lab: Lab, guest: LabGuest): Promise<void> {
  const home = hostNamed(lab, guest.homeHost);
  const states = await statesOf(lab, guest);
  if (states[home.name] === 'paused') {
    await virsh(home, 'destroy', guest.uuid);
    await virsh(home, 'start', guest.uuid);
  }
  for (const [host, state] of Object.entries(states))
    if (host !== home.name && state === 'shut off') await virsh(hostNamed(lab, host), 'undefine', guest.uuid);
  for (let i = 0; i < 480 && !(await probe(lab, guest)); i++) await sleep(250);
}

describe('kill -9 in every phase, on real libvirt hosts: the guest is never lost', () => {
  const lab: Lab = readLab();
  let console: LabConsole;

  beforeAll(async () => {
    console = await LabConsole.open(lab, 25);
  });
  // Before each attempt too: one run again after a guest crash starts where the first one did.
  beforeEach(() => homeAll(lab, console));
  afterEach(() => homeAll(lab, console));
  afterAll(() => console?.close());

  it.each(labScenarios.map((s) => [s.name, s] as const))('%s', async (_name, scenario: LabKillScenario) => {
    const result = await runLabScenario(lab, console, scenario);
    recordTiming(`kill matrix ${scenario.name}`, {
      outcome: result.outcome,
      killedIn: result.killedIn,
      recoveryMs: result.recoveryMs,
      detail: result.detail,
    });
    expect(promiseOf(result)).toEqual(promiseKept);
    // The kill fell in the phase this scenario is about (a kill that missed it would prove nothing).
    if (!scenario.instead) expect(result.killedIn).toBe(scenario.phase);
    expect(scenario.outcomes ?? ['completed', 'aborted']).toContain(result.outcome);
    expect(result.retried).toBe('completed');
  });

  it('a destination QEMU killed in post-copy: failed, the paused half left as it is, with what to do', async () => {
    const vm3 = guestNamed(lab, 'lab-vm3');
    const h1 = hostNamed(lab, 'ferry-lab-h1');
    const h2 = hostNamed(lab, 'ferry-lab-h2');
    await setDirtyRate(lab, vm3, 16);
    const [taskId] = (
      await console.bridge.invoke('migration.start', {
        vmIds: [vm3.uuid],
        destHostId: idOf(h1),
        type: 'compute',
        destDatastoreId: null,
        priority: 'default',
        options: labOptions(8, true),
        acknowledgedWarnings: ['INSUFFICIENT_CPU', 'WILL_NOT_CONVERGE', 'WILL_TIME_OUT'],
      })
    ).taskIds;
    if (!taskId) throw new Error('no task');
    let task: Task;
    for (;;) {
      task = (await console.bridge.invoke('tasks.detail', { taskId })).task;
      // Past the door and really in post-copy: Ferry journals the door before it asks for post-copy.
      if ((task.switchedOver && task.progress.postCopy) || task.state !== 'running') break;
      await sleep(100);
    }
    expect(task.progress.postCopy).toBe(true);
    // The source's job says post-copy before the destination (which now holds the guest) is killed.
    expect(await virsh(h2, 'domstate', vm3.uuid, '--reason')).toMatch(/paused \(post-copy\)/);
    killQemu(h1, vm3);
    const killed = Date.now();
    try {
      while (task.state === 'running') {
        await sleep(250);
        task = (await console.bridge.invoke('tasks.detail', { taskId })).task;
      }
      recordTiming('destination QEMU killed in post-copy', { killToDoneMs: Date.now() - killed });

      expect(task.state).toBe('failed');
      expect(task.problems.join('\n')).toMatch(/split between .*ferry-lab-h2.* by a post-copy that failed/);
      // Nothing may "clean up" the source half: it holds the only copy of some pages. It stays paused.
      // The destination runs nothing (libvirt may keep its definition there, shut off, once post-copy began).
      await sleep(3000);
      expect(await virsh(h2, 'domstate', vm3.uuid, '--reason')).toMatch(/paused \(post-copy failed\)/);
      const states = await statesOf(lab, vm3);
      expect(states['ferry-lab-h2']).toBe('paused');
      expect(Object.entries(states).filter(([host, state]) => host !== 'ferry-lab-h2' && state !== 'shut off')).toEqual([]);
      expect(await probe(lab, vm3)).toBeNull();
    } finally {
      await restartWhereItWas(lab, vm3);
    }
  });
});
