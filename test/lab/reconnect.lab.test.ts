// A libvirtd restart in the middle of a session: the driver notices, keeps the host (and its
// guests) in the inventory as disconnected, reconnects with backoff once the daemon is back,
// registers its domain events again, and discovery and migrations work as before.

import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { DriverEvent } from '../../src/main/drivers/driver';
import { guestNamed, hostNamed, idOf, labScript, probeUntil, recordTiming, sleep, virsh } from './lab-env';
import { howItWent, migrate, request, useLabSession } from './lab-services';

const run = promisify(execFile);

async function until(what: string, holds: () => Promise<boolean> | boolean, limitMs = 30_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await holds()) return Date.now() - started;
    if (Date.now() - started > limitMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

describe('libvirtd restart mid-session (lab)', () => {
  const { lab, driver, opened } = useLabSession('suite');
  const events: DriverEvent[] = [];
  driver.subscribe((event) => events.push(event));

  it('reconnects to a restarted libvirtd, re-registers events, and works as before', async () => {
    const h2 = hostNamed(lab, 'ferry-lab-h2');
    const h2Id = idOf(h2);
    const vm3 = guestNamed(lab, 'lab-vm3');
    const boot = (await probeUntil(lab, vm3)).bootId;
    const state = async () => (await driver.metrics()).find((m) => m.hostId === h2Id)?.connection;

    // Kill h2's libvirtd by the PID the lab recorded, after checking it is that daemon.
    const pid = Number(readFileSync(`${lab.labDir}/state/libvirtd.${h2.name}.pid`, 'utf8').trim());
    expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).toContain(`${h2.stateDir}/`);
    process.kill(pid, 'SIGKILL');
    const noticedMs = await until('the driver to notice', async () => (await state()) === 'disconnected');

    // While it is away the host and its guest stay in the inventory, marked as unknown.
    await opened.services.refreshInventory();
    expect(opened.services.inventory.host(h2Id)?.connection).toBe('disconnected');
    expect(opened.services.inventory.vm(vm3.uuid)?.power).toBe('unknown');
    await expect(driver.locateVm(vm3.uuid)).rejects.toMatchObject({ code: 'HOST_UNREACHABLE' });

    // lab.sh up restarts a dead libvirtd (it reconnects to its running QEMUs).
    const restarted = Date.now();
    await run('bash', [labScript, 'up'], { timeout: 240_000 });
    const reconnectedMs = await until('the driver to reconnect', async () => (await state()) === 'connected', 60_000);
    recordTiming('libvirtd restart', { noticedMs, upMs: Date.now() - restarted - reconnectedMs, reconnectedAfterUpMs: reconnectedMs });

    // Events flow again on the new connection: a suspend/resume on h2 is seen.
    await sleep(1000);
    events.length = 0;
    await virsh(h2, 'suspend', vm3.uuid);
    await virsh(h2, 'resume', vm3.uuid);
    await until('a lifecycle event from h2', () => events.some((e) => e.kind === 'inventory-changed'), 10_000);

    await opened.services.refreshInventory();
    expect(opened.services.inventory.host(h2Id)?.connection).toBe('connected');
    expect(opened.services.inventory.vm(vm3.uuid)).toMatchObject({ hostId: h2Id, power: 'running' });
    expect(await driver.locateVm(vm3.uuid)).toEqual([{ hostId: h2Id, power: 'running', copy: 'whole' }]);
    expect((await probeUntil(lab, vm3)).bootId).toBe(boot);

    // And the reconnected host migrates as before.
    const { task } = await migrate(opened.services, request({ vmIds: [vm3.uuid], destHostId: idOf(hostNamed(lab, 'ferry-lab-h3')) }));
    expect(task.state, `${howItWent(opened.services, task)} ${task.problems.join('; ')}`).toBe('completed');
    expect((await probeUntil(lab, vm3)).bootId).toBe(boot);
  });
});
