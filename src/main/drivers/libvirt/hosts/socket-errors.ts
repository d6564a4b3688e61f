// A connection that failed at the socket (`connect ECONNREFUSED 127.0.0.1:1`) as a typed
// HOST_UNREACHABLE: a sentence naming the endpoint and the likely cause, and details the console
// turns into what to check. The errno is read from the error's cause chain, never from a message.

import type { ConnectionFailure } from '../../../../shared/model/connection-failure';
import { DriverError } from '../../driver';

const reasons: Readonly<Record<string, ConnectionFailure['reason']>> = {
  ECONNREFUSED: 'refused',
  ETIMEDOUT: 'timed-out',
  EHOSTUNREACH: 'no-route',
  ENETUNREACH: 'no-route',
  EHOSTDOWN: 'no-route',
  ENOTFOUND: 'name-unknown',
  EAI_AGAIN: 'name-unknown',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  ENOENT: 'socket-missing',
  EACCES: 'permission-denied',
  EPERM: 'permission-denied',
};

interface Errno {
  code: string;
  address?: string;
  port?: number;
  hostname?: string;
  path?: string;
}

function errnoIn(error: unknown): Errno | null {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code in reasons) return e as Errno;
  }
  return null;
}

const sentences: Readonly<Record<ConnectionFailure['reason'], (endpoint: string) => string>> = {
  refused: (at) => `${at} refused the connection: nothing listens there`,
  'timed-out': (at) => `${at} did not answer in time`,
  'no-route': (at) => `there is no route to ${at}`,
  'name-unknown': (at) => `the host name of ${at} does not resolve`,
  reset: (at) => `${at} closed the connection as it opened`,
  'socket-missing': (at) => `the libvirt socket ${at} does not exist`,
  'permission-denied': (at) => `Ferry may not open ${at}`,
};

/** The typed error for a socket failure, or null when the error is not one. */
export function socketFailureOf(error: unknown, transport: ConnectionFailure['transport'], label: string): DriverError | null {
  const errno = errnoIn(error);
  if (!errno) return null;
  const reason = reasons[errno.code] as ConnectionFailure['reason'];
  const endpoint = errno.path ?? (errno.address ? `${errno.address}${errno.port ? `:${errno.port}` : ''}` : (errno.hostname ?? null));
  const details: ConnectionFailure = { reason, endpoint, transport };
  return new DriverError(
    'HOST_UNREACHABLE',
    `cannot connect to ${label}: ${sentences[reason](endpoint ?? label)} (${errno.code})`,
    details,
  );
}
