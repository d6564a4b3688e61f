// virConnectGetCapabilities: who the host is (UUID), its CPU, and which virtualization types
// (kvm, qemu) its emulators offer.

import { cpuFromElement, extractCpuXml, signatureOf, type CpuDefinition } from './cpu';
import { attrOf, childNamed, childrenNamed, descend, intOf, parseXml } from './xml-tree';

export interface HostCapabilities {
  uuid: string;
  arch: string;
  cpu: CpuDefinition;
  /** The host's <cpu> element verbatim (for compare calls). */
  cpuXml: string | null;
  family: number;
  model: number;
  /** Logical CPUs in the topology (sockets × dies × cores × threads). */
  topologyCpus: number;
  /** Virtualization types offered for the host's own architecture, e.g. ['qemu', 'kvm']. */
  virtTypes: string[];
}

export function parseCapabilities(xml: string): HostCapabilities {
  const root = parseXml(xml);
  const host = childNamed(root, 'host');
  const cpu = childNamed(host, 'cpu');
  const uuid = childNamed(host, 'uuid')?.text;
  if (!uuid || !cpu) throw new Error('capabilities lack the host UUID or CPU');
  const arch = childNamed(cpu, 'arch')?.text ?? 'x86_64';
  const topology = descend(cpu, 'topology');
  const count = (name: string) => intOf(attrOf(topology, name)) ?? 1;
  const virtTypes = new Set<string>();
  for (const guest of childrenNamed(root, 'guest')) {
    const guestArch = childNamed(guest, 'arch');
    if (attrOf(guestArch, 'name') !== arch) continue;
    for (const domain of childrenNamed(guestArch, 'domain')) {
      const type = attrOf(domain, 'type');
      if (type) virtTypes.add(type);
    }
  }
  return {
    uuid: uuid.toLowerCase(),
    arch,
    cpu: cpuFromElement(cpu),
    cpuXml: extractCpuXml(xml, 'host'),
    ...signatureOf(cpu),
    topologyCpus: count('sockets') * count('dies') * count('cores') * count('threads'),
    virtTypes: [...virtTypes].sort(),
  };
}

/** kvm when the host offers it, else qemu (TCG); a configured type wins if offered. */
export function chooseVirtType(offered: readonly string[], configured: string | undefined): string {
  if (configured && offered.includes(configured)) return configured;
  return offered.includes('kvm') ? 'kvm' : 'qemu';
}
