// libvirt's errors (and the RPC client's) mapped into the driver's closed DriverErrorCode, so
// the engine decides on a code, never on a message. Messages are libvirt's own: they name hosts
// and domains but never carry our credentials.

import { DriverError, type DriverErrorCode, type JobStatus } from '../../driver';
import { LibvirtAuthError, LibvirtError, RpcClientError, type LibvirtErrorCode } from '../rpc';
import { assertNever } from '../../../base/assert-never';

/** Codes of a call that did not do what was asked, whatever the operation. */
export function driverCodeOf(error: unknown): DriverErrorCode {
  if (error instanceof DriverError) return error.code;
  if (error instanceof LibvirtAuthError) return error.kind;
  if (error instanceof RpcClientError) return 'HOST_UNREACHABLE';
  if (!(error instanceof LibvirtError)) return 'UNKNOWN';
  return libvirtCode(error.code);
}

function libvirtCode(code: LibvirtErrorCode): DriverErrorCode {
  switch (code) {
    case 'NO_DOMAIN':
    case 'NO_NETWORK':
    case 'NO_STORAGE_POOL':
    case 'NO_STORAGE_VOL':
    case 'DEVICE_MISSING':
      return 'NOT_FOUND';
    case 'AUTH_FAILED':
    case 'AUTH_CANCELLED':
    case 'AUTH_UNAVAILABLE':
    case 'ACCESS_DENIED':
    case 'OPERATION_DENIED':
      return 'AUTH_FAILED';
    case 'NO_SUPPORT':
    case 'ARGUMENT_UNSUPPORTED':
    case 'OPERATION_UNSUPPORTED':
    case 'CONFIG_UNSUPPORTED':
      return 'NOT_SUPPORTED';
    case 'OPERATION_ABORTED':
      return 'ABORTED';
    case 'NO_CONNECT':
    case 'INVALID_CONN':
    case 'RPC':
    case 'UNKNOWN_HOST':
      return 'HOST_UNREACHABLE';
    case 'INTERNAL_ERROR':
    case 'NO_MEMORY':
    case 'INVALID_DOMAIN':
    case 'INVALID_ARG':
    case 'OPERATION_FAILED':
    case 'XML_ERROR':
    case 'DOM_EXIST':
    case 'SYSTEM_ERROR':
    case 'OPERATION_INVALID':
    case 'OPERATION_TIMEOUT':
    case 'MIGRATE_PERSIST_FAILED':
    case 'MIGRATE_UNSAFE':
    case 'OVERFLOW':
    case 'BLOCK_COPY_ACTIVE':
    case 'AGENT_UNRESPONSIVE':
    case 'RESOURCE_BUSY':
    case 'STORAGE_VOL_EXIST':
    case 'CPU_INCOMPATIBLE':
    case 'XML_INVALID_SCHEMA':
    case 'MIGRATE_FINISH_OK':
    case 'MULTIPLE_DOMAINS':
      return 'OPERATION_FAILED';
    case 'UNKNOWN':
      return 'UNKNOWN';
    default:
      return assertNever(code);
  }
}

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** An authentication failure as the driver reports it: the message, then what to change; never a secret. */
export function authDriverError(error: LibvirtAuthError): DriverError {
  const { offered, supported } = error.details;
  return new DriverError(error.kind, `${error.message}; ${error.details.hint}`, {
    ...(offered ? { offered } : {}),
    ...(supported ? { supported } : {}),
  });
}

/** Wraps any failure of `what` into a DriverError with a mapped code. */
export function toDriverError(error: unknown, what: string): DriverError {
  if (error instanceof DriverError) return error;
  return new DriverError(driverCodeOf(error), `${what}: ${messageOf(error)}`);
}

/** Runs a libvirt call and rethrows its failure as a DriverError. */
export async function guarded<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toDriverError(error, what);
  }
}

export interface MigrationFailure {
  status: Extract<JobStatus, 'failed' | 'cancelled'>;
  code: DriverErrorCode;
}

/**
 * Why a migration ended badly, from the error of the (blocking) migrate call and how far the
 * copy had come: an abort we asked for is a cancel; a failure before anything moved is the
 * destination's (unreachable, refused, missing storage); later it is the copy of that stage.
 */
export function migrationFailureOf(error: unknown, stage: JobStatus, cancelRequested: boolean): MigrationFailure {
  const libvirt = error instanceof LibvirtError ? error.code : null;
  if (cancelRequested || libvirt === 'OPERATION_ABORTED') return { status: 'cancelled', code: 'ABORTED' };
  if (error instanceof RpcClientError) return { status: 'failed', code: 'LINK_DOWN' };
  const mapped = driverCodeOf(error);
  if (mapped === 'AUTH_FAILED' || mapped === 'NOT_SUPPORTED') return { status: 'failed', code: mapped };
  switch (stage) {
    case 'setup':
    case 'unknown':
      return { status: 'failed', code: 'DESTINATION_FAILED' };
    case 'storage':
      return { status: 'failed', code: 'STORAGE_COPY_FAILED' };
    case 'memory':
      return { status: 'failed', code: 'MEMORY_COPY_FAILED' };
    case 'postcopy':
    case 'completed':
      return { status: 'failed', code: 'SWITCHOVER_FAILED' };
    case 'failed':
    case 'cancelled':
      return { status: 'failed', code: mapped };
    default:
      return assertNever(stage);
  }
}

/** A missing object (domain, volume) rather than a failed call. */
export const isNotFound = (error: unknown): boolean =>
  error instanceof LibvirtError && (error.code === 'NO_DOMAIN' || error.code === 'NO_STORAGE_VOL' || error.code === 'NO_STORAGE_POOL');
