// Typed failures of libvirt's authentication phase. Each carries a fix the admin can apply; none
// ever carries the password (messages name the SASL user and the mechanisms at most).

import { LibvirtError } from '../errors';

export type LibvirtAuthErrorKind =
  | 'AUTH_REQUIRED' // the daemon wants a login Ferry was not given
  | 'AUTH_FAILED' // the login was refused (wrong password, polkit policy says no)
  | 'AUTH_UNAVAILABLE' // the daemon cannot authenticate anyone this way right now (no polkit agent, no D-Bus)
  | 'AUTH_MECHANISM_UNSUPPORTED'; // nothing the daemon offers is something Ferry speaks (or may speak here)

export interface LibvirtAuthErrorDetails {
  /** SASL mechanisms the daemon offered, when it got that far. */
  readonly offered?: readonly string[];
  /** SASL mechanisms Ferry speaks. */
  readonly supported?: readonly string[];
  /** What to change, in words. */
  readonly hint: string;
}

export class LibvirtAuthError extends Error {
  override readonly name = 'LibvirtAuthError';

  constructor(
    readonly kind: LibvirtAuthErrorKind,
    message: string,
    readonly details: LibvirtAuthErrorDetails,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** virErrorDomain numbers the auth replies use (virterror.h). */
const VIR_FROM_DBUS = 47;
const VIR_FROM_POLKIT = 60;

const POLKIT_FIX =
  'add the user Ferry connects as to the host\'s "libvirt" group (Debian\'s polkit rule allows that group), or add a polkit ' +
  'rule that returns YES for org.libvirt.unix.manage for that user, or set auth_unix_rw = "none" and limit the socket with unix_sock_group';

/** Maps a daemon's error reply to an auth call (or CONNECT_OPEN refused for want of one); null when it is no auth failure. */
export function authErrorFromReply(error: unknown, where: string): LibvirtAuthError | null {
  if (!(error instanceof LibvirtError)) return null;
  const polkit = error.errorDomain === VIR_FROM_POLKIT;
  if (error.code === 'RPC' && /authentication required/i.test(error.message)) {
    return new LibvirtAuthError(
      'AUTH_REQUIRED',
      `${where} requires authentication`,
      { hint: 'enter the SASL username and password for this host' },
      { cause: error },
    );
  }
  if (error.code === 'AUTH_FAILED' && polkit) {
    return new LibvirtAuthError(
      'AUTH_FAILED',
      `authentication failed: ${where} denied access by its polkit policy`,
      { hint: POLKIT_FIX },
      { cause: error },
    );
  }
  if (error.code === 'AUTH_FAILED') {
    return new LibvirtAuthError(
      'AUTH_FAILED',
      `authentication failed: ${where} refused the login`,
      { hint: 'check the SASL username and password (saslpasswd2 on the host sets them)' },
      { cause: error },
    );
  }
  if (error.code === 'AUTH_UNAVAILABLE' && polkit) {
    return new LibvirtAuthError(
      'AUTH_UNAVAILABLE',
      `authentication unavailable: ${where} asks polkit, which wants an interactive password that Ferry cannot give`,
      { hint: POLKIT_FIX },
      { cause: error },
    );
  }
  if (error.code === 'AUTH_UNAVAILABLE' || error.code === 'AUTH_CANCELLED') {
    return new LibvirtAuthError(
      'AUTH_UNAVAILABLE',
      `authentication unavailable at ${where}: ${error.message}`,
      { hint: POLKIT_FIX },
      { cause: error },
    );
  }
  if (error.errorDomain === VIR_FROM_DBUS) {
    return new LibvirtAuthError(
      'AUTH_UNAVAILABLE',
      `authentication unavailable: ${where} cannot reach the system D-Bus to ask polkit (${error.message})`,
      { hint: 'start dbus and polkitd on the host, or set auth_unix_rw = "none" there and limit the socket with unix_sock_group' },
      { cause: error },
    );
  }
  return null;
}
