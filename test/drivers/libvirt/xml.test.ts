// libvirt XML parsing against documents captured from the lab (and a few hand-written shapes).

import { describe, expect, it } from 'vitest';
import { chooseVirtType, parseCapabilities } from '../../../src/main/drivers/libvirt/xml/capabilities';
import { cpuToXml, enabledFeatures, extractCpuXml, parseCpu } from '../../../src/main/drivers/libvirt/xml/cpu';
import { parseHostModelCpu } from '../../../src/main/drivers/libvirt/xml/domain-capabilities';
import { parseDomain } from '../../../src/main/drivers/libvirt/xml/domain';
import { parseHostInterface, parseNetwork } from '../../../src/main/drivers/libvirt/xml/network';
import { parsePool } from '../../../src/main/drivers/libvirt/xml/pool';
import { bytesOf, parseXml } from '../../../src/main/drivers/libvirt/xml/xml-tree';
import { fixture } from './fixtures';

describe('capabilities', () => {
  it('reads the host UUID, CPU, topology and the virtualization types offered', () => {
    const caps = parseCapabilities(fixture('capabilities-h1.xml'));
    expect(caps.uuid).toBe('a1f88a8c-1b79-48aa-a565-765d9c582bcf');
    expect(caps.arch).toBe('x86_64');
    expect(caps.cpu).toMatchObject({ model: 'kvm64', vendor: 'AMD', mode: null });
    expect(caps).toMatchObject({ family: 25, model: 1, topologyCpus: 2, virtTypes: ['kvm', 'qemu'] });
    expect(caps.cpu.features).toHaveLength(69);
    expect(enabledFeatures(caps.cpu)).toContain('avx2');
    expect(caps.cpuXml).toMatch(/^<cpu>[\s\S]*<arch>x86_64<\/arch>[\s\S]*<\/cpu>$/);
  });

  it('prefers kvm, unless configured to TCG; falls back to what is offered', () => {
    expect(chooseVirtType(['kvm', 'qemu'], undefined)).toBe('kvm');
    expect(chooseVirtType(['kvm', 'qemu'], 'qemu')).toBe('qemu');
    expect(chooseVirtType(['qemu'], 'kvm')).toBe('qemu');
  });
});

describe('CPU definitions', () => {
  it('takes the host-model CPU from domain capabilities as a custom definition', () => {
    const cpu = parseHostModelCpu(fixture('domain-capabilities-qemu.xml'));
    expect(cpu).toMatchObject({ mode: 'custom', model: 'EPYC', vendor: 'AMD' });
    expect(cpu?.features.find((f) => f.name === 'vme')?.policy).toBe('disable');
    const xml = cpuToXml(cpu!);
    expect(xml).toContain(`<model fallback='forbid'>EPYC</model>`);
    expect(parseCpu(xml).features).toEqual(cpu?.features);
  });

  it('lists enabled features only (require/force or a host CPU), not disabled ones', () => {
    const expanded = parseCpu(fixture('baseline-qemu64-expanded.xml'));
    expect(expanded.model).toBe('qemu64');
    expect(enabledFeatures(expanded)).toHaveLength(29);
    expect(
      enabledFeatures(
        parseCpu(
          `<cpu mode='custom'><model>x</model><feature policy='disable' name='a'/><feature policy='force' name='b'/><feature policy='optional' name='c'/></cpu>`,
        ),
      ),
    ).toEqual(['b']);
  });

  it('cuts the <cpu> element out of a document verbatim, self-closing or not', () => {
    expect(extractCpuXml(fixture('domain-lab-vm1-running.xml'), 'domain')).toMatch(
      /^<cpu mode='custom' match='exact' check='full'>[\s\S]*qemu64[\s\S]*<\/cpu>$/,
    );
    expect(extractCpuXml(fixture('domain-synthetic-devices.xml'), 'domain')).toBe(
      `<cpu mode='host-passthrough' check='none' migratable='on'/>`,
    );
    expect(extractCpuXml('<domain><name>x</name></domain>', 'domain')).toBeNull();
  });
});

describe('domain XML', () => {
  it('reads a running lab guest: size, CPU, disk, NIC and probe metadata', () => {
    const def = parseDomain(fixture('domain-lab-vm1-running.xml'));
    expect(def).toMatchObject({
      uuid: '29f0abe3-089d-4e02-a627-0f026066c07b',
      name: 'lab-vm1',
      virtType: 'qemu',
      arch: 'x86_64',
      machine: 'pc-i440fx-7.2',
      memoryBytes: 256 * 1024 ** 2,
      vcpus: 1,
      probe: { address: '10.77.0.21', port: 7777 },
      hostDevices: [],
    });
    expect(def.cpu).toMatchObject({ mode: 'custom', model: 'qemu64' });
    expect(def.disks).toEqual([
      {
        device: 'disk',
        type: 'file',
        path: '/work/main/.lab/shared-storage/lab-vm1.qcow2',
        pool: null,
        volume: null,
        target: 'vda',
        format: 'qcow2',
        readonly: false,
        shareable: false,
        mirrorPath: null,
      },
    ]);
    expect(def.nics).toEqual([{ type: 'bridge', bridge: 'br0', mac: '52:54:00:77:00:21', portGroup: 'br0' }]);
  });

  it('reads an inactive definition the same way', () => {
    const def = parseDomain(fixture('domain-lab-vm2-inactive.xml'));
    expect(def.disks[0]?.path).toBe('/var/lib/libvirt/images/lab-vm2.qcow2');
    expect(def.probe).toEqual({ address: '10.77.0.22', port: 7777 });
  });

  it('reads passthrough devices, every NIC kind, volume disks and media, and the probe under any prefix', () => {
    const def = parseDomain(fixture('domain-synthetic-devices.xml'));
    expect(def.uuid).toBe('0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0');
    expect(def.memoryBytes).toBe(8 * 1024 ** 3);
    expect(def.vcpus).toBe(4);
    expect(def.cpu?.mode).toBe('host-passthrough');
    expect(def.probe).toEqual({ address: '192.0.2.10', port: 7777 });
    expect(def.disks.map((d) => [d.device, d.type, d.path, d.pool, d.volume, d.readonly])).toEqual([
      ['disk', 'volume', null, 'fast', 'db-01-data.qcow2', false],
      ['cdrom', 'file', '/srv/iso/debian.iso', null, null, true],
      ['cdrom', 'file', null, null, null, true],
    ]);
    expect(def.nics.map((n) => n.portGroup)).toEqual(['prod', 'macvtap:eno2', 'user', 'hostdev']);
    expect(def.hostDevices).toEqual([
      { kind: 'hostdev-pci', name: 'PCI 0000:65:00.0' },
      { kind: 'hostdev-usb', name: 'USB 046d:c52b' },
      { kind: 'hostdev-interface', name: 'SR-IOV NIC 52:54:00:aa:bb:04' },
    ]);
  });

  it("finds the guest agent's channel among the domain's channels", () => {
    const xml = (channels: string) =>
      `<domain type='kvm'><name>a</name><uuid>00000000-0000-0000-0000-000000000001</uuid><devices>${channels}</devices></domain>`;
    const agent = `<channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0' state='disconnected'/></channel>`;
    const spice = `<channel type='spicevmc'><target type='virtio' name='com.redhat.spice.0' state='connected'/></channel>`;
    expect(parseDomain(xml(spice + agent)).agentChannel).toBe(true);
    expect(parseDomain(xml(agent.replace(" state='disconnected'", ''))).agentChannel).toBe(true);
    expect(parseDomain(xml(spice)).agentChannel).toBe(false);
    expect(parseDomain(xml('')).agentChannel).toBe(false);
  });

  it('ignores probe metadata in another namespace or with a bad port', () => {
    const xml = (ns: string, port: string) =>
      `<domain type='kvm'><name>a</name><uuid>00000000-0000-0000-0000-000000000001</uuid><metadata><x:probe xmlns:x="${ns}" address="10.0.0.1" port="${port}"/></metadata></domain>`;
    expect(parseDomain(xml('https://ferry.invalid/xmlns/probe/2', '7777')).probe).toBeNull();
    expect(parseDomain(xml('https://ferry.invalid/xmlns/probe/1', '70000')).probe).toBeNull();
    expect(parseDomain(xml('https://ferry.invalid/xmlns/probe/1', '7777')).probe).toEqual({ address: '10.0.0.1', port: 7777 });
  });

  it('refuses a document that is not a domain', () => {
    expect(() => parseDomain('<domain type="kvm"></domain>')).toThrow(/name or UUID/);
    expect(() => parseXml('')).toThrow();
  });
});

describe('pools, networks, interfaces', () => {
  it('reads dir pools from the lab and a netfs pool', () => {
    expect(parsePool(fixture('pool-shared.xml'))).toMatchObject({
      name: 'shared',
      type: 'dir',
      targetPath: '/work/main/.lab/shared-storage',
      sourceHost: null,
    });
    expect(parsePool(fixture('pool-local.xml'))).toMatchObject({ name: 'local', type: 'dir', targetPath: '/var/lib/libvirt/images' });
    expect(parsePool(fixture('pool-synthetic-netfs.xml'))).toEqual({
      name: 'nfs-images',
      type: 'netfs',
      targetPath: '/var/lib/libvirt/nfs-images',
      sourceHost: 'nas.example.invalid',
      sourceName: '/export/images',
      capacityBytes: 1099511627776,
      availableBytes: 992137445376,
    });
  });

  it('reads a host bridge and a libvirt network', () => {
    expect(parseHostInterface(fixture('interface-br0.xml'))).toEqual({ name: 'br0', type: 'bridge' });
    expect(parseNetwork(`<network><name>default</name><bridge name='virbr0' stp='on'/></network>`)).toEqual({
      name: 'default',
      bridge: 'virbr0',
    });
  });

  it('scales libvirt sizes by their unit', () => {
    const el = (xml: string) => parseXml(xml);
    expect(bytesOf(el(`<memory unit='KiB'>262144</memory>`))).toBe(256 * 1024 ** 2);
    expect(bytesOf(el(`<memory>1024</memory>`), 'KiB')).toBe(1024 ** 2);
    expect(bytesOf(el(`<capacity unit='G'>2</capacity>`))).toBe(2 * 1024 ** 3);
    expect(() => bytesOf(el(`<capacity unit='parsecs'>2</capacity>`))).toThrow(/unit/);
  });
});
