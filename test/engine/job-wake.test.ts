// The engine reads a running job when the driver reports a change of it, not only every poll.

import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/main/base/clock/virtual-clock';
import type { DriverEvent } from '../../src/main/drivers/driver';
import { JobWake } from '../../src/main/engine/run/job-wake';

function events() {
  const listeners = new Set<(event: DriverEvent) => void>();
  return {
    subscribe(listener: (event: DriverEvent) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit: (event: DriverEvent) => listeners.forEach((l) => l(event)),
    get count() {
      return listeners.size;
    },
  };
}

const settled = async (promise: Promise<void>): Promise<boolean> => {
  let done = false;
  void promise.then(() => (done = true));
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return done;
};

describe('job wake', () => {
  it('waits the poll interval when nothing happens', async () => {
    const clock = new VirtualClock(0);
    const wake = new JobWake(clock, events(), 'job-1');
    const next = wake.next(500);
    await clock.advance(499);
    expect(await settled(next)).toBe(false);
    await clock.advance(1);
    expect(await settled(next)).toBe(true);
  });

  it('wakes at once when the job changes, and only for its own job', async () => {
    const clock = new VirtualClock(0);
    const driver = events();
    const wake = new JobWake(clock, driver, 'job-1');
    const next = wake.next(500);
    driver.emit({ kind: 'job-changed', jobId: 'job-2', status: 'completed' });
    driver.emit({ kind: 'inventory-changed' });
    expect(await settled(next)).toBe(false);
    driver.emit({ kind: 'job-changed', jobId: 'job-1', status: 'completed' });
    expect(await settled(next)).toBe(true);
  });

  it('keeps a change that came while the job was being read: the next wait returns at once, once', async () => {
    const clock = new VirtualClock(0);
    const driver = events();
    const wake = new JobWake(clock, driver, 'job-1');
    driver.emit({ kind: 'job-changed', jobId: 'job-1', status: 'memory' });
    expect(await settled(wake.next(500))).toBe(true);
    expect(await settled(wake.next(500))).toBe(false);
    wake.close();
    expect(driver.count).toBe(0);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('without a driver to listen to, it is the poll alone', async () => {
    const clock = new VirtualClock(0);
    const next = new JobWake(clock, null, 'job-1').next(100);
    await clock.advance(100);
    expect(await settled(next)).toBe(true);
  });
});
