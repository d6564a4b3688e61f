// Virtual networks (to check a destination offers the networks a guest is attached to).
//   remote_connect_list_all_networks_ret { remote_nonnull_network nets<REMOTE_NETWORK_LIST_MAX>; unsigned int ret; }

import { type LibvirtClient } from '../client';
import { Limits, RemoteProcedure } from '../procedure-numbers';
import { readNetworkRef, type NetworkRef } from '../structs';

/** virConnectListAllNetworksFlags (subset). */
export const ListNetworksFlags = { INACTIVE: 1, ACTIVE: 2, PERSISTENT: 4, TRANSIENT: 8, AUTOSTART: 16 } as const;

export function connectListAllNetworks(c: LibvirtClient, flags = 0): Promise<NetworkRef[]> {
  return c.call(
    RemoteProcedure.CONNECT_LIST_ALL_NETWORKS,
    (w) => w.int(1).uint(flags),
    (r) => {
      const nets = r.array(readNetworkRef, Limits.NETWORK_LIST);
      r.uint();
      return nets;
    },
  );
}
