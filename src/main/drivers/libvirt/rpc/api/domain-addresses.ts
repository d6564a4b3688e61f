// A guest's IP addresses as libvirt knows them (virDomainInterfaceAddresses), from the guest agent,
// the host's ARP table or a libvirt network's DHCP leases:
//   remote_domain_interface_addresses_args { remote_nonnull_domain dom; unsigned int source; unsigned int flags; }
//   remote_domain_interface_addresses_ret { remote_domain_interface ifaces<REMOTE_DOMAIN_INTERFACE_MAX>; }
//   remote_domain_interface { remote_nonnull_string name; remote_string hwaddr; remote_domain_ip_addr addrs<REMOTE_DOMAIN_IP_ADDR_MAX>; }
//   remote_domain_ip_addr { int type; remote_nonnull_string addr; unsigned int prefix; }

import { type LibvirtClient } from '../client';
import { Limits, RemoteProcedure } from '../procedure-numbers';
import { readNonNullString, readOptionalString, writeDomainRef, type DomainRef } from '../structs';
import type { XdrReader } from '../xdr';

/** virDomainInterfaceAddressesSource. */
export const InterfaceAddressSource = { LEASE: 0, AGENT: 1, ARP: 2 } as const;
export type InterfaceAddressSource = (typeof InterfaceAddressSource)[keyof typeof InterfaceAddressSource];

export interface GuestIpAddress {
  family: 'ipv4' | 'ipv6';
  address: string;
  prefix: number;
}

export interface GuestInterface {
  name: string;
  mac: string | null;
  addresses: GuestIpAddress[];
}

function readAddress(r: XdrReader): GuestIpAddress {
  const type = r.int();
  return { family: type === 1 ? 'ipv6' : 'ipv4', address: readNonNullString(r), prefix: r.uint() };
}

function readInterface(r: XdrReader): GuestInterface {
  return { name: readNonNullString(r), mac: readOptionalString(r), addresses: r.array(readAddress, Limits.DOMAIN_IP_ADDR) };
}

export function domainInterfaceAddresses(c: LibvirtClient, dom: DomainRef, source: InterfaceAddressSource): Promise<GuestInterface[]> {
  return c.call(
    RemoteProcedure.DOMAIN_INTERFACE_ADDRESSES,
    (w) => {
      writeDomainRef(w, dom);
      w.uint(source).uint(0);
    },
    (r) => r.array(readInterface, Limits.DOMAIN_INTERFACE),
  );
}
