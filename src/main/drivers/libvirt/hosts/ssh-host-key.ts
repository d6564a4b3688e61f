// SSH host keys: a pinned fingerprint (what the admin confirmed when adding the host: trust on
// first use, kept with the host), else ~/.ssh/known_hosts; anything else is refused with a reason.

import { createHash } from 'node:crypto';
import type { HostKeySighting } from '../rpc';

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

/** Why a host key was refused; every fingerprint as `SHA256:…`. */
export type HostKeyRefusal =
  /** Another key than the pinned one, or than known_hosts lists for the host. */
  | { kind: 'changed'; endpoint: string; jump: boolean; trusted: string[]; seen: string; source: 'pinned' | 'known_hosts' }
  /** Neither a pinned fingerprint nor known_hosts vouches for it. */
  | { kind: 'unknown'; endpoint: string; jump: boolean; seen: string }
  /** known_hosts marks it `@revoked`. */
  | { kind: 'revoked'; endpoint: string; jump: boolean; seen: string };

/**
 * Decides on each host key shown, as OpenSSH with StrictHostKeyChecking=yes: a revoked key is
 * refused; the libvirt host's key must match its pinned fingerprint (Ferry's own trust on first
 * use), else a known_hosts entry; a ProxyJump hop must be in known_hosts. Remembers what it saw.
 */
export class HostKeyCheck {
  /** The libvirt host's key as seen (without the `SHA256:` prefix), null before it showed one. */
  seen: string | null = null;
  /** How the libvirt host's key was vouched for, once accepted. */
  trust: 'pinned' | 'known_hosts' | null = null;
  refusal: HostKeyRefusal | null = null;

  constructor(private readonly pinned: string | undefined) {}

  get rejected(): boolean {
    return this.refusal !== null;
  }

  readonly verify = (key: Buffer, sighting: HostKeySighting): boolean => {
    const seen = fingerprintOf(key);
    if (!sighting.jump) this.seen = seen;
    // As known_hosts and ssh-keygen -R name it.
    const endpoint = sighting.port === 22 ? sighting.host : `[${sighting.host}]:${sighting.port}`;
    const base = { endpoint, jump: sighting.jump, seen: `SHA256:${seen}` };
    const verdict = sighting.knownHosts;
    if (verdict.kind === 'revoked') return this.refuse({ kind: 'revoked', ...base });
    if (!sighting.jump && this.pinned !== undefined) {
      const pinned = normalizeFingerprint(this.pinned);
      if (pinned === seen) return this.accept('pinned');
      return this.refuse({ kind: 'changed', ...base, trusted: [`SHA256:${pinned}`], source: 'pinned' });
    }
    if (verdict.kind === 'trusted') return this.accept(sighting.jump ? null : 'known_hosts');
    if (verdict.kind === 'changed') {
      const trusted = verdict.knownKeys.map((k) => `SHA256:${fingerprintOf(k)}`);
      return this.refuse({ kind: 'changed', ...base, trusted, source: 'known_hosts' });
    }
    return this.refuse({ kind: 'unknown', ...base });
  };

  private accept(trust: HostKeyCheck['trust']): boolean {
    if (trust) this.trust = trust;
    return true;
  }

  private refuse(refusal: HostKeyRefusal): boolean {
    this.refusal ??= refusal;
    return false;
  }
}
