// SSH the way OpenSSH does it, against real sshd and ssh-agent (sshd-lab.ts): an alias from
// ~/.ssh/config, the agent's key, host keys from a hashed known_hosts, a changed key refused,
// ProxyJump through a second sshd, and trust on first use through hosts.add. Fails, never skips,
// when OpenSSH is missing: the unit step must prove this.

import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibvirtDriver } from '../../../../src/main/drivers/libvirt/libvirt-driver';
import type { LibvirtHostConfig } from '../../../../src/main/drivers/libvirt/hosts/config';
import type { OpenSshEnvironment } from '../../../../src/main/drivers/libvirt/rpc';
import type { InventorySnapshot } from '../../../../src/shared/model/inventory';
import { MemoryJournal } from '../../../helpers/memory-journal';
import { routerFor, useServices } from '../../../helpers/services';
import { SshdLab } from './sshd-lab';
import { isolatedOpenSshEnvironment } from '../../../helpers/openssh-environment';

const lab = new SshdLab();
let config = '';
const sshd = (index: 0 | 1) => lab.sshds[index]!;
const envWith = (name: string, knownHosts: string, extra: Partial<OpenSshEnvironment> = {}) =>
  isolatedOpenSshEnvironment(lab.home(name, { config, knownHosts, hashKnownHosts: true }), { agentSocket: lab.agentSocket, ...extra });
const host = (target: string, more: Partial<LibvirtHostConfig> = {}): LibvirtHostConfig => ({
  uri: `qemu+ssh://${target}/system?${lab.query}`,
  clusterId: 'lab',
  ...more,
});

beforeAll(async () => {
  await lab.start();
  const [one, two] = lab.sshds as [(typeof lab.sshds)[0], (typeof lab.sshds)[0]];
  config = [
    'Host lab-direct lab-behind lab-jump',
    `  User ${lab.user}`,
    '  HostName 127.0.0.1',
    'Host lab-direct lab-jump',
    `  Port ${one.port}`,
    'Host lab-behind',
    `  Port ${two.port}`,
    '  ProxyJump lab-jump',
    'Host *',
    '  Port 1', // never reached: the first value obtained wins
    '',
  ].join('\n');
}, 15_000);
afterAll(() => lab.close());

describe('SSH with OpenSSH config, agent and known_hosts (real sshd)', () => {
  it('resolves an alias, logs in with the agent and checks the key against a hashed known_hosts', async () => {
    // known_hosts lists only its ECDSA key: ssh2 would take ED25519 unless asked for ECDSA first.
    const env = envWith('direct', lab.knownHostsLine(sshd(0), sshd(0).ecdsaPublicKey));
    const result = await LibvirtDriver.testConnection(host('lab-direct'), env);
    expect(result).toMatchObject({ hostname: 'ssh-lab-host', hostKeyTrust: 'known_hosts' });
    expect(`SHA256:${result.hostKeySha256}`).toBe(sshd(0).ecdsaFingerprint);
    expect(readFileSync(`${env.homeDir}/.ssh/known_hosts`, 'utf8')).toMatch(/^\|1\|/); // hashed by ssh-keygen -H
    // Without the agent nothing else can log in: the agent was what authenticated.
    await expect(LibvirtDriver.testConnection(host('lab-direct'), { ...env, agentSocket: undefined })).rejects.toMatchObject({
      code: 'AUTH_FAILED',
    });
  });

  it('logs in with an IdentityFile from ssh_config, going on without an agent whose socket is stale', async () => {
    const home = lab.home('identity', {
      config: `Host lab-direct\n  IdentityFile ~/.ssh/lab_user\n${config}`,
      knownHosts: lab.knownHostsLine(sshd(0)),
    });
    copyFileSync(lab.userKeyFile, join(home, '.ssh', 'lab_user'));
    const env = isolatedOpenSshEnvironment(home, { agentSocket: join(lab.dir, 'no-agent.sock') });
    await expect(LibvirtDriver.testConnection(host('lab-direct'), env)).resolves.toMatchObject({ hostKeyTrust: 'known_hosts' });
  });

  it('refuses a host whose key differs from known_hosts, naming both fingerprints and the fix', async () => {
    const env = envWith('changed', lab.knownHostsLine(sshd(0), sshd(1).publicKey));
    const error = await LibvirtDriver.testConnection(host('lab-direct'), env).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'DriverError', code: 'HOST_KEY_CHANGED' });
    const message = (error as Error).message;
    expect(message).toContain(sshd(1).fingerprint);
    expect(message).toContain(sshd(0).fingerprint);
    expect(message).toContain('ssh-keygen -R');
  });

  it('refuses a key other than the one pinned when the host was added', async () => {
    const env = envWith('pinned', '');
    const driver = new LibvirtDriver({ hosts: [], journal: new MemoryJournal(), openssh: env });
    try {
      const pinned = { hostKeySha256: sshd(1).fingerprint }; // the key the admin confirmed was another one
      const error = await driver.addHost(host('lab-direct', pinned)).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'HOST_KEY_CHANGED', message: expect.stringContaining(sshd(0).fingerprint) });
      expect((error as Error).message).toContain('remove the host in Hosts… and add it again');
    } finally {
      await driver.close();
    }
  });

  it('reaches a host through ProxyJump, checking both hosts against known_hosts', async () => {
    const env = envWith('jump', lab.knownHostsLine(sshd(0)) + lab.knownHostsLine(sshd(1)));
    const result = await LibvirtDriver.testConnection(host('lab-behind'), env);
    expect(`SHA256:${result.hostKeySha256}`).toBe(sshd(1).fingerprint);
    // The jump host forwarded it (sshd logs each direct-tcpip channel at DEBUG1).
    expect(readFileSync(sshd(0).logFile, 'utf8')).toContain(`port ${sshd(1).port}`);
    // A jump host nothing vouches for is refused by name, before anything travels through it.
    const unknownJump = envWith('jump-unknown', lab.knownHostsLine(sshd(1)));
    await expect(LibvirtDriver.testConnection(host('lab-behind'), unknownJump)).rejects.toMatchObject({
      code: 'HOST_KEY_UNKNOWN',
      message: expect.stringContaining(`the jump host [127.0.0.1]:${sshd(0).port}`),
    });
  });
});

describe('hosts.add over SSH: a key to check against, or none is added', () => {
  const start = useServices();
  const context = { actor: 'alice', shell: 'browser' as const };

  it('stops at an unknown key before any login, adds the host only once the key is confirmed, and keeps that key', async () => {
    const lines: string[] = [];
    const logger = { info: (m: string) => lines.push(m), warn: (m: string, e?: unknown) => lines.push(`${m} ${String(e)}`) };
    const { services, dataDir } = await start({ openssh: envWith('tofu', ''), logger: { ...logger, error: logger.warn } });
    const router = routerFor(services);
    // A password too: it must never reach an unchecked host, nor any error, log, audit or the database.
    const password = 'correct horse battery staple';
    const input = { uri: host('lab-direct').uri, clusterName: 'lab', credentials: { kind: 'password' as const, password } };
    const logins = () => readFileSync(sshd(0).logFile, 'utf8').split('Accepted publickey').length;
    const before = logins();
    const tested = await router.dispatch('hosts.testConnection', input, context);
    expect(tested).toMatchObject({
      ok: false,
      error: { code: 'HOST_KEY_UNKNOWN', details: { seen: sshd(0).fingerprint, jump: false, trusted: [] } },
    });
    expect(logins()).toBe(before); // the agent was there, yet nothing logged in to an unchecked host

    const unconfirmed = await router.dispatch('hosts.add', input, context);
    expect(unconfirmed).toMatchObject({ ok: false, error: { code: 'HOST_KEY_UNKNOWN' } });
    expect(await router.dispatch('hosts.connections', {}, context)).toEqual({ ok: true, value: [] });

    // Confirmed (what the wizard sends once the admin compared it), it is added and kept with the host.
    const added = await router.dispatch('hosts.add', { ...input, hostKeySha256: sshd(0).fingerprint }, context);
    expect(added).toMatchObject({ ok: true, value: { hostKeySha256: sshd(0).fingerprint } });
    expect(await router.dispatch('hosts.connections', {}, context)).toMatchObject({
      ok: true,
      value: [{ hostKeySha256: sshd(0).fingerprint }],
    });
    const audit = await router.dispatch(
      'audit.query',
      { filter: { action: 'host.added' }, page: 0, pageSize: 10, sort: { field: 'id', direction: 'asc' } },
      context,
    );
    expect(JSON.stringify(audit)).toContain(`SSH host key ${sshd(0).fingerprint} pinned`);
    expect(JSON.stringify([tested, unconfirmed, added, audit, lines])).not.toContain(password);
    await services.close();
    expect(readFileSync(join(dataDir, 'ferry.db')).toString('latin1')).not.toContain(password);
    // The confirmed key outlives a restart, and the host reconnects against it.
    const again = (await start({ dataDir, openssh: envWith('tofu-again', '') })).services;
    expect(await routerFor(again).dispatch('hosts.connections', {}, context)).toMatchObject({
      ok: true,
      value: [{ hostKeySha256: sshd(0).fingerprint, status: 'ok' }],
    });
    await again.refreshInventory();
    const snapshot = await routerFor(again).dispatch('inventory.snapshot', {}, context);
    const hosts = snapshot.ok ? (snapshot.value as InventorySnapshot).hosts.filter((h) => h.driverId === 'libvirt') : [];
    expect(hosts.map((h) => [h.id, h.connection])).toEqual([[`libvirt:${lab.host.uuid}`, 'connected']]);
  });

  it('adds a host known_hosts vouches for without asking', async () => {
    const { services } = await start({ openssh: envWith('known', lab.knownHostsLine(sshd(0))) });
    const reply = await routerFor(services).dispatch('hosts.add', { uri: host('lab-direct').uri, clusterName: 'lab' }, context);
    expect(reply).toMatchObject({ ok: true, value: { hostKeySha256: null } });
  });
});
