// Live migrations through Ferry's engine on the real lab: shared storage, copy-storage
// (shared-nothing), storage-only, and a guest moved back and forth. Each case asserts where the
// guest runs (by virsh, independently of the driver), that it runs once, and that it is the same
// boot that kept running (the guest's own probe), then leaves the guests where they started.

import { existsSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../src/shared/model/migration';
import { bridgeMac, guestNamed, hostNamed, idOf, probeUntil, recordTiming, statesOf, virsh, type LabGuest, type LabHost } from './lab-env';
import { howItWent, migrate, request, useLabSession } from './lab-services';

describe('live migration through the engine (lab)', () => {
  const { lab, driver, opened } = useLabSession('each');

  /** Migrates and checks the guest ran on through it; returns the finished task. */
  async function moveAndCheck(
    guest: LabGuest,
    dest: LabHost | null,
    extra: Partial<Parameters<typeof request>[0]>,
    label: string,
  ): Promise<Task> {
    const before = await probeUntil(lab, guest);
    const { task, wallMs } = await migrate(
      opened.services,
      request({ vmIds: [guest.uuid], destHostId: dest ? idOf(dest) : null, ...extra }),
    );
    expect(task.error, howItWent(opened.services, task)).toBeNull();
    expect(task.state).toBe('completed');
    const target = dest ?? hostNamed(lab, guest.homeHost);
    // Exactly one copy, running, on the destination; no definition left on the source.
    expect(await statesOf(lab, guest)).toEqual({ [target.name]: 'running' });
    expect(await driver.locateVm(guest.uuid)).toEqual([{ hostId: idOf(target), power: 'running', copy: 'whole' }]);
    const after = await probeUntil(lab, guest);
    expect(after.bootId).toBe(before.bootId);
    expect(after.uptimeMs).toBeGreaterThan(before.uptimeMs);
    expect(after.fields['disk']).toBe(before.fields['disk']);
    expect(opened.services.inventory.vm(guest.uuid)?.hostId).toBe(idOf(target));
    recordTiming(label, {
      wallMs,
      durationMs: task.outcome?.durationMs,
      downtimeMs: task.outcome?.downtimeMs,
      observedDowntimeMs: task.outcome?.observedDowntimeMs,
      transferredBytes: task.outcome?.transferredBytes,
      iterations: task.outcome?.iterations,
    });
    return task;
  }

  it('moves lab-vm1 on shared storage from h1 to h2', async () => {
    const task = await moveAndCheck(guestNamed(lab, 'lab-vm1'), hostNamed(lab, 'ferry-lab-h2'), {}, 'shared-storage h1->h2');
    expect(task.outcome?.downtimeMs).not.toBeNull();
    expect(task.outcome?.downtimeMs).toBeLessThan(2000);
    expect(task.progress.memoryProcessedBytes).toBeGreaterThan(0);
    // Ferry watched the guest from outside through the switchover: the silence is recorded with the task and audited.
    const observed = task.outcome?.observedDowntimeMs;
    expect(observed).toBeGreaterThan(0);
    expect(observed).toBeLessThan(10_000);
    const finished = opened.services.auditReader
      .page({ taskId: task.id, action: 'migration.finished' }, { field: 'id', direction: 'asc' }, 0, 10)
      .rows.map((r) => r.observedDowntimeMs);
    expect(finished).toEqual([observed]);
  });

  // New-user review 14, 5: "Compute and storage" onto the store the disks already sit on copied them there.
  it('moves lab-vm1 "compute and storage" onto the shared pool its disk is on as a compute move: no disk copied', async () => {
    const vm1 = guestNamed(lab, 'lab-vm1');
    const shared = opened.services.inventory.vm(vm1.uuid)?.disks[0]?.datastoreId;
    expect(shared).toBe('libvirt-pool:shared');
    const task = await moveAndCheck(
      vm1,
      hostNamed(lab, 'ferry-lab-h2'),
      { type: 'both', destDatastoreId: shared ?? null },
      'both onto own store h1->h2',
    );
    expect(task).toMatchObject({ type: 'compute', destDatastoreId: null });
    expect(task.progress.diskProcessedBytes).toBe(0);
    expect(task.progress.memoryProcessedBytes).toBeGreaterThan(0);
    expect(opened.services.inventory.vm(vm1.uuid)?.disks[0]?.datastoreId).toBe(shared);
  });

  it('moves lab-vm2 with its local disk (copy-storage) from h1 to h2, thin, and removes the source disk', async () => {
    const vm2 = guestNamed(lab, 'lab-vm2');
    const [h1, h2] = [hostNamed(lab, 'ferry-lab-h1'), hostNamed(lab, 'ferry-lab-h2')];
    const task = await moveAndCheck(vm2, h2, { type: 'both', destDatastoreId: `libvirt-pool:${idOf(h2)}/local` }, 'copy-storage h1->h2');
    expect(task.progress.diskProcessedBytes).toBeGreaterThan(0);
    const copied = `${h2.localPoolDir}/lab-vm2.qcow2`;
    expect(existsSync(copied)).toBe(true);
    // The pre-created qcow2 stays thin: far less allocated than its 64 MiB.
    expect(statSync(copied).blocks * 512).toBeLessThan(32 * 1024 ** 2);
    expect(existsSync(`${h1.localPoolDir}/lab-vm2.qcow2`)).toBe(false);
    expect(opened.services.inventory.vm(vm2.uuid)?.disks[0]?.datastoreId).toBe(`libvirt-pool:${idOf(h2)}/local`);
  });

  it('moves lab-vm2 to a pool at another path on another host (h1 local -> h2 shared), rewriting its disk path', async () => {
    const vm2 = guestNamed(lab, 'lab-vm2');
    const h2 = hostNamed(lab, 'ferry-lab-h2');
    await moveAndCheck(vm2, h2, { type: 'both', destDatastoreId: 'libvirt-pool:shared' }, 'copy-storage h1/local->h2/shared');
    const vm = opened.services.inventory.vm(vm2.uuid);
    expect(vm?.disks[0]?.path).toBe(`${lab.labDir}/shared-storage/lab-vm2.qcow2`);
    expect(vm?.disks[0]?.datastoreId).toBe('libvirt-pool:shared');
    // The persistent definition on h2 names the new path too.
    expect(await virsh(h2, 'dumpxml', '--inactive', vm2.uuid)).toContain(`${lab.labDir}/shared-storage/lab-vm2.qcow2`);
  });

  it('moves only the disk of lab-vm2 (storage migration, h1 local -> shared) while it keeps running on h1', async () => {
    const vm2 = guestNamed(lab, 'lab-vm2');
    const h1 = hostNamed(lab, 'ferry-lab-h1');
    await moveAndCheck(vm2, null, { type: 'storage', destDatastoreId: 'libvirt-pool:shared' }, 'storage-only local->shared');
    expect(opened.services.inventory.vm(vm2.uuid)?.disks[0]?.datastoreId).toBe('libvirt-pool:shared');
    expect(existsSync(`${h1.localPoolDir}/lab-vm2.qcow2`)).toBe(false);
    // And back to its local pool, the same way.
    await moveAndCheck(vm2, null, { type: 'storage', destDatastoreId: `libvirt-pool:${idOf(h1)}/local` }, 'storage-only shared->local');
    expect(existsSync(`${lab.labDir}/shared-storage/lab-vm2.qcow2`)).toBe(false);
    expect(existsSync(`${h1.localPoolDir}/lab-vm2.qcow2`)).toBe(true);
  });

  it('moves lab-vm3 back and forth between h2 and h3: the same boot, its uptime running on', async () => {
    const vm3 = guestNamed(lab, 'lab-vm3');
    const first = await probeUntil(lab, vm3);
    let last = first;
    const route = ['ferry-lab-h3', 'ferry-lab-h2', 'ferry-lab-h3', 'ferry-lab-h2'];
    // The hosts' own MACs stay put as the guest's tap comes and goes: a bridge that took its lowest
    // port's MAC made the next connection to the host fail with "No route to host" (issue 16).
    const hosts = ['ferry-lab-h2', 'ferry-lab-h3'].map((name) => hostNamed(lab, name));
    const macs = async () => Promise.all(hosts.map(bridgeMac));
    const macsBefore = await macs();
    expect(macsBefore).toEqual(['02:77:00:00:00:0c', '02:77:00:00:00:0d']);
    for (const [i, name] of route.entries()) {
      await moveAndCheck(vm3, hostNamed(lab, name), {}, `back-and-forth #${i + 1} ->${name.slice(-2)}`);
      const now = await probeUntil(lab, vm3);
      expect(now.bootId).toBe(first.bootId);
      expect(now.uptimeMs).toBeGreaterThan(last.uptimeMs);
      last = now;
      expect(await macs()).toEqual(macsBefore);
    }
  });

  it('moves shut-off lab-vm3 cold from h2 to h3: defined there only, still off, and it boots there', async () => {
    const vm3 = guestNamed(lab, 'lab-vm3');
    const [h2, h3] = [hostNamed(lab, 'ferry-lab-h2'), hostNamed(lab, 'ferry-lab-h3')];
    const before = await probeUntil(lab, vm3);
    await virsh(h2, 'destroy', vm3.uuid);
    await opened.services.refreshInventory();
    expect(opened.services.inventory.vm(vm3.uuid)?.power).toBe('off');
    const { task, wallMs } = await migrate(
      opened.services,
      request({ vmIds: [vm3.uuid], destHostId: idOf(h3), acknowledgedWarnings: ['INSUFFICIENT_CPU', 'VM_POWERED_OFF'] }),
    );
    expect(task.error, howItWent(opened.services, task)).toBeNull();
    expect({ state: task.state, cold: task.cold }).toEqual({ state: 'completed', cold: true });
    expect(await statesOf(lab, vm3)).toEqual({ [h3.name]: 'shut off' });
    expect(await driver.locateVm(vm3.uuid)).toEqual([{ hostId: idOf(h3), power: 'off', copy: 'whole' }]);
    expect(opened.services.inventory.vm(vm3.uuid)).toMatchObject({ hostId: idOf(h3), power: 'off' });
    recordTiming('cold h2->h3', { wallMs, durationMs: task.outcome?.durationMs });
    // The moved definition is complete: the guest boots on h3 (a new boot) with its disk.
    await virsh(h3, 'start', vm3.uuid);
    const after = await probeUntil(lab, vm3, 120_000);
    expect(after.bootId).not.toBe(before.bootId);
    expect(after.fields['disk']).toBe(before.fields['disk']);
  });
});
