// Storage pools and volumes (for pre-creating disks on a destination before a copy-storage
// migration). Structs (remote_protocol.x):
//   remote_connect_list_all_storage_pools_args { int need_results; unsigned int flags; }
//   remote_connect_list_all_storage_pools_ret { remote_nonnull_storage_pool pools<REMOTE_STORAGE_POOL_LIST_MAX>; unsigned int ret; }
//   remote_storage_pool_get_info_ret { unsigned char state; unsigned hyper capacity, allocation, available; }
//   remote_storage_vol_create_xml_args { remote_nonnull_storage_pool pool; remote_nonnull_string xml; unsigned int flags; }
//   remote_storage_vol_lookup_by_path_args { remote_nonnull_string path; }  _ret { remote_nonnull_storage_vol vol; }
//   remote_storage_vol_get_info_args { remote_nonnull_storage_vol vol; }  _ret { char type; unsigned hyper capacity, allocation; }
//   remote_storage_pool_list_all_volumes_args { remote_nonnull_storage_pool pool; int need_results; unsigned int flags; }
//   remote_storage_pool_list_all_volumes_ret { remote_nonnull_storage_vol vols<REMOTE_STORAGE_VOL_LIST_MAX>; unsigned int ret; }

import { type LibvirtClient } from '../client';
import { storagePoolStateFromNumber, type StoragePoolStateName } from '../domain-state';
import { Limits, RemoteProcedure } from '../procedure-numbers';
import {
  readNonNullString,
  readStoragePoolRef,
  readStorageVolRef,
  writeNonNullString,
  writeStoragePoolRef,
  writeStorageVolRef,
  type StoragePoolRef,
  type StorageVolRef,
} from '../structs';
import { toSafeNumber } from '../xdr';

const P = RemoteProcedure;

export function connectListAllStoragePools(c: LibvirtClient, flags = 0): Promise<StoragePoolRef[]> {
  return c.call(
    P.CONNECT_LIST_ALL_STORAGE_POOLS,
    (w) => w.int(1).uint(flags),
    (r) => {
      const pools = r.array(readStoragePoolRef, Limits.STORAGE_POOL_LIST);
      r.uint();
      return pools;
    },
  );
}

export function storagePoolLookupByName(c: LibvirtClient, name: string): Promise<StoragePoolRef> {
  return c.call(P.STORAGE_POOL_LOOKUP_BY_NAME, (w) => writeNonNullString(w, name), readStoragePoolRef);
}

export function storagePoolGetXmlDesc(c: LibvirtClient, pool: StoragePoolRef, flags = 0): Promise<string> {
  return c.call(
    P.STORAGE_POOL_GET_XML_DESC,
    (w) => {
      writeStoragePoolRef(w, pool);
      w.uint(flags);
    },
    readNonNullString,
  );
}

export interface StoragePoolInfo {
  readonly state: StoragePoolStateName;
  readonly rawState: number;
  readonly capacityBytes: number;
  readonly allocationBytes: number;
  readonly availableBytes: number;
}

export function storagePoolGetInfo(c: LibvirtClient, pool: StoragePoolRef): Promise<StoragePoolInfo> {
  return c.call(
    P.STORAGE_POOL_GET_INFO,
    (w) => writeStoragePoolRef(w, pool),
    (r) => {
      const rawState = r.uint(); // unsigned char, a full XDR word
      return {
        state: storagePoolStateFromNumber(rawState),
        rawState,
        capacityBytes: toSafeNumber(r.uhyper(), 'capacity'),
        allocationBytes: toSafeNumber(r.uhyper(), 'allocation'),
        availableBytes: toSafeNumber(r.uhyper(), 'available'),
      };
    },
  );
}

/** Rescans the pool so volumes created behind libvirt's back become visible. */
export function storagePoolRefresh(c: LibvirtClient, pool: StoragePoolRef, flags = 0): Promise<void> {
  return c.call(P.STORAGE_POOL_REFRESH, (w) => {
    writeStoragePoolRef(w, pool);
    w.uint(flags);
  });
}

export function storageVolCreateXml(c: LibvirtClient, pool: StoragePoolRef, xml: string, flags = 0): Promise<StorageVolRef> {
  return c.call(
    P.STORAGE_VOL_CREATE_XML,
    (w) => {
      writeStoragePoolRef(w, pool);
      writeNonNullString(w, xml);
      w.uint(flags);
    },
    readStorageVolRef,
  );
}

export function storageVolLookupByPath(c: LibvirtClient, path: string): Promise<StorageVolRef> {
  return c.call(P.STORAGE_VOL_LOOKUP_BY_PATH, (w) => writeNonNullString(w, path), readStorageVolRef);
}

export function storageVolGetPath(c: LibvirtClient, vol: StorageVolRef): Promise<string> {
  return c.call(P.STORAGE_VOL_GET_PATH, (w) => writeStorageVolRef(w, vol), readNonNullString);
}

export function storageVolDelete(c: LibvirtClient, vol: StorageVolRef, flags = 0): Promise<void> {
  return c.call(P.STORAGE_VOL_DELETE, (w) => {
    writeStorageVolRef(w, vol);
    w.uint(flags);
  });
}

export interface StorageVolInfo {
  /** virStorageVolType: 0 file, 1 block, 2 dir, 3 network, 4 netdir, 5 ploop. */
  readonly type: number;
  readonly capacityBytes: number;
  readonly allocationBytes: number;
}

export function storageVolGetInfo(c: LibvirtClient, vol: StorageVolRef): Promise<StorageVolInfo> {
  return c.call(
    P.STORAGE_VOL_GET_INFO,
    (w) => writeStorageVolRef(w, vol),
    (r) => ({
      type: r.int(), // `char`, a full XDR word
      capacityBytes: toSafeNumber(r.uhyper(), 'capacity'),
      allocationBytes: toSafeNumber(r.uhyper(), 'allocation'),
    }),
  );
}

export function storagePoolListAllVolumes(c: LibvirtClient, pool: StoragePoolRef, flags = 0): Promise<StorageVolRef[]> {
  return c.call(
    P.STORAGE_POOL_LIST_ALL_VOLUMES,
    (w) => {
      writeStoragePoolRef(w, pool);
      w.int(1).uint(flags);
    },
    (r) => {
      const vols = r.array(readStorageVolRef, Limits.STORAGE_VOL_LIST);
      r.uint();
      return vols;
    },
  );
}
