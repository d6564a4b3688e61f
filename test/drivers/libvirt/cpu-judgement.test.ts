// Which CPU judges a guest: the destination hypervisor's own comparison, asked for the guest's virt
// type, emulator, arch and machine (a TCG guest's CPU is QEMU's emulation, not the host's KVM
// CPU); and host features always fully expanded, never a silent partial list.

import { afterEach, describe, expect, it } from 'vitest';
import type { LibvirtHostConfig } from '../../../src/main/drivers/libvirt/hosts/config';
import { LibvirtDriver } from '../../../src/main/drivers/libvirt/libvirt-driver';
import { MemoryJournal } from '../../helpers/memory-journal';
import { FakeHost, State } from './fake-host';
import { intelKvmHost } from './fake-cpu';
import { fixture } from './fixtures';

const A = new FakeHost('aaaaaaaa-0000-4000-8000-00000000000a', 'kvm-a');
const B = new FakeHost('bbbbbbbb-0000-4000-8000-00000000000b', 'kvm-b');
const byUri = new Map([
  ['qemu+tcp://a/system', A],
  ['qemu+tcp://b/system', B],
]);
const config = (uri: string): LibvirtHostConfig => ({ uri, clusterId: 'c1' });
const drivers: LibvirtDriver[] = [];

afterEach(async () => {
  await Promise.all(drivers.splice(0).map((d) => d.close()));
  for (const host of [A, B]) {
    host.domains.clear();
    host.cpuCalls.length = 0;
    host.failExpansion = false;
    host.compareUnsupported = false;
    host.hostModels = intelKvmHost();
  }
});

function newDriver(): LibvirtDriver {
  const open = async (c: LibvirtHostConfig) => {
    const host = byUri.get(c.uri);
    if (!host) throw new Error(`connect ECONNREFUSED ${c.uri}`);
    return host.open();
  };
  const driver = new LibvirtDriver({ hosts: [...byUri.keys()].map(config), openClient: open, journal: new MemoryJournal() });
  drivers.push(driver);
  return driver;
}

/** The lab's TCG guest: `<domain type='qemu'>`, qemu64 (what libvirt writes for the default CPU). */
const TCG_UUID = '29f0abe3-089d-4e02-a627-0f026066c07b';
const tcgGuest = () => ({
  name: 'lab-vm1',
  uuid: TCG_UUID,
  state: State.RUNNING,
  persistent: true,
  xml: fixture('domain-lab-vm1-running.xml'),
});
const asKvm = (xml: string) => xml.replace("<domain type='qemu'", "<domain type='kvm'");

describe('host CPU features', () => {
  it('are the host-model CPU fully expanded, the model’s own features included (pni is in every x86-64 model)', async () => {
    const discovery = await newDriver().discover();
    const host = discovery.hosts.find((h) => h.id === `libvirt:${A.uuid}`);
    expect(host?.cpu.features).toEqual(expect.arrayContaining(['pni', 'sse2', 'vmx', 'ss']));
    expect(host?.cpu.featuresError ?? null).toBeNull();
  });

  it('say so when libvirt cannot expand them, rather than pass the extras-only list off as the host’s', async () => {
    A.failExpansion = true;
    const discovery = await newDriver().discover();
    const host = discovery.hosts.find((h) => h.id === `libvirt:${A.uuid}`);
    expect(host?.cpu.featuresError).toMatch(/cannot expand CPU model/);
  });
});

describe('compareCpu: the destination hypervisor judges', () => {
  it('asks about a TCG guest for its own virt type, emulator, arch and machine, and accepts qemu64', async () => {
    A.addDomain(tcgGuest());
    const verdict = await newDriver().compareCpu(TCG_UUID, `libvirt:${B.uuid}`);
    expect(verdict).toMatchObject({ compatible: true, incompatibleFeatures: [] });
    expect(B.cpuCalls.filter((c) => c.procedure === 'compare')).toEqual([
      { procedure: 'compare', emulator: '/usr/bin/qemu-system-x86_64', arch: 'x86_64', machine: 'pc-i440fx-7.2', virttype: 'qemu' },
    ]);
  });

  it('refuses a KVM guest whose model the destination CPU lacks, naming the feature', async () => {
    A.addDomain({ ...tcgGuest(), xml: asKvm(fixture('domain-lab-vm1-running.xml')) });
    const verdict = await newDriver().compareCpu(TCG_UUID, `libvirt:${B.uuid}`);
    expect(verdict).toMatchObject({ compatible: false, incompatibleFeatures: ['svm'] });
  });

  it('refuses a KVM guest on a destination without KVM with the hypervisor’s own words, as virsh migrate would fail', async () => {
    A.addDomain({ ...tcgGuest(), xml: asKvm(fixture('domain-lab-vm1-running.xml')) });
    const { kvm: _kvm, ...tcgOnly } = intelKvmHost();
    void _kvm;
    B.hostModels = tcgOnly;
    const verdict = await newDriver().compareCpu(TCG_UUID, `libvirt:${B.uuid}`);
    expect(verdict).toMatchObject({ compatible: false, result: 'incompatible' });
    expect(verdict.message).toMatch(/accel 'kvm' is not supported/);
  });

  it('does not refuse when the destination daemon cannot compare at all (it is no verdict)', async () => {
    A.addDomain(tcgGuest());
    B.compareUnsupported = true;
    await expect(newDriver().compareCpu(TCG_UUID, `libvirt:${B.uuid}`)).resolves.toMatchObject({ compatible: true, result: 'unchecked' });
  });

  it('does not refuse a guest that names no CPU model (the emulator’s default is its to judge)', async () => {
    const xml = fixture('domain-lab-vm1-running.xml').replace(/<cpu[\s\S]*?<\/cpu>/, '');
    A.addDomain({ ...tcgGuest(), xml });
    await expect(newDriver().compareCpu(TCG_UUID, `libvirt:${B.uuid}`)).resolves.toMatchObject({ compatible: true });
  });
});
