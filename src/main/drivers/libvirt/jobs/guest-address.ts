// Where this console can reach a guest to watch its switchover: the address its probe metadata
// names, else what libvirt knows from the guest agent, then from the host's ARP table and a libvirt
// network's leases. IPv4 first; loopback and link-local addresses are never reachable from here.

import type { DomainDefinition } from '../xml/domain';
import { domainInterfaceAddresses, InterfaceAddressSource, type DomainRef, type GuestIpAddress, type LibvirtClient } from '../rpc';

/** libvirt waits up to 5 s for a silent agent: a migration does not wait that long to be watched. */
const LOOKUP_WITHIN_MS = 1000;

const reachable = (a: GuestIpAddress): boolean =>
  a.family === 'ipv4' ? !/^(127\.|169\.254\.|0\.)/.test(a.address) : !/^(::1$|fe[89ab][0-9a-f]:)/i.test(a.address);

/** The best address among what libvirt reported: IPv4 before IPv6. */
export function pickGuestAddress(addresses: readonly GuestIpAddress[]): string | null {
  const usable = addresses.filter(reachable);
  return (usable.find((a) => a.family === 'ipv4') ?? usable[0])?.address ?? null;
}

async function fromLibvirt(client: LibvirtClient, dom: DomainRef): Promise<string | null> {
  for (const source of [InterfaceAddressSource.AGENT, InterfaceAddressSource.ARP, InterfaceAddressSource.LEASE]) {
    try {
      const ifaces = await domainInterfaceAddresses(client, dom, source);
      const address = pickGuestAddress(ifaces.flatMap((i) => i.addresses));
      if (address) return address;
    } catch {
      // No agent, no ARP entry, no libvirt network: the next source may know.
    }
  }
  return null;
}

/** The guest's address, or null when none is known within LOOKUP_WITHIN_MS. */
export async function guestAddressOf(client: LibvirtClient, dom: DomainRef, def: Pick<DomainDefinition, 'probe'>): Promise<string | null> {
  if (def.probe) return def.probe.address;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), LOOKUP_WITHIN_MS)));
  try {
    return await Promise.race([fromLibvirt(client, dom), late]);
  } finally {
    clearTimeout(timer);
  }
}
