// What one host's sealed secret holds: its SSH login and/or its libvirt SASL login. Secrets sealed
// before SASL existed hold the SSH login alone (an object with `kind`); they still open, unchanged.

import type { HostCredentials, SaslCredentials } from '../../shared/model/inventory';

export interface HostLogins {
  credentials?: HostCredentials;
  sasl?: SaslCredentials;
}

export function loginsToSeal(logins: HostLogins): string | null {
  if (!logins.credentials && !logins.sasl) return null;
  // Only the SSH login: the format every console already reads.
  if (!logins.sasl) return JSON.stringify(logins.credentials);
  return JSON.stringify({ ...(logins.credentials ? { ssh: logins.credentials } : {}), sasl: logins.sasl });
}

export function loginsFromSealed(plain: string): HostLogins {
  const parsed = JSON.parse(plain) as Record<string, unknown>;
  if ('kind' in parsed) return { credentials: parsed as unknown as HostCredentials };
  return {
    ...(parsed['ssh'] ? { credentials: parsed['ssh'] as HostCredentials } : {}),
    ...(parsed['sasl'] ? { sasl: parsed['sasl'] as SaslCredentials } : {}),
  };
}
