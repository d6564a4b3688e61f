// virConnectGetDomainCapabilities: the CPU a guest gets on this host with mode='host-model', for
// one virtualization type. Expanded, it is the set of features this host can give guests.

import { cpuFromElement, type CpuDefinition } from './cpu';
import { attrOf, childNamed, childrenNamed, parseXml } from './xml-tree';

/** The host-model CPU as a custom definition, or null when the host does not support host-model. */
export function parseHostModelCpu(xml: string): CpuDefinition | null {
  const root = parseXml(xml);
  const modes = childrenNamed(childNamed(root, 'cpu'), 'mode');
  const hostModel = modes.find((m) => attrOf(m, 'name') === 'host-model');
  if (!hostModel || attrOf(hostModel, 'supported') !== 'yes' || !childNamed(hostModel, 'model')) return null;
  return { ...cpuFromElement(hostModel), mode: 'custom' };
}
