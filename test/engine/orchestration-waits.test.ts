import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/main/base/clock/clock';
import type { DriverEvent } from '../../src/main/drivers/driver';
import { useServices } from '../helpers/services';
import { openWorld, request, untilFinished } from './harness';

describe('a migration waits for nothing it does not need to (the orchestration tax on real hosts)', () => {
  const start = useServices();

  it('leaves the memory copy at the moment the hypervisor reports the switchover', async () => {
    const world = await openWorld(start, { preset: 'tiny' });
    const events: { status: string; at: number }[] = [];
    world.sim.subscribe((event: DriverEvent) => {
      if (event.kind === 'job-changed') events.push({ status: event.status, at: world.clock.now() });
    });
    const [task] = world.services.engine.request(request({ vmIds: ['DC0_C0_H0_VM0'] }), { requestedBy: 'alice' });
    if (!task) throw new Error('no task');
    const done = await untilFinished(world, task.id);
    expect(done.state).toBe('completed');
    const entered = (phase: string) => Date.parse(world.services.board.journalOf(task.id).find((e) => e.phase === phase)?.at ?? '');
    const switchedAt = events.find((e) => e.status === 'switchover' || e.status === 'completed')?.at;
    expect(switchedAt).toBeDefined();
    // The engine polls every 500 ms: without the event it entered the switchover up to a poll later.
    expect(entered('switchover') - (switchedAt as number)).toBeLessThan(50);
  });

  it("verifies by reading the VM's placement and asking the guest at once, not one after the other", async () => {
    const world = await openWorld(start, { preset: 'tiny', faults: [{ operation: 'probe', delayMs: 300, fail: false, count: null }] });
    const locate = world.sim.locateVm.bind(world.sim);
    world.sim.locateVm = async (vmId) => {
      await sleep(world.clock, 300);
      return locate(vmId);
    };
    const [task] = world.services.engine.request(request({ vmIds: ['DC0_C0_H0_VM0'] }), { requestedBy: 'alice' });
    if (!task) throw new Error('no task');
    const done = await untilFinished(world, task.id);
    expect(done.state).toBe('completed');
    expect(done.verification).toBe('guest-probe');
    const entered = (phase: string) => Date.parse(world.services.board.journalOf(task.id).find((e) => e.phase === phase)?.at ?? '');
    // Each takes 300 ms here: together they take 300, one after the other 600.
    expect(entered('commit') - entered('verify')).toBeLessThan(450);
  });
});
