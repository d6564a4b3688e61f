// Object handles shared by many procedures (remote_protocol.x, "Data types"):
//   struct remote_nonnull_domain { remote_nonnull_string name; remote_uuid uuid; int id; };
//   struct remote_nonnull_network { remote_nonnull_string name; remote_uuid uuid; };
//   struct remote_nonnull_storage_pool { remote_nonnull_string name; remote_uuid uuid; };
//   struct remote_nonnull_storage_vol { remote_nonnull_string pool; name; key; };
//   struct remote_nonnull_interface { remote_nonnull_string name; remote_nonnull_string mac; };
//   typedef opaque remote_uuid[VIR_UUID_BUFLEN];   (16 bytes)

import { XdrError, type XdrReader, type XdrWriter } from './xdr';

const REMOTE_STRING_MAX = 4_194_304;
const UUID_BYTES = 16;

/** A domain as the protocol names it. `id` is -1 for inactive domains. */
export interface DomainRef {
  readonly name: string;
  /** Canonical lower-case 8-4-4-4-12 form. */
  readonly uuid: string;
  readonly id: number;
}

export interface NetworkRef {
  readonly name: string;
  readonly uuid: string;
}

export interface StoragePoolRef {
  readonly name: string;
  readonly uuid: string;
}

/** A host network interface (virInterface): the host's own NICs and bridges. */
export interface InterfaceRef {
  readonly name: string;
  readonly mac: string;
}

export interface StorageVolRef {
  readonly pool: string;
  readonly name: string;
  readonly key: string;
}

function uuidToString(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function uuidToBytes(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new XdrError(`invalid UUID: ${uuid}`);
  return Buffer.from(hex, 'hex');
}

export function writeUuid(w: XdrWriter, uuid: string): void {
  w.opaqueFixed(uuidToBytes(uuid), UUID_BYTES);
}

export function readUuid(r: XdrReader): string {
  return uuidToString(r.opaqueFixed(UUID_BYTES));
}

export function writeNonNullString(w: XdrWriter, value: string): void {
  w.string(value, REMOTE_STRING_MAX);
}

export function readNonNullString(r: XdrReader): string {
  return r.string(REMOTE_STRING_MAX);
}

/** `remote_string`: a pointer to a string, so it may be absent (null). */
export function writeOptionalString(w: XdrWriter, value: string | null | undefined): void {
  w.optional(value, writeNonNullString);
}

export function readOptionalString(r: XdrReader): string | null {
  return r.optional(readNonNullString);
}

export function writeDomainRef(w: XdrWriter, dom: DomainRef): void {
  writeNonNullString(w, dom.name);
  writeUuid(w, dom.uuid);
  w.int(dom.id);
}

export function readDomainRef(r: XdrReader): DomainRef {
  return { name: readNonNullString(r), uuid: readUuid(r), id: r.int() };
}

export function writeNetworkRef(w: XdrWriter, net: NetworkRef): void {
  writeNonNullString(w, net.name);
  writeUuid(w, net.uuid);
}

export function readNetworkRef(r: XdrReader): NetworkRef {
  return { name: readNonNullString(r), uuid: readUuid(r) };
}

export const writeStoragePoolRef: (w: XdrWriter, pool: StoragePoolRef) => void = writeNetworkRef;
export const readStoragePoolRef: (r: XdrReader) => StoragePoolRef = readNetworkRef;

export function writeStorageVolRef(w: XdrWriter, vol: StorageVolRef): void {
  writeNonNullString(w, vol.pool);
  writeNonNullString(w, vol.name);
  writeNonNullString(w, vol.key);
}

export function readStorageVolRef(r: XdrReader): StorageVolRef {
  return { pool: readNonNullString(r), name: readNonNullString(r), key: readNonNullString(r) };
}

export function writeInterfaceRef(w: XdrWriter, iface: InterfaceRef): void {
  writeNonNullString(w, iface.name);
  writeNonNullString(w, iface.mac);
}

export function readInterfaceRef(r: XdrReader): InterfaceRef {
  return { name: readNonNullString(r), mac: readNonNullString(r) };
}
