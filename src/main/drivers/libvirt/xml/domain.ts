// Domain XML: what Ferry needs to know about a guest (size, CPU, disks, NICs, devices that pin
// it to its host) and where to probe it (<metadata><ferry:probe address=… port=…/>).

import { cpuFromElement, extractCpuXml, type CpuDefinition } from './cpu';
import { attrOf, bytesOf, childNamed, childrenNamed, descend, intOf, parseXml, type XmlElement } from './xml-tree';

/** What a guest NIC is plugged into, as libvirt's XML says it. */
export interface NicAttachment {
  type: string;
  network?: string;
  bridge?: string;
  dev?: string;
}

/**
 * The port group of a NIC: the libvirt network name, the bridge name, `macvtap:<dev>` for a
 * direct attachment, `user` for user-mode networking, else the interface type.
 */
export function portGroupOf(nic: NicAttachment): string {
  switch (nic.type) {
    case 'network':
      return nic.network ?? 'network';
    case 'bridge':
      return nic.bridge ?? 'bridge';
    case 'direct':
      return `macvtap:${nic.dev ?? '?'}`;
    case 'user':
      return USER_PORT_GROUP;
    default:
      return nic.type;
  }
}

/** User-mode networking needs nothing on the host: every host offers it. */
export const USER_PORT_GROUP = 'user';

const PROBE_NAMESPACE = 'https://ferry.invalid/xmlns/probe/1';

export interface DomainDisk {
  /** disk, cdrom, floppy, lun */
  device: string;
  /** file, block, volume, network, dir */
  type: string;
  /** The host path (file/block) or `protocol:name` for network disks; null when empty (e.g. a cdrom). */
  path: string | null;
  /** For type='volume': the pool and volume names. */
  pool: string | null;
  volume: string | null;
  /** Guest device name (vda): what migrate_disks and block jobs name. */
  target: string;
  /** qcow2, raw…; null when unspecified. */
  format: string | null;
  readonly: boolean;
  shareable: boolean;
  /** The file a running block copy (or a shared-nothing migration's mirror) writes to; null without one. */
  mirrorPath: string | null;
}

interface DomainNic extends NicAttachment {
  mac: string;
  portGroup: string;
}

interface DomainHostDevice {
  kind: string;
  name: string;
}

interface ProbeTarget {
  address: string;
  port: number;
}

export interface DomainDefinition {
  uuid: string;
  name: string;
  /** kvm or qemu (TCG). */
  virtType: string;
  arch: string | null;
  machine: string | null;
  /** The QEMU binary that runs the guest: it, not the host, decides what a TCG guest's CPU can do. */
  emulator: string | null;
  memoryBytes: number;
  vcpus: number;
  cpu: CpuDefinition | null;
  /** The <cpu> element verbatim (for compare and baseline calls). */
  cpuXml: string | null;
  disks: DomainDisk[];
  nics: DomainNic[];
  hostDevices: DomainHostDevice[];
  probe: ProbeTarget | null;
  /**
   * The domain has the QEMU guest agent's channel (`org.qemu.guest_agent.0`). Whether an agent
   * listens is asked of the agent itself: the live XML's `state` may lag a start or a migration.
   */
  agentChannel: boolean;
}

export function parseDomain(xml: string): DomainDefinition {
  const root = parseXml(xml);
  const uuid = childNamed(root, 'uuid')?.text;
  const name = childNamed(root, 'name')?.text;
  if (!uuid || !name) throw new Error('domain XML lacks a name or UUID');
  const osType = descend(root, 'os', 'type');
  const devices = childNamed(root, 'devices');
  const cpu = childNamed(root, 'cpu');
  const vcpu = childNamed(root, 'vcpu');
  return {
    uuid: uuid.toLowerCase(),
    name,
    virtType: attrOf(root, 'type') ?? 'kvm',
    arch: attrOf(osType, 'arch') ?? null,
    machine: attrOf(osType, 'machine') ?? null,
    emulator: childNamed(devices, 'emulator')?.text || null,
    memoryBytes: bytesOf(childNamed(root, 'memory'), 'KiB') ?? 0,
    // `current` vCPUs are the ones the guest runs with (hot-pluggable ones may be offline).
    vcpus: intOf(attrOf(vcpu, 'current')) ?? intOf(vcpu?.text) ?? 1,
    cpu: cpu ? cpuFromElement(cpu) : null,
    cpuXml: extractCpuXml(xml, 'domain'),
    disks: childrenNamed(devices, 'disk').map(diskOf),
    nics: childrenNamed(devices, 'interface').map(nicOf),
    hostDevices: hostDevicesOf(devices),
    probe: probeOf(childNamed(root, 'metadata')),
    agentChannel: agentChannelOf(devices),
  };
}

function diskOf(disk: XmlElement): DomainDisk {
  const type = attrOf(disk, 'type') ?? 'file';
  const source = childNamed(disk, 'source');
  let path: string | null = null;
  if (type === 'file') path = attrOf(source, 'file') ?? null;
  else if (type === 'block') path = attrOf(source, 'dev') ?? null;
  else if (type === 'dir') path = attrOf(source, 'dir') ?? null;
  else if (type === 'network') path = source ? `${attrOf(source, 'protocol') ?? 'network'}:${attrOf(source, 'name') ?? ''}` : null;
  return {
    device: attrOf(disk, 'device') ?? 'disk',
    type,
    path,
    pool: type === 'volume' ? (attrOf(source, 'pool') ?? null) : null,
    volume: type === 'volume' ? (attrOf(source, 'volume') ?? null) : null,
    target: attrOf(childNamed(disk, 'target'), 'dev') ?? '',
    format: attrOf(childNamed(disk, 'driver'), 'type') ?? null,
    readonly: childNamed(disk, 'readonly') !== undefined,
    shareable: childNamed(disk, 'shareable') !== undefined,
    mirrorPath: mirrorPathOf(childNamed(disk, 'mirror')),
  };
}

/** `<mirror type='file' file='…'>` (older form) or `<mirror type='file'><source file='…'/>`. */
function mirrorPathOf(mirror: XmlElement | undefined): string | null {
  if (!mirror) return null;
  return attrOf(mirror, 'file') ?? attrOf(childNamed(mirror, 'source'), 'file') ?? attrOf(childNamed(mirror, 'source'), 'dev') ?? null;
}

function nicOf(nic: XmlElement): DomainNic {
  const source = childNamed(nic, 'source');
  const attachment: NicAttachment = {
    type: attrOf(nic, 'type') ?? 'unknown',
    ...optional('network', attrOf(source, 'network')),
    ...optional('bridge', attrOf(source, 'bridge')),
    ...optional('dev', attrOf(source, 'dev')),
  };
  return { ...attachment, mac: attrOf(childNamed(nic, 'mac'), 'address') ?? '', portGroup: portGroupOf(attachment) };
}

const optional = <K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, string>>;

/** Passed-through host devices (and SR-IOV NICs) tie a guest to the host that owns the hardware. */
function hostDevicesOf(devices: XmlElement | undefined): DomainHostDevice[] {
  const found: DomainHostDevice[] = [];
  for (const dev of childrenNamed(devices, 'hostdev')) {
    const type = attrOf(dev, 'type') ?? 'unknown';
    found.push({ kind: `hostdev-${type}`, name: `${type.toUpperCase()} ${hostDeviceAddress(type, childNamed(dev, 'source'))}` });
  }
  for (const nic of childrenNamed(devices, 'interface')) {
    if (attrOf(nic, 'type') === 'hostdev')
      found.push({ kind: 'hostdev-interface', name: `SR-IOV NIC ${attrOf(childNamed(nic, 'mac'), 'address') ?? ''}`.trim() });
  }
  return found;
}

function hostDeviceAddress(type: string, source: XmlElement | undefined): string {
  if (type === 'pci') {
    const a = childNamed(source, 'address');
    const hex = (name: string, width: number) => (attrOf(a, name) ?? '0').replace(/^0x/i, '').padStart(width, '0');
    return `${hex('domain', 4)}:${hex('bus', 2)}:${hex('slot', 2)}.${(attrOf(a, 'function') ?? '0').replace(/^0x/i, '')}`;
  }
  if (type === 'usb') {
    const id = (name: string) => (attrOf(childNamed(source, name), 'id') ?? '').replace(/^0x/i, '');
    return `${id('vendor')}:${id('product')}`;
  }
  return attrOf(childNamed(source, 'adapter'), 'name') ?? attrOf(source, 'uuid') ?? type;
}

/** <ferry:probe> in any prefix, found by its namespace URI. */
function probeOf(metadata: XmlElement | undefined): ProbeTarget | null {
  for (const el of metadata?.children ?? []) {
    const [prefix, local] = el.name.includes(':') ? el.name.split(':', 2) : ['', el.name];
    const namespace = attrOf(el, prefix ? `xmlns:${prefix}` : 'xmlns');
    if (local !== 'probe' || namespace !== PROBE_NAMESPACE) continue;
    const address = attrOf(el, 'address');
    const port = intOf(attrOf(el, 'port'));
    if (address && port !== undefined && port > 0 && port < 65536) return { address, port };
  }
  return null;
}

const AGENT_CHANNEL = 'org.qemu.guest_agent.0';

function agentChannelOf(devices: XmlElement | undefined): boolean {
  return childrenNamed(devices, 'channel').some((channel) => {
    const target = childNamed(channel, 'target');
    return attrOf(target, 'type') === 'virtio' && attrOf(target, 'name') === AGENT_CHANNEL;
  });
}
