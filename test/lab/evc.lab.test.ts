// The cluster CPU baseline (EVC) on real libvirt: the lab hosts' baseline as libvirt computes it
// (BASELINE_HYPERVISOR_CPU over their host-model CPUs for TCG guests), a model no host can run
// refused, and "apply at next power cycle" writing a guest's persistent definition only. The
// guest's original definition is defined again afterwards, so the lab is left as found.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { baselineCpuElement } from '../../src/main/drivers/libvirt/xml/cpu-rewrite';
import { hostNamed, probeUntil, virsh, type LabGuest } from './lab-env';
import { useLabSession } from './lab-services';

const cpuOf = (xml: string): string => /<cpu[\s\S]*?<\/cpu>|<cpu[^>]*\/>/.exec(xml)?.[0] ?? '';

describe('cluster CPU baseline (lab)', () => {
  const { lab, opened } = useLabSession('suite');
  const scratch = mkdtempSync(join(tmpdir(), 'ferry-evc-'));
  const restores: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const restore of restores.splice(0).reverse()) await restore();
  });

  it("computes the lab cluster's baseline through libvirt: a model every host accepts, defined by all three identical hosts", async () => {
    const status = await opened.services.cpuBaselines.status('lab-cluster');
    expect(status.computeError).toBeNull();
    const computed = status.computed!;
    expect(computed.model).toMatch(/\w/);
    expect(computed.virtType).toBe('qemu');
    expect(computed.arch).toBe('x86_64');
    expect(computed.features.length).toBeGreaterThan(20);
    expect(computed.definedByHostIds.sort()).toEqual(
      opened.services.inventory
        .allHosts()
        .filter((h) => h.driverId === 'libvirt')
        .map((h) => h.id)
        .sort(),
    );
    expect(status.models).toContain('qemu64');
    console.info(
      `lab cluster CPU baseline: ${computed.model}, ${computed.features.length} features; ${status.models.length} models offered`,
    );
    // Each host's own hypervisor, asked by virsh, accepts the baseline as a guest CPU.
    const file = join(scratch, 'baseline.xml');
    writeFileSync(file, baselineCpuElement(computed));
    for (const host of lab.hosts)
      expect(await virsh(host, 'hypervisor-cpu-compare', '--virttype', 'qemu', file)).toMatch(/identical|superset/i);
  });

  it('sets it: no lab host is below it; refuses a model the hosts cannot run (Skylake-Server under TCG)', async () => {
    const { cpuBaselines } = opened.services;
    const cluster = await cpuBaselines.set('lab-cluster', { mode: 'computed' }, 'lab');
    expect(cluster.evc).toMatchObject({ source: 'computed', virtType: 'qemu' });
    const status = await cpuBaselines.status('lab-cluster');
    expect(status.hostsBelow).toEqual([]);
    expect(status.hostsUnknown).toEqual([]);
    await expect(cpuBaselines.set('lab-cluster', { mode: 'model', model: 'Skylake-Server' }, 'lab')).rejects.toMatchObject({
      code: 'CPU_BASELINE_NOT_APPLICABLE',
    });
    expect(opened.services.inventory.cluster('lab-cluster')?.evc?.source).toBe('computed');
    const qemu64 = await cpuBaselines.set('lab-cluster', { mode: 'model', model: 'qemu64' }, 'lab');
    expect(qemu64.evc).toMatchObject({ source: 'model', model: 'qemu64' });
    expect(qemu64.evc?.features).toEqual(expect.arrayContaining(['lm', 'sse2']));
  });

  it('applies the baseline at the next power cycle: the persistent definition changes, the running one does not; the VM shows it pending', async () => {
    const { cpuBaselines, inventory, fleet } = opened.services;
    await cpuBaselines.set('lab-cluster', { mode: 'computed' }, 'lab');
    const baseline = inventory.cluster('lab-cluster')!.evc!;
    const guest = lab.guests[0] as LabGuest;
    const host = hostNamed(lab, guest.host);
    const original = await virsh(host, 'dumpxml', '--inactive', '--security-info', guest.uuid);
    const liveBefore = await virsh(host, 'dumpxml', guest.uuid);
    const file = join(scratch, `${guest.name}.xml`);
    writeFileSync(file, original);
    restores.push(async () => {
      await virsh(host, 'define', file);
      await fleet.refreshAll();
    });

    const vm = await cpuBaselines.apply(guest.uuid, 'lab');
    expect(vm.cpuPending).toMatchObject({ model: baseline.model });
    expect(vm.cpuModel).toBe('qemu64');
    const inactive = await virsh(host, 'dumpxml', '--inactive', guest.uuid);
    expect(cpuOf(inactive)).toMatch(/^<cpu mode='custom' match='exact'/);
    expect(cpuOf(inactive)).toContain(`<model fallback='forbid'>${baseline.model}</model>`);
    for (const f of baseline.features.slice(0, 10)) expect(cpuOf(inactive)).toContain(`name='${f}'`);
    expect(inactive).toContain('https://ferry.invalid/xmlns/cpu-baseline/1');
    const liveAfter = await virsh(host, 'dumpxml', guest.uuid);
    expect(cpuOf(liveAfter)).toBe(cpuOf(liveBefore));
    expect(await virsh(host, 'domstate', guest.uuid)).toMatch(/^running/);

    await virsh(host, 'define', file);
    expect(await virsh(host, 'dumpxml', '--inactive', '--security-info', guest.uuid)).toBe(original);
    await fleet.refreshAll();
    expect(inventory.vm(guest.uuid)?.cpuPending ?? null).toBeNull();
  });

  it('boots a guest with the baseline at its power cycle: pending no more, its live CPU the baseline, and it answers', async () => {
    const { cpuBaselines, inventory, fleet } = opened.services;
    await cpuBaselines.set('lab-cluster', { mode: 'computed' }, 'lab');
    const baseline = inventory.cluster('lab-cluster')!.evc!;
    const guest = lab.guests[2] as LabGuest;
    const host = hostNamed(lab, guest.host);
    const original = await virsh(host, 'dumpxml', '--inactive', '--security-info', guest.uuid);
    const file = join(scratch, `${guest.name}.xml`);
    writeFileSync(file, original);
    const cycle = async () => {
      await virsh(host, 'destroy', guest.uuid);
      await virsh(host, 'start', guest.uuid);
      return probeUntil(lab, guest, 120_000);
    };
    restores.push(async () => {
      if ((await virsh(host, 'dumpxml', '--inactive', '--security-info', guest.uuid)) === original) return;
      await virsh(host, 'define', file);
      await cycle();
      await fleet.refreshAll();
    });
    const before = await probeUntil(lab, guest);
    expect((await cpuBaselines.apply(guest.uuid, 'lab')).cpuPending?.model).toBe(baseline.model);

    const after = await cycle();
    expect(after.bootId).not.toBe(before.bootId);
    expect(cpuOf(await virsh(host, 'dumpxml', guest.uuid))).toContain(`<model fallback='forbid'>${baseline.model}</model>`);
    await fleet.refreshAll();
    expect(inventory.vm(guest.uuid)).toMatchObject({ power: 'running', cpuModel: baseline.model });
    expect(inventory.vm(guest.uuid)?.cpuPending ?? null).toBeNull();
    expect(inventory.vm(guest.uuid)?.cpuFeatures).toEqual(expect.arrayContaining(baseline.features.slice(0, 10)));
    const status = await cpuBaselines.status('lab-cluster');
    expect(status.vmsOutside.map((v) => v.vmId)).not.toContain(guest.uuid);

    await virsh(host, 'define', file);
    await cycle();
    await fleet.refreshAll();
    expect(inventory.vm(guest.uuid)?.cpuModel).toBe('qemu64');
  });

  it('refuses, with a typed error and nothing written, a baseline computed for another virt type', async () => {
    const { cpuBaselines, inventory } = opened.services;
    const evc = inventory.cluster('lab-cluster')!.evc!;
    inventory.setClusterCpuBaseline('lab-cluster', { ...evc, virtType: 'kvm' });
    const guest = lab.guests[1] as LabGuest;
    const host = hostNamed(lab, guest.host);
    const before = await virsh(host, 'dumpxml', '--inactive', guest.uuid);
    await expect(cpuBaselines.apply(guest.uuid, 'lab')).rejects.toMatchObject({ code: 'CPU_BASELINE_NOT_APPLICABLE' });
    expect(await virsh(host, 'dumpxml', '--inactive', guest.uuid)).toBe(before);
    await cpuBaselines.set('lab-cluster', { mode: 'off' }, 'lab');
  });
});
