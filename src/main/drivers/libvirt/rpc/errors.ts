// Errors: libvirt's own (`remote_error` in a REPLY with status ERROR) and the client's
// (timeouts, closed connection, protocol violations). Callers switch on `code`/`kind`,
// never on message text.

import { type XdrReader } from './xdr';
import { readDomainRef, readNetworkRef, type DomainRef, type NetworkRef } from './structs';

/** virErrorNumber values we act on (include/libvirt/virterror.h). */
const ERROR_NUMBERS = {
  INTERNAL_ERROR: 1,
  NO_MEMORY: 2,
  NO_SUPPORT: 3,
  UNKNOWN_HOST: 4,
  NO_CONNECT: 5,
  INVALID_CONN: 6,
  INVALID_DOMAIN: 7,
  INVALID_ARG: 8,
  OPERATION_FAILED: 9,
  XML_ERROR: 27,
  DOM_EXIST: 28,
  OPERATION_DENIED: 29,
  SYSTEM_ERROR: 38,
  RPC: 39,
  NO_DOMAIN: 42,
  NO_NETWORK: 43,
  AUTH_FAILED: 45,
  NO_STORAGE_POOL: 49,
  NO_STORAGE_VOL: 50,
  OPERATION_INVALID: 55,
  CONFIG_UNSUPPORTED: 67,
  OPERATION_TIMEOUT: 68,
  MIGRATE_PERSIST_FAILED: 69,
  ARGUMENT_UNSUPPORTED: 74,
  OPERATION_ABORTED: 78,
  AUTH_CANCELLED: 79,
  MIGRATE_UNSAFE: 81,
  OVERFLOW: 82,
  BLOCK_COPY_ACTIVE: 83,
  OPERATION_UNSUPPORTED: 84,
  AGENT_UNRESPONSIVE: 86,
  RESOURCE_BUSY: 87,
  ACCESS_DENIED: 88,
  STORAGE_VOL_EXIST: 90,
  CPU_INCOMPATIBLE: 91,
  XML_INVALID_SCHEMA: 92,
  MIGRATE_FINISH_OK: 93,
  AUTH_UNAVAILABLE: 94,
  DEVICE_MISSING: 99,
  MULTIPLE_DOMAINS: 110,
} as const;

export type KnownLibvirtErrorCode = keyof typeof ERROR_NUMBERS;
/** Closed union: every code we name, plus UNKNOWN (see `LibvirtError.rawCode`). */
export type LibvirtErrorCode = KnownLibvirtErrorCode | 'UNKNOWN';

const CODE_BY_NUMBER = new Map<number, KnownLibvirtErrorCode>(
  Object.entries(ERROR_NUMBERS).map(([name, number]) => [number, name as KnownLibvirtErrorCode]),
);

export function libvirtErrorCodeFromNumber(raw: number): LibvirtErrorCode {
  return CODE_BY_NUMBER.get(raw) ?? 'UNKNOWN';
}

export function libvirtErrorNumber(code: KnownLibvirtErrorCode): number {
  return ERROR_NUMBERS[code];
}

/** virErrorLevel. */
export type LibvirtErrorLevel = 'NONE' | 'WARNING' | 'ERROR' | 'UNKNOWN';

function levelFromNumber(raw: number): LibvirtErrorLevel {
  return raw === 0 ? 'NONE' : raw === 1 ? 'WARNING' : raw === 2 ? 'ERROR' : 'UNKNOWN';
}

/** The decoded `struct remote_error`. */
export interface RemoteErrorFields {
  readonly code: number;
  readonly domain: number;
  readonly message: string | null;
  readonly level: number;
  readonly dom: DomainRef | null;
  readonly str1: string | null;
  readonly str2: string | null;
  readonly str3: string | null;
  readonly int1: number;
  readonly int2: number;
  readonly net: NetworkRef | null;
}

function readRemoteError(r: XdrReader): RemoteErrorFields {
  return {
    code: r.int(),
    domain: r.int(),
    message: r.optional((x) => x.string()),
    level: r.int(),
    dom: r.optional(readDomainRef),
    str1: r.optional((x) => x.string()),
    str2: r.optional((x) => x.string()),
    str3: r.optional((x) => x.string()),
    int1: r.int(),
    int2: r.int(),
    net: r.optional(readNetworkRef),
  };
}

/** An error reported by libvirtd for one call. */
export class LibvirtError extends Error {
  override readonly name = 'LibvirtError';
  readonly code: LibvirtErrorCode;
  /** The virErrorNumber as sent; the only way to tell UNKNOWN codes apart. */
  readonly rawCode: number;
  /** virErrorDomain: which libvirt subsystem raised it (e.g. 10 = QEMU). */
  readonly errorDomain: number;
  readonly level: LibvirtErrorLevel;
  readonly fields: RemoteErrorFields;
  /** The procedure whose reply carried this error. */
  readonly procedure: number | undefined;

  constructor(fields: RemoteErrorFields, procedure?: number) {
    super(fields.message ?? `libvirt error ${fields.code}`);
    this.code = libvirtErrorCodeFromNumber(fields.code);
    this.rawCode = fields.code;
    this.errorDomain = fields.domain;
    this.level = levelFromNumber(fields.level);
    this.fields = fields;
    this.procedure = procedure;
  }
}

export function decodeLibvirtError(r: XdrReader, procedure?: number): LibvirtError {
  return new LibvirtError(readRemoteError(r), procedure);
}

/** Failures of the client itself rather than of a libvirt operation. */
export type RpcClientErrorKind =
  | 'TIMEOUT' // no reply within the call's timeout
  | 'CLOSED' // the connection closed (or was never open) before the reply
  | 'PROTOCOL' // the peer sent something we cannot decode or did not expect
  | 'TRANSPORT'; // the byte stream failed (socket error, ssh failure)

export class RpcClientError extends Error {
  override readonly name = 'RpcClientError';

  constructor(
    readonly kind: RpcClientErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isLibvirtError(error: unknown, code?: LibvirtErrorCode): error is LibvirtError {
  return error instanceof LibvirtError && (code === undefined || error.code === code);
}
