// Network and host-interface XML: names of libvirt networks, and which host interfaces are bridges.

import { attrOf, childNamed, parseXml } from './xml-tree';

export interface NetworkDefinition {
  name: string;
  bridge: string | null;
}

export function parseNetwork(xml: string): NetworkDefinition {
  const root = parseXml(xml);
  const name = childNamed(root, 'name')?.text;
  if (!name) throw new Error('network XML lacks a name');
  return { name, bridge: attrOf(childNamed(root, 'bridge'), 'name') ?? null };
}

export interface HostInterfaceDefinition {
  name: string;
  /** bridge, ethernet, bond, vlan */
  type: string;
}

export function parseHostInterface(xml: string): HostInterfaceDefinition {
  const root = parseXml(xml);
  const name = attrOf(root, 'name');
  if (!name) throw new Error('interface XML lacks a name');
  return { name, type: attrOf(root, 'type') ?? 'ethernet' };
}
