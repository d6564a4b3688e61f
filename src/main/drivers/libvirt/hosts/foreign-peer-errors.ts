// Something other than libvirtd answered on the host's port (a wrong port in the URI is the usual
// cause): a typed NOT_LIBVIRT naming where and, when its first bytes say so, what answered,
// instead of "connection closed (protocol-error: invalid frame length 1213486160)".

import { DriverError } from '../../driver';
import { ForeignPeerError } from '../rpc';
import type { ConnectionSpec } from '../rpc/uri';

export interface ForeignPeerDetails {
  endpoint: string;
  protocol: ForeignPeerError['protocol'];
}

/** The typed error for a peer that is not libvirtd, or null when the error is not one. */
export function foreignPeerErrorOf(error: unknown, spec: ConnectionSpec | null): DriverError | null {
  const foreign = foreignIn(error);
  if (!foreign) return null;
  const endpoint = spec ? endpointOf(spec) : 'the host';
  const speaks = foreign.protocol ? ` (it speaks ${foreign.protocol})` : '';
  const details: ForeignPeerDetails = { endpoint, protocol: foreign.protocol };
  return new DriverError('NOT_LIBVIRT', `something other than libvirtd answers on ${endpoint}${speaks}: check the port`, details);
}

function foreignIn(error: unknown): ForeignPeerError | null {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof ForeignPeerError) return e;
  }
  return null;
}

function endpointOf(spec: ConnectionSpec): string {
  if (spec.transport === 'unix') return spec.socketPath;
  const host = spec.host.includes(':') ? `[${spec.host}]` : spec.host;
  // Over SSH the peer is the remote socket behind sshd, not the SSH port.
  return spec.transport === 'ssh' ? `${host} (its libvirt socket)` : `${host}:${spec.port}`;
}
