// A guest's power through the libvirt driver, against a real guest: a graceful shutdown through
// Debian's qemu-ga (virDomainShutdownFlags with GUEST_AGENT|ACPI_POWER_BTN) watched until the
// domain is shut off; an ACPI-only request the lab guest ignores (no acpid) ending in
// GUEST_SHUTDOWN_TIMEOUT with the guest still running, the same boot; then a forced power off
// (virDomainDestroy) and a power on. lab-vm3 (shared disk, on h2) is left running where it was.

import { afterAll, describe, expect, it } from 'vitest';
import { DriverError } from '../../src/main/drivers/driver';
import { guestNamed, hostNamed, idOf, labDriver, probeUntil, readLab, recordTiming, virsh } from './lab-env';

const lab = readLab();
const vm3 = guestNamed(lab, 'lab-vm3');
const h2 = hostNamed(lab, 'ferry-lab-h2');
const driver = labDriver(lab);
const state = async () => virsh(h2, 'domstate', '--reason', vm3.uuid);

describe('guest power through libvirt (lab-vm3 on h2)', () => {
  afterAll(async () => {
    if ((await state()).startsWith('shut off')) await virsh(h2, 'start', vm3.uuid);
    await probeUntil(lab, vm3, 120_000);
    await driver.close();
  });

  it('shuts the guest down through its agent and returns once libvirt says it is shut off', async () => {
    await probeUntil(lab, vm3, 120_000);
    const started = Date.now();
    await driver.shutdownGuest(vm3.uuid, idOf(h2), { mode: 'agent-or-acpi', timeoutMs: 90_000 });
    const tookMs = Date.now() - started;
    expect(await state()).toBe('shut off (shutdown)');
    expect((await driver.locateVm(vm3.uuid)).find((p) => p.hostId === idOf(h2))?.power).toBe('off');
    recordTiming('power.graceful-shutdown', { guest: vm3.name, tookMs });
    await driver.powerOn(vm3.uuid, idOf(h2));
    expect(await state()).toMatch(/^running/);
    await probeUntil(lab, vm3, 120_000);
  });

  it('a guest that ignores the request is left running after the timeout (GUEST_SHUTDOWN_TIMEOUT); a forced power off then stops it', async () => {
    const before = await probeUntil(lab, vm3, 120_000);
    const error = await driver.shutdownGuest(vm3.uuid, idOf(h2), { mode: 'acpi', timeoutMs: 5_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DriverError);
    expect(error).toMatchObject({ code: 'GUEST_SHUTDOWN_TIMEOUT' });
    expect(await state()).toMatch(/^running/);
    expect((await probeUntil(lab, vm3)).bootId).toBe(before.bootId);

    await driver.powerOff(vm3.uuid, idOf(h2));
    expect(await state()).toBe('shut off (destroyed)');
    await driver.powerOn(vm3.uuid, idOf(h2));
    expect((await probeUntil(lab, vm3, 120_000)).bootId).not.toBe(before.bootId);
  });
});
