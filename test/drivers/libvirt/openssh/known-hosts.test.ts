// known_hosts as OpenSSH reads it: patterns, `[host]:port`, hashed entries (made by `ssh-keygen -H`
// and pasted here), markers; and the host key policy on top (pinned, known_hosts, unverified).

import { describe, expect, it } from 'vitest';
import {
  checkKnownHost,
  hostKeyAlgorithmsFor,
  knownKeysOf,
  parseKnownHosts,
  type KnownHostsVerdict,
} from '../../../../src/main/drivers/libvirt/rpc';
import { HostKeyCheck, fingerprintOf } from '../../../../src/main/drivers/libvirt/hosts/ssh-host-key';
import { hostKeyError } from '../../../../src/main/drivers/libvirt/hosts/host-key-errors';

const ED = 'AAAAC3NzaC1lZDI1NTE5AAAAIMiW0T8FmW41CBbybNZoLenQTeaKi2Kw5FScYsmnDT7r';
const ED_FP = 'SHA256:PQFW/KlkNcYzpgtDGEUfrvaV44y/GKODdpJk9mPxwdU'; // as `ssh-keygen -lf` printed it
const ECDSA =
  'AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBKySuS8Na1/m1lhqCDtqnIxo9Z8eFagbUBwPpFvT0oydSsfhBI75sSusgBv741pbWk5vOicdxp6vXObBVbm2gJY=';
const ed = Buffer.from(ED, 'base64');
const ecdsa = Buffer.from(ECDSA, 'base64');

// `ssh-keygen -H` of "kvm1.lab <key>" and "[10.0.0.5]:2222 <key>".
const hashed = `|1|MBlsDc/qVLbMv7MSIRVSnNuox0A=|znE2bUmkcV+xtdHZ1u3o+zF7ez8= ssh-ed25519 ${ED}
|1|Kt8LUs07qtRJzWihZ+/4M5ygBow=|LWVHld/y1qmdzZLkrhotFmA0Qhk= ssh-ed25519 ${ED}`;

const plain = `# comment
*.prod,!db.prod ssh-ed25519 ${ED} wildcard
[bastion]:2200 ecdsa-sha2-nistp256 ${ECDSA}
db.prod ecdsa-sha2-nistp256 ${ECDSA}
@cert-authority *.corp ssh-ed25519 ${ED}
@future x ssh-ed25519 ${ED}
garbage
`;

describe('known_hosts', () => {
  it('matches hashed entries for `host` on port 22 and `[host]:port` otherwise, as ssh-keygen -H writes them', () => {
    const lines = parseKnownHosts(hashed);
    expect(checkKnownHost(lines, 'kvm1.lab', 22, ed)).toEqual({ kind: 'trusted' });
    expect(checkKnownHost(lines, '10.0.0.5', 2222, ed)).toEqual({ kind: 'trusted' });
    expect(checkKnownHost(lines, '10.0.0.5', 22, ed)).toEqual({ kind: 'unknown' });
    expect(checkKnownHost(lines, 'kvm1.lab', 2222, ed)).toEqual({ kind: 'unknown' });
  });

  it('matches pattern lists with negation and the bracketed port form; skips CA lines and unknown markers', () => {
    const lines = parseKnownHosts(plain);
    expect(lines).toHaveLength(4);
    expect(checkKnownHost(lines, 'web.prod', 22, ed).kind).toBe('trusted');
    expect(checkKnownHost(lines, 'bastion', 2200, ecdsa).kind).toBe('trusted');
    expect(checkKnownHost(lines, 'bastion', 22, ecdsa).kind).toBe('unknown');
    // db.prod is excluded from the wildcard line and listed with its ECDSA key only.
    expect(checkKnownHost(lines, 'db.prod', 22, ed)).toEqual({ kind: 'changed', knownKeys: [ecdsa] });
    // A CA line vouches for nothing here (ssh2 has no host certificates).
    expect(checkKnownHost(lines, 'a.corp', 22, ed).kind).toBe('unknown');
    // Known types first, the rest after (so another type is seen and refused as changed); unusable ones dropped.
    const forDb = hostKeyAlgorithmsFor(knownKeysOf(lines, 'db.prod', 22).map((l) => l.keyType));
    expect(forDb.slice(0, 2)).toEqual(['ecdsa-sha2-nistp256', 'ssh-ed25519']);
    expect(hostKeyAlgorithmsFor(['ssh-rsa', 'sk-ssh-ed25519@openssh.com']).slice(0, 4)).toEqual([
      'rsa-sha2-512',
      'rsa-sha2-256',
      'ssh-rsa',
      'ssh-ed25519',
    ]);
    expect(hostKeyAlgorithmsFor(['sk-ssh-ed25519@openssh.com'])).not.toContain('sk-ssh-ed25519@openssh.com');
  });

  it('refuses a key marked @revoked even where another line lists it', () => {
    const lines = parseKnownHosts(`web.prod ssh-ed25519 ${ED}\n@revoked * ssh-ed25519 ${ED}`);
    expect(checkKnownHost(lines, 'web.prod', 22, ed)).toEqual({ kind: 'revoked' });
  });
});

describe('the host key policy', () => {
  const at = (knownHosts: KnownHostsVerdict, jump = false) => ({ host: 'kvm1', port: 22, alias: 'kvm1', jump, knownHosts });

  it('trusts known_hosts, refuses a changed key naming both fingerprints and the fix', () => {
    expect(fingerprintOf(ed)).toBe(ED_FP.slice('SHA256:'.length));
    const known = new HostKeyCheck(undefined);
    expect(known.verify(ed, at({ kind: 'trusted' }))).toBe(true);
    expect(known.trust).toBe('known_hosts');
    const changed = new HostKeyCheck(undefined);
    expect(changed.verify(ed, at({ kind: 'changed', knownKeys: [ecdsa] }))).toBe(false);
    const error = hostKeyError(changed.refusal!);
    expect(error.code).toBe('HOST_KEY_CHANGED');
    expect(error.message).toContain(`SHA256:${fingerprintOf(ecdsa)}`);
    expect(error.message).toContain(ED_FP);
    expect(error.message).toContain("ssh-keygen -R 'kvm1'");
    expect(error.details).toEqual({ endpoint: 'kvm1', jump: false, seen: ED_FP, trusted: [`SHA256:${fingerprintOf(ecdsa)}`] });
  });

  it('lets a pinned fingerprint decide for the libvirt host, but not for a jump host', () => {
    const pinned = new HostKeyCheck(ED_FP);
    expect(pinned.verify(ed, at({ kind: 'changed', knownKeys: [ecdsa] }))).toBe(true);
    expect(pinned.trust).toBe('pinned');
    const other = new HostKeyCheck(`SHA256:${fingerprintOf(ecdsa)}`);
    expect(other.verify(ed, at({ kind: 'trusted' }))).toBe(false);
    expect(hostKeyError(other.refusal!).message).toMatch(
      /Ferry pinned SHA256:.*it now shows SHA256:PQFW.*remove the host in Hosts… and add it again/,
    );
    // A jump host is not the pinned host: only known_hosts vouches for it.
    expect(pinned.verify(ecdsa, at({ kind: 'unknown' }, true))).toBe(false);
    expect(hostKeyError(pinned.refusal!)).toMatchObject({
      code: 'HOST_KEY_UNKNOWN',
      message: expect.stringContaining('the jump host kvm1'),
    });
    expect(pinned.seen).toBe(fingerprintOf(ed)); // what it reports is the libvirt host's key
  });

  it('refuses an unknown key with its fingerprint as typed details (the wizard asks to confirm it); a revoked one always', () => {
    const strict = new HostKeyCheck(undefined);
    expect(strict.verify(ed, { ...at({ kind: 'unknown' }), port: 2222 })).toBe(false);
    expect(hostKeyError(strict.refusal!)).toMatchObject({
      code: 'HOST_KEY_UNKNOWN',
      message: expect.stringContaining(ED_FP),
      details: { endpoint: '[kvm1]:2222', jump: false, seen: ED_FP, trusted: [] },
    });
    const pinned = new HostKeyCheck(ED_FP);
    expect(pinned.verify(ed, at({ kind: 'revoked' }))).toBe(false);
    expect(hostKeyError(pinned.refusal!)).toMatchObject({ code: 'HOST_KEY_CHANGED', message: expect.stringContaining('@revoked') });
  });
});
