// Checks that agree with the hypervisor (issue #13), on real libvirtd: what `virsh migrate --live
// --p2p --copy-storage-all` performs between the lab's identical hosts, Ferry performs too. The
// suite defines its own TCG guest with the default CPU (no <cpu>: libvirt fills in qemu64) and a
// qcow2 made with qemu-img in h1's local pool directory, which the pool has not listed; hosts are
// added with the virt type left automatic. It never touches the lab's own guests, and removes
// everything it made (domain on any host, disk files, pool listings, its data folders).

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LibvirtHostConfig } from '../../src/main/drivers/libvirt/hosts/config';
import { LibvirtDriver } from '../../src/main/drivers/libvirt/libvirt-driver';
import { FerryError } from '../../src/shared/api/errors';
import { MemoryJournal } from '../helpers/memory-journal';
import { hostConfig, hostNamed, idOf, readLab, sleep, virsh, type LabHost } from './lab-env';
import { howItWent, type LabServices, migrate, openServices, request } from './lab-services';

const run = promisify(execFile);
const GUEST = 'ferry-estate-vm';
const DISK = `${GUEST}.qcow2`;
/** The local pool's path inside every lab host's mount namespace (scripts/lab/README.md, Storage). */
const LOCAL_POOL = '/var/lib/libvirt/images';

const lab = readLab();
const [h1, h2] = [hostNamed(lab, 'ferry-lab-h1'), hostNamed(lab, 'ferry-lab-h2')];

/** As an admin adds a host, with the virt type left to Ferry (kvm when offered, else qemu). */
function automatic(host: LabHost, withMigrationUri = true): LibvirtHostConfig {
  const { virtType, migrationUri, ...rest } = hostConfig(host);
  void virtType;
  return withMigrationUri && migrationUri ? { ...rest, migrationUri } : rest;
}

/** No <cpu> element: QEMU's default CPU for the machine, which libvirt writes out as qemu64. No NIC: no address to share. */
const guestXml = (uuid: string) => `<domain type='qemu'>
  <name>${GUEST}</name>
  <uuid>${uuid}</uuid>
  <memory unit='MiB'>256</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>${lab.labDir}/guest/kernel</kernel>
    <initrd>${lab.labDir}/guest/initramfs.gz</initrd>
    <cmdline>console=ttyS0 quiet panic=-1 ferry.name=${GUEST}</cmdline>
  </os>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='${LOCAL_POOL}/${DISK}'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <memballoon model='none'/>
  </devices>
</domain>`;

async function removeGuestEverywhere(uuid: string): Promise<void> {
  for (const host of lab.hosts) {
    await virsh(host, 'destroy', uuid).catch(() => '');
    await virsh(host, 'undefine', uuid).catch(() => '');
    rmSync(`${host.localPoolDir}/${DISK}`, { force: true });
    await virsh(host, 'pool-refresh', 'local').catch(() => '');
  }
}

/** Where each lab host says the suite's guest is ('running', 'shut off'…), by virsh. */
async function statesOfGuest(uuid: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const host of lab.hosts) {
    const state = await virsh(host, 'domstate', uuid).catch(() => '');
    if (state) out[host.name] = state.split('\n')[0] ?? state;
  }
  return out;
}

/** The inventory lists the guest once a discovery after its start has run (the session's first one does). */
async function untilInventoried(services: LabServices['services'], uuid: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (services.inventory.vm(uuid)?.power !== 'running') {
    if (Date.now() > deadline) throw new Error(`${GUEST} never showed up running in the inventory`);
    await sleep(250);
  }
}

describe('checks that agree with the hypervisor (lab)', () => {
  const uuid = '13e57a7e-0000-4000-8000-00000000e513';
  const dir = mkdtempSync(join(tmpdir(), 'ferry-estate-'));
  const opened: LabServices[] = [];

  const sessionDrivers: LibvirtDriver[] = [];

  async function session(configs: LibvirtHostConfig[]): Promise<LabServices['services']> {
    const driver = new LibvirtDriver({
      id: 'libvirt',
      hosts: configs,
      journal: new MemoryJournal(),
      datacenterName: 'Lab',
      sharedPools: ['shared'],
    });
    sessionDrivers.push(driver);
    const services = await openServices(driver); // its services close the driver
    opened.push(services);
    return services.services;
  }

  beforeAll(async () => {
    await removeGuestEverywhere(uuid); // a run killed midway left something behind
    // Made behind libvirt's back, as an admin does with qemu-img: h1's local pool has not listed it.
    await run('qemu-img', ['create', '-q', '-f', 'qcow2', `${h1.localPoolDir}/${DISK}`, '16M']);
    expect(await virsh(h1, 'vol-list', 'local')).not.toContain(DISK);
    writeFileSync(join(dir, 'guest.xml'), guestXml(uuid));
    await virsh(h1, 'define', join(dir, 'guest.xml'));
    await virsh(h1, 'start', uuid);
  });

  afterAll(async () => {
    for (const services of opened.splice(0)) await services.close();
    await removeGuestEverywhere(uuid);
    rmSync(dir, { recursive: true, force: true });
  });

  it('moves a TCG guest with the default CPU and a disk its pool did not list from h1 to h2, as virsh would', async () => {
    const services = await session(lab.hosts.map((h) => automatic(h)));
    await untilInventoried(services, uuid);
    const target = { vmIds: [uuid], destHostId: idOf(h2), type: 'both' as const, destDatastoreId: `libvirt-pool:${idOf(h2)}/local` };
    // h2's own libvirt, asked for the guest's virt type (qemu), emulator and machine, accepts its qemu64.
    expect(await sessionDrivers[0]?.compareCpu(uuid, idOf(h2))).toMatchObject({ compatible: true });
    // The wizard's precheck, the hypervisor's CPU verdict included: nothing blocks.
    const [checks] = await services.engine.checksJudged(target);
    expect(checks?.results.filter((r) => r.severity === 'error')).toEqual([]);
    const { task } = await migrate(services, request(target));
    expect(task.error, howItWent(services, task)).toBeNull();
    expect(task.state).toBe('completed');
    expect(await statesOfGuest(uuid)).toEqual({ [h2.name]: 'running' });
    expect(existsSync(`${h2.localPoolDir}/${DISK}`)).toBe(true);
  });

  it('refuses, in the precheck and before any task starts, a destination added by a socket URI without a migration URI', async () => {
    // Wherever the guest runs now (h2 once the move above passed), the other host is the
    // destination, added by its local socket URI only.
    const on = Object.entries(await statesOfGuest(uuid)).find(([, state]) => state === 'running')?.[0];
    const source = on === h1.name ? h1 : h2;
    const dest = source === h1 ? h2 : h1;
    const services = await session([automatic(source), automatic(dest, false)]);
    await untilInventoried(services, uuid);
    const target = { vmIds: [uuid], destHostId: idOf(dest), type: 'both' as const, destDatastoreId: `libvirt-pool:${idOf(dest)}/local` };
    for (const [checks] of [services.engine.checks(target), await services.engine.checksJudged(target)]) {
      const refusal = checks?.results.find((r) => r.code === 'MIGRATION_URI_MISSING');
      expect(refusal?.severity).toBe('error');
      expect(refusal?.hint).toMatch(/migration URI/);
    }
    let thrown: unknown = null;
    try {
      services.engine.request(request(target), { requestedBy: 'lab-test' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FerryError);
    expect((thrown as FerryError).code).toBe('PRECHECK_FAILED');
    expect(services.engine.tasks()).toEqual([]);
    // Nothing moved: the guest runs where it ran, once.
    expect(await statesOfGuest(uuid)).toEqual({ [source.name]: 'running' });
  });
});
