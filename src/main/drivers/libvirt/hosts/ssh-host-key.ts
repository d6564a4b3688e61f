// SSH host keys, trust on first use: with no pinned fingerprint the key is accepted and its
// fingerprint reported (so the admin can pin it); with one, any other key is refused.

import { createHash } from 'node:crypto';

/** Normalizes a pinned fingerprint: `SHA256:abc=` and `abc` compare equal. */
export function normalizeFingerprint(value: string): string {
  return value
    .trim()
    .replace(/^SHA256:/i, '')
    .replace(/=+$/, '');
}

/** SHA256 fingerprint of a raw public key blob, base64 without padding, as OpenSSH prints it. */
export function fingerprintOf(keyBlob: Buffer): string {
  return createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '');
}

/** Fingerprint of an OpenSSH public key line (`ssh-ed25519 AAAA… comment`). */
export function fingerprintOfPublicKeyLine(line: string): string {
  const blob = line.trim().split(/\s+/)[1];
  if (!blob) throw new Error('not an OpenSSH public key line');
  return fingerprintOf(Buffer.from(blob, 'base64'));
}

/** Remembers what the server showed and decides whether to trust it. */
export class HostKeyCheck {
  seen: string | null = null;
  rejected = false;

  constructor(private readonly pinned: string | undefined) {}

  readonly verify = (key: Buffer): boolean => {
    this.seen = fingerprintOf(key);
    const ok = this.pinned === undefined || normalizeFingerprint(this.pinned) === this.seen;
    if (!ok) this.rejected = true;
    return ok;
  };
}
