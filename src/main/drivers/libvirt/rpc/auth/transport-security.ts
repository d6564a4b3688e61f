// Whether a transport already protects the stream, as libvirt's client decides `is_secure`
// (remote_driver.c): unix (local peer), ssh and TLS are; plain TCP is not. On a secure transport
// SASL needs no security layer, so SCRAM is offered; on TCP only DIGEST-MD5/GSSAPI would be.
// Every transport must be listed: a new one does not compile until someone decides.

import type { ConnectionSpec } from '../uri';

const SECURE: Record<ConnectionSpec['transport'], boolean> = {
  unix: true,
  ssh: true,
  tcp: false,
};

export const isSecureTransport = (transport: ConnectionSpec['transport']): boolean => SECURE[transport];
