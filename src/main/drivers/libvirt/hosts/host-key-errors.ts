// A refused SSH host key → a typed error that names both fingerprints and says what to do, so
// the admin can tell an attack from a reinstalled host and never needs a log to find out.

import { DriverError } from '../../driver';
import type { HostKeyErrorDetails } from '../../../../shared/model/inventory';
import type { HostKeyRefusal } from './ssh-host-key';

export function hostKeyError(refusal: HostKeyRefusal): DriverError {
  const who = refusal.jump ? `the jump host ${refusal.endpoint}` : refusal.endpoint;
  const details: HostKeyErrorDetails = {
    endpoint: refusal.endpoint,
    jump: refusal.jump,
    seen: refusal.seen,
    trusted: refusal.kind === 'changed' ? refusal.trusted : [],
  };
  switch (refusal.kind) {
    case 'changed': {
      const fix =
        refusal.source === 'pinned'
          ? 'remove the host in Hosts… and add it again to trust the new key'
          : `remove the old entry (ssh-keygen -R '${refusal.endpoint}') and record the new key with ssh`;
      return new DriverError(
        'HOST_KEY_CHANGED',
        `the SSH host key of ${who} has changed: ${refusal.source === 'pinned' ? 'Ferry pinned' : 'known_hosts lists'} ` +
          `${refusal.trusted.join(', ')}, it now shows ${refusal.seen}. Someone may be intercepting the connection, or the ` +
          `host was reinstalled: check the new fingerprint on the host itself (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub); ` +
          `if it is right, ${fix}.`,
        details,
      );
    }
    case 'unknown':
      return new DriverError(
        'HOST_KEY_UNKNOWN',
        refusal.jump
          ? `the SSH host key of ${who} (${refusal.seen}) is not in known_hosts: log in to it once with ssh and check its fingerprint`
          : `the SSH host key of ${who} (${refusal.seen}) is not in known_hosts and no fingerprint is pinned; nothing was sent ` +
              `to it. Compare the key with the host's own (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) and confirm it, ` +
              `or add the host to ~/.ssh/known_hosts`,
        details,
      );
    case 'revoked':
      return new DriverError('HOST_KEY_CHANGED', `the SSH host key of ${who} (${refusal.seen}) is marked @revoked in known_hosts`, details);
  }
}
