// Host network interfaces (virInterface), to learn which bridges a host offers guests.
//   remote_connect_list_all_interfaces_args { int need_results; unsigned int flags; }
//   remote_connect_list_all_interfaces_ret { remote_nonnull_interface ifaces<REMOTE_INTERFACE_LIST_MAX>; unsigned int ret; }
//   remote_interface_get_xml_desc_args { remote_nonnull_interface iface; unsigned int flags; }  _ret { remote_nonnull_string xml; }

import { type LibvirtClient } from '../client';
import { Limits, RemoteProcedure } from '../procedure-numbers';
import { readInterfaceRef, readNonNullString, writeInterfaceRef, type InterfaceRef } from '../structs';

/** virConnectListAllInterfacesFlags. */
export const ListInterfacesFlags = { INACTIVE: 1, ACTIVE: 2 } as const;

export function connectListAllInterfaces(c: LibvirtClient, flags = 0): Promise<InterfaceRef[]> {
  return c.call(
    RemoteProcedure.CONNECT_LIST_ALL_INTERFACES,
    (w) => w.int(1).uint(flags),
    (r) => {
      const ifaces = r.array(readInterfaceRef, Limits.INTERFACE_LIST);
      r.uint();
      return ifaces;
    },
  );
}

export function interfaceGetXmlDesc(c: LibvirtClient, iface: InterfaceRef, flags = 0): Promise<string> {
  return c.call(
    RemoteProcedure.INTERFACE_GET_XML_DESC,
    (w) => {
      writeInterfaceRef(w, iface);
      w.uint(flags);
    },
    readNonNullString,
  );
}
