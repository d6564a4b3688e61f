// known_hosts the way OpenSSH reads it (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"): lines of
// `[marker] hosts keytype base64key [comment]`, hosts a comma list of patterns or one hashed
// `|1|salt|HMAC-SHA1(salt, name)` entry, where name is `host` on port 22 and `[host]:port` else.

import { createHmac, timingSafeEqual } from 'node:crypto';
import { matchesPatternList } from './host-patterns';

export interface KnownHostLine {
  readonly marker: 'cert-authority' | 'revoked' | null;
  readonly hosts: string;
  readonly keyType: string;
  readonly key: Buffer;
}

/** What known_hosts says about the key a host showed. */
export type KnownHostsVerdict =
  | { readonly kind: 'trusted' }
  | { readonly kind: 'revoked' }
  /** The host is listed with other keys: OpenSSH's "REMOTE HOST IDENTIFICATION HAS CHANGED". */
  | { readonly kind: 'changed'; readonly knownKeys: readonly Buffer[] }
  | { readonly kind: 'unknown' };

export function parseKnownHosts(text: string): KnownHostLine[] {
  const lines: KnownHostLine[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === '' || fields[0]?.startsWith('#')) continue;
    const marker = fields[0] === '@revoked' ? 'revoked' : fields[0] === '@cert-authority' ? 'cert-authority' : null;
    if (marker === null && fields[0]?.startsWith('@')) continue; // a marker we do not know: ssh skips it too
    const [hosts, keyType, key] = marker ? fields.slice(1) : fields;
    if (!hosts || !keyType || !key) continue;
    lines.push({ marker, hosts, keyType, key: Buffer.from(key, 'base64') });
  }
  return lines;
}

/** The name a host is listed under: `host` on the default port, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function hashedMatches(entry: string, name: string): boolean {
  const [, magic, salt, hash] = entry.split('|');
  if (magic !== '1' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function lineMatches(line: KnownHostLine, name: string): boolean {
  if (line.hosts.startsWith('|')) return hashedMatches(line.hosts, name);
  return matchesPatternList(name, line.hosts.split(','));
}

/** The plain keys known for a host (certificate authorities are skipped: ssh2 has no host certificates). */
export function knownKeysOf(lines: readonly KnownHostLine[], host: string, port: number): KnownHostLine[] {
  const name = knownHostsName(host, port);
  return lines.filter((line) => line.marker === null && lineMatches(line, name));
}

export function checkKnownHost(lines: readonly KnownHostLine[], host: string, port: number, key: Buffer): KnownHostsVerdict {
  // A revoked key is refused whichever host it is listed for (sshkey_check_revoked).
  if (lines.some((line) => line.marker === 'revoked' && line.key.equals(key))) return { kind: 'revoked' };
  const known = knownKeysOf(lines, host, port);
  if (known.some((line) => line.key.equals(key))) return { kind: 'trusted' };
  if (known.length > 0) return { kind: 'changed', knownKeys: known.map((line) => line.key) };
  return { kind: 'unknown' };
}

// The host key algorithms ssh2 1.17 offers by default, in its order (ssh-dss only on request).
const SSH2_HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/**
 * ssh2's host key algorithms with those of the key types known_hosts lists first, as OpenSSH
 * orders them: the server then shows a key we can check, and one of another type still comes
 * (and is refused as changed) rather than a bare "no matching algorithm". Types ssh2 cannot use
 * are left out (it rejects unknown names).
 */
export function hostKeyAlgorithmsFor(keyTypes: readonly string[]): string[] {
  const known = keyTypes.flatMap((type) => (type === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [type]));
  const usable = [...SSH2_HOST_KEY_ALGORITHMS, 'ssh-dss'];
  return [...new Set([...known.filter((name) => usable.includes(name)), ...SSH2_HOST_KEY_ALGORITHMS])];
}
