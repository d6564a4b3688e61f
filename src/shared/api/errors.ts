import { z } from 'zod';

/**
 * The one closed set of error codes, from a driver to the UI: a command that fails, a migration
 * that ends badly and a driver's failure all carry one of these, and the UI switches on them.
 */
export const ErrorCode = z.enum([
  // A command was refused before it ran.
  'VALIDATION_FAILED',
  'UNKNOWN_COMMAND',
  'UNAUTHORIZED',
  'NOT_FOUND',
  'CONFLICT',
  'PRECHECK_FAILED',
  // A one-off schedule's time has passed (details: at, now): it would never run.
  'SCHEDULE_TIME_PASSED',
  'WARNINGS_NOT_ACKNOWLEDGED',
  'MIGRATION_IN_PROGRESS',
  'CANCEL_REFUSED',
  'INSUFFICIENT_MEMORY',
  'CPU_INCOMPATIBLE',
  'EXPORT_FAILED',
  // The file an export was to be saved in cannot be written (details: path, reason such as EACCES).
  'EXPORT_PATH_UNWRITABLE',
  // A libvirt URI with a password in it: passwords go in the add-host form's SSH or SASL login, sealed.
  'PASSWORD_IN_URI',
  // A libvirt URI Ferry cannot read (unbalanced brackets, a bad port, no host for a network transport).
  'INVALID_URI',
  'TIMEOUT',
  'INTERNAL',
  // The console lost its connection to Ferry's main process (the browser shell's WebSocket).
  'DISCONNECTED',
  // The browser shell answers but refuses this tab's session (401/403: restarted with a new token).
  'SESSION_REFUSED',
  // A backend failed (drivers throw these).
  'HOST_UNREACHABLE',
  // Something other than libvirtd answers on the host's port (details: endpoint, protocol such as HTTP, SSH).
  'NOT_LIBVIRT',
  'AUTH_FAILED',
  // libvirtd asks for a login (SASL) that Ferry was not given for this host.
  'AUTH_REQUIRED',
  // libvirtd cannot authenticate anyone this way now (polkit wants an agent, or has no D-Bus).
  'AUTH_UNAVAILABLE',
  // libvirtd offers only SASL mechanisms Ferry does not speak (or may not use on this transport).
  'AUTH_MECHANISM_UNSUPPORTED',
  // An SSH host key differs from the one trusted (pinned or in known_hosts), or is revoked.
  'HOST_KEY_CHANGED',
  // An SSH host key nothing vouches for: confirm it (trust on first use) or add it to known_hosts.
  'HOST_KEY_UNKNOWN',
  // qemu+tls://: a CA, client certificate or key file is missing (details: TlsErrorDetails.path).
  'TLS_CERT_MISSING',
  // qemu+tls://: the host's certificate does not verify against our CA, or names another host.
  'TLS_SERVER_UNTRUSTED',
  // qemu+tls://: libvirtd refused our client certificate (its CA, tls_allowed_dn_list) or got none.
  'TLS_CLIENT_REFUSED',
  // qemu+tls://: nothing listens on the TLS port (listen_tls off, or libvirtd without --listen).
  'TLS_PORT_CLOSED',
  // An encrypted migration stream (VIR_MIGRATE_TLS) was asked for, and QEMU's TLS is not set up on a host.
  'MIGRATION_TLS_UNAVAILABLE',
  'DESTINATION_FAILED',
  'STORAGE_COPY_FAILED',
  'MEMORY_COPY_FAILED',
  'SWITCHOVER_FAILED',
  'LINK_DOWN',
  'ABORTED',
  'NOT_SUPPORTED',
  'OPERATION_FAILED',
  'UNKNOWN',
  // No address other hosts can dial to migrate a guest to this host (a local socket URI).
  'MIGRATION_URI_MISSING',
  // A migration ended without completing (a task's error).
  'CANCELLED',
  'WINDOW_CLOSED',
  'INTERRUPTED',
  'VM_MOVED',
  'NOT_ON_DESTINATION',
  'GUEST_NOT_ALIVE',
  'GUEST_REBOOTED',
  'PROGRESS_TIMEOUT',
  'COMPLETION_TIMEOUT',
  'UNKNOWN_JOB_STATUS',
  'MIGRATION_FAILED',
  // The cluster's CPU baseline: none is set, or this guest (or model) cannot take it.
  'CPU_BASELINE_OFF',
  'CPU_BASELINE_NOT_APPLICABLE',
  // A guest asked to shut down (its agent, the ACPI button) was still running when the wait ended.
  'GUEST_SHUTDOWN_TIMEOUT',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** The codes a driver may throw: the backend failures, plus not found and not supported. */
export const DriverErrorCode = ErrorCode.extract([
  'HOST_UNREACHABLE',
  'NOT_FOUND',
  'DESTINATION_FAILED',
  'STORAGE_COPY_FAILED',
  'MEMORY_COPY_FAILED',
  'SWITCHOVER_FAILED',
  'LINK_DOWN',
  'ABORTED',
  'NOT_SUPPORTED',
  'AUTH_FAILED',
  'AUTH_REQUIRED',
  'AUTH_UNAVAILABLE',
  'AUTH_MECHANISM_UNSUPPORTED',
  'HOST_KEY_CHANGED',
  'HOST_KEY_UNKNOWN',
  'OPERATION_FAILED',
  'UNKNOWN',
  'MIGRATION_URI_MISSING',
  'TLS_CERT_MISSING',
  'TLS_SERVER_UNTRUSTED',
  'TLS_CLIENT_REFUSED',
  'TLS_PORT_CLOSED',
  'MIGRATION_TLS_UNAVAILABLE',
  'CPU_BASELINE_NOT_APPLICABLE',
  'PASSWORD_IN_URI',
  'INVALID_URI',
  'NOT_LIBVIRT',
  'GUEST_SHUTDOWN_TIMEOUT',
]);
export type DriverErrorCode = z.infer<typeof DriverErrorCode>;

export const ApiErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.unknown().optional(),
});
export type ApiErrorShape = z.infer<typeof ApiErrorShape>;

/** Thrown by services and by the renderer's client; serialises to ApiErrorShape. */
export class FerryError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'FerryError';
  }

  toShape(): ApiErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromShape(shape: ApiErrorShape): FerryError {
    return new FerryError(shape.code, shape.message, shape.details);
  }
}

/** The envelope every transport carries, because thrown errors lose their fields across Electron IPC. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };
