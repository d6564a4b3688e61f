// ssh_config as OpenSSH reads it: Host patterns, first value wins, Include, and the URI's
// user/port/keyfile overriding it all (as ssh's command line does). Every home is a temp folder.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { matchesPatternList } from '../../../../src/main/drivers/libvirt/rpc/ssh/host-patterns';
import { parseSshConfig, resolveSshConfig } from '../../../../src/main/drivers/libvirt/rpc/ssh/ssh-config';
import { parseHop, resolveSshTarget } from '../../../../src/main/drivers/libvirt/rpc/ssh/ssh-target';
import { isolatedOpenSshEnvironment } from '../../../helpers/openssh-environment';

const homes: string[] = [];
afterAll(() => homes.forEach((home) => rmSync(home, { recursive: true, force: true })));

function homeWith(files: Record<string, string>): string {
  const home = mkdtempSync(join(tmpdir(), 'ferry-ssh-config-'));
  homes.push(home);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(home, path, '..'), { recursive: true });
    writeFileSync(join(home, path), text);
  }
  return home;
}

describe('host patterns', () => {
  it.each([
    ['kvm1.lab', ['*.lab'], true],
    ['kvm1.lab', ['kvm?.lab'], true],
    ['kvm10.lab', ['kvm?.lab'], false], // ? is exactly one character
    ['kvm.lab', ['kvm?.lab'], false],
    ['skip.lab', ['*.lab', '!skip.lab'], false],
    ['skip.lab', ['!skip.lab', '*.lab'], false], // a negated match wins wherever it stands
    ['other', ['!skip.lab'], false], // negation alone matches nothing
    ['KVM1.Lab', ['kvm1.lab'], true],
    ['a.b', ['a.*'], true],
    ['axb', ['a.b'], false], // dots are literal
  ])('%s against %j → %s', (name, patterns, expected) => {
    expect(matchesPatternList(name, patterns)).toBe(expected);
  });
});

describe('ssh_config', () => {
  const text = `
# defaults before any Host apply to all
ConnectTimeout 5
Host kvm?.lab !kvm9.lab
  HostName %h.example.com
  User=ops
  IdentityFile ~/.ssh/lab_key
Host kvm1.lab
  User root          # too late: the first value obtained wins
  Port 2222
  IdentityFile "~/.ssh/kvm1 key"
Match exec "touch /tmp/never"
  User matched
Host *
  User fallback
  Port 22
  IdentityFile ~/.ssh/everyone
`;
  const lines = parseSshConfig(text);

  it('takes the first value obtained for each keyword and accumulates IdentityFile', () => {
    expect(resolveSshConfig(lines, 'kvm1.lab')).toEqual({
      hostName: '%h.example.com',
      user: 'ops',
      port: 2222,
      identityFiles: ['~/.ssh/lab_key', '~/.ssh/kvm1 key', '~/.ssh/everyone'],
    });
  });

  it('skips negated hosts and never evaluates Match (no command runs)', () => {
    expect(resolveSshConfig(lines, 'kvm9.lab')).toEqual({ user: 'fallback', port: 22, identityFiles: ['~/.ssh/everyone'] });
  });

  it('resolves an alias to its HostName, User, Port and IdentityFile, with the URI overriding each', async () => {
    const home = homeWith({ '.ssh/config': text });
    const env = isolatedOpenSshEnvironment(home);
    const plain = await resolveSshTarget({ host: 'kvm1.lab' }, env);
    expect(plain).toMatchObject({
      alias: 'kvm1.lab',
      host: 'kvm1.lab.example.com',
      port: 2222,
      user: 'ops',
      identityFiles: [join(home, '.ssh/lab_key'), join(home, '.ssh/kvm1 key'), join(home, '.ssh/everyone')],
      knownHostsFiles: [join(home, '.ssh/known_hosts'), join(home, '.ssh/known_hosts2')],
      jumps: [],
    });
    const overridden = await resolveSshTarget({ host: 'kvm1.lab', user: 'admin', port: 22, keyfile: '/keys/id' }, env);
    expect(overridden).toMatchObject({ user: 'admin', port: 22 });
    // Like `ssh -i`: the URI's keyfile first, ssh_config's after it.
    expect(overridden.identityFiles[0]).toBe('/keys/id');
  });

  it('falls back to the defaults: the name itself, port 22, the local user, the id_* files', async () => {
    const home = homeWith({});
    const target = await resolveSshTarget({ host: 'bare' }, isolatedOpenSshEnvironment(home, { localUser: 'me' }));
    expect(target).toMatchObject({ host: 'bare', port: 22, user: 'me', identitiesOnly: false });
    expect(target.identityFiles).toEqual(['id_rsa', 'id_ecdsa', 'id_ed25519'].map((f) => join(home, '.ssh', f)));
  });

  it('follows Include (relative to ~/.ssh, with globs) in place, and reads the system file after the user one', async () => {
    const home = homeWith({
      '.ssh/config': 'Include conf.d/*.conf\nHost *\n  User late\n',
      '.ssh/conf.d/10-lab.conf': 'Host lab\n  HostName 10.0.0.5\n  User early\n',
      '.ssh/conf.d/ignored.txt': 'Host lab\n  Port 1\n',
      'etc/ssh_config': 'Host lab\n  Port 2200\n  UserKnownHostsFile ~/kh %d/kh2\n  GlobalKnownHostsFile none\n',
    });
    const env = isolatedOpenSshEnvironment(home, { systemConfigFile: join(home, 'etc/ssh_config') });
    const target = await resolveSshTarget({ host: 'lab' }, env);
    expect(target).toMatchObject({ host: '10.0.0.5', user: 'early', port: 2200, knownHostsFiles: [join(home, 'kh'), join(home, 'kh2')] });
  });

  it('resolves ProxyJump hops through ssh_config too, the hop spec overriding it', async () => {
    const home = homeWith({
      '.ssh/config':
        'Host inner\n  HostName 192.168.1.9\n  ProxyJump bastion,admin@relay:2022\nHost bastion\n  HostName bastion.example.com\n  User jump\n',
    });
    const target = await resolveSshTarget({ host: 'inner', user: 'root' }, isolatedOpenSshEnvironment(home, { localUser: 'me' }));
    expect(target).toMatchObject({ host: '192.168.1.9', user: 'root' });
    expect(target.jumps.map((j) => [j.host, j.port, j.user])).toEqual([
      ['bastion.example.com', 22, 'jump'],
      ['relay', 2022, 'admin'],
    ]);
    expect(parseHop('ssh://u@[fd00::1]:2200')).toEqual({ host: 'fd00::1', user: 'u', port: 2200 });
    expect(() => parseHop('a@b@c')).toThrow(/ProxyJump/);
  });
});
