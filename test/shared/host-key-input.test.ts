// A pinned SSH host key is what the add-host form's confirmation hands main: a SHA256 fingerprint.
// Anything else (a wildcard, an empty or made-up value) is refused before any host is dialled.

import { describe, expect, it } from 'vitest';
import { HostConnectionInput } from '../../src/shared/model/inventory';

const base = { uri: 'qemu+ssh://root@h1/system', clusterName: 'lab' };
const fingerprint = 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU';

describe('a pinned SSH host key in the add-host input', () => {
  it('takes a SHA256 fingerprint, with or without its prefix and padding', () => {
    expect(HostConnectionInput.safeParse({ ...base, hostKeySha256: fingerprint }).success).toBe(true);
    expect(HostConnectionInput.safeParse({ ...base, hostKeySha256: fingerprint.slice(7) }).success).toBe(true);
    expect(HostConnectionInput.safeParse({ ...base, hostKeySha256: `${fingerprint}=` }).success).toBe(true);
  });

  it('refuses anything else', () => {
    for (const junk of ['*', '', 'any', 'MD5:aa:bb', 'SHA256:short', `${fingerprint}x`])
      expect(HostConnectionInput.safeParse({ ...base, hostKeySha256: junk }).success, junk).toBe(false);
  });
});
