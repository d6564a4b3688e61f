import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/main/base/clock/virtual-clock';
import { DriverError } from '../../../src/main/drivers/driver';
import { SimDriver } from '../../../src/main/drivers/sim/sim-driver';

const VM = 'DC0_C0_H1_VM5';
const HOST = 'DC0_C0_H1';
const powerOf = async (sim: SimDriver) => (await sim.locateVm(VM))[0]?.power;

describe('the simulated guest power operations', () => {
  const open = () => {
    const clock = new VirtualClock();
    return { clock, sim: new SimDriver({ clock, preset: 'demo' }) };
  };

  it('a guest asked to shut down is off after its own few seconds, within the timeout', async () => {
    const { clock, sim } = open();
    let done = false;
    const shutdown = sim.shutdownGuest(VM, HOST, { mode: 'agent-or-acpi', timeoutMs: 120_000 }).then(() => (done = true));
    await clock.advance(1_000);
    expect(done).toBe(false);
    expect(await powerOf(sim)).toBe('running');
    await clock.advanceUntil(() => done, 30_000, 500);
    await shutdown;
    expect(await powerOf(sim)).toBe('off');
    // Already off: nothing to wait for.
    await sim.shutdownGuest(VM, HOST, { mode: 'acpi', timeoutMs: 1 });
  });

  it('a guest that ignores the request is left running and the call says GUEST_SHUTDOWN_TIMEOUT after the timeout', async () => {
    const { clock, sim } = open();
    sim.faults.add({ operation: 'guest.shutdown', target: VM });
    const outcome = sim.shutdownGuest(VM, HOST, { mode: 'agent-or-acpi', timeoutMs: 60_000 }).catch((e: unknown) => e);
    await clock.advance(60_000);
    const error = await outcome;
    expect(error).toBeInstanceOf(DriverError);
    expect(error).toMatchObject({ code: 'GUEST_SHUTDOWN_TIMEOUT' });
    expect(await powerOf(sim)).toBe('running');
  });

  it('a forced power off is at once; a power on boots the guest anew; both only where its domain is', async () => {
    const { sim } = open();
    await expect(sim.powerOff(VM, 'DC0_C0_H0')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await sim.powerOff(VM, HOST);
    expect(await powerOf(sim)).toBe('off');
    const before = await sim.probeVm(VM, HOST);
    expect(before.alive).toBe(false);
    await sim.powerOn(VM, HOST);
    expect(await powerOf(sim)).toBe('running');
    expect((await sim.probeVm(VM, HOST)).alive).toBe(true);
  });
});
