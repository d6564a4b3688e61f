// The SSH transport against the lab's sshd on h3: the "add host" check with trust on first use
// and a pinned key, refused logins, and a driver that manages h3 over SSH (discovery and
// migrations to and from it).

import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LibvirtHostConfig } from '../../src/main/drivers/libvirt/hosts/config';
import { LibvirtDriver } from '../../src/main/drivers/libvirt/libvirt-driver';
import { fingerprintOfPublicKeyLine } from '../../src/main/drivers/libvirt/hosts/ssh-host-key';
import { guestNamed, hostConfig, hostNamed, idOf, probeUntil, readLab, recordTiming, statesOf, type Lab } from './lab-env';
import { migrateDirect, restoreHome, specFor } from './lab-restore';
import { MemoryJournal } from '../helpers/memory-journal';
import { isolatedOpenSshEnvironment } from '../helpers/openssh-environment';

describe('SSH transport (lab)', () => {
  let lab: Lab;
  let privateKey: string;
  let fingerprint: string;
  let sshHost: (overrides?: Partial<LibvirtHostConfig>) => LibvirtHostConfig;

  beforeAll(() => {
    lab = readLab();
    privateKey = readFileSync(lab.ssh.privateKey, 'utf8');
    fingerprint = fingerprintOfPublicKeyLine(lab.ssh.hostPublicKey);
    sshHost = (overrides = {}) => ({
      uri: lab.ssh.uri,
      name: 'ferry-lab-h3',
      clusterId: 'lab-cluster',
      migrationUri: hostNamed(lab, 'ferry-lab-h3').tcpUri,
      virtType: 'qemu',
      credentials: { kind: 'key', privateKey },
      ...overrides,
    });
  });

  it('tests a host over SSH: stops at its unknown key, then reports it once the key is confirmed (trust on first use)', async () => {
    // An empty home: the lab's key is in no known_hosts, so the test stops before logging in.
    const home = mkdtempSync(join(tmpdir(), 'ferry-lab-ssh-home-'));
    const unknown = await LibvirtDriver.testConnection(sshHost(), isolatedOpenSshEnvironment(home)).catch((error: unknown) => error);
    rmSync(home, { recursive: true, force: true });
    expect(unknown).toMatchObject({ name: 'DriverError', code: 'HOST_KEY_UNKNOWN', details: { seen: `SHA256:${fingerprint}` } });
    const started = Date.now();
    const result = await LibvirtDriver.testConnection(sshHost({ hostKeySha256: `SHA256:${fingerprint}` }));
    recordTiming('ssh testConnection', { ms: Date.now() - started });
    expect(result.hostUuid).toBe(hostNamed(lab, 'ferry-lab-h3').hostUuid);
    expect(result.hostname).toBe('ferry-lab-h3');
    expect(result.hostKeySha256).toBe(fingerprint);
    expect(result.pools).toEqual(['local', 'shared']);
    expect(result.memoryBytes).toBeGreaterThan(0);
    expect(result.hostKeyTrust).toBe('pinned');
  });

  it('refuses a host whose key differs from the pinned one, and a key the host does not accept', async () => {
    const wrongPin = LibvirtDriver.testConnection(sshHost({ hostKeySha256: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }));
    await expect(wrongPin).rejects.toMatchObject({ name: 'DriverError', code: 'HOST_KEY_CHANGED' });
    const stranger = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
    }).privateKey;
    // Only the stranger's key to offer: like ssh, Ferry would also try the URI's keyfile (the lab's
    // own key), the agent and the identity files of an empty home.
    const home = mkdtempSync(join(tmpdir(), 'ferry-lab-ssh-home-'));
    const refused = await LibvirtDriver.testConnection(
      sshHost({
        uri: `qemu+ssh://root@${lab.ssh.host}/system`,
        credentials: { kind: 'key', privateKey: stranger },
        hostKeySha256: fingerprint,
      }),
      isolatedOpenSshEnvironment(home),
    ).catch((error: unknown) => error);
    rmSync(home, { recursive: true, force: true });
    expect(refused).toMatchObject({ name: 'DriverError', code: 'AUTH_FAILED' });
    // Secrets never travel in errors.
    expect(String((refused as Error).message)).not.toContain('PRIVATE KEY');
  });

  describe('a driver managing h3 over SSH', () => {
    let driver: LibvirtDriver;

    beforeAll(() => {
      const [h1, h2] = [hostNamed(lab, 'ferry-lab-h1'), hostNamed(lab, 'ferry-lab-h2')];
      driver = new LibvirtDriver({
        hosts: [hostConfig(h1), hostConfig(h2), sshHost({ hostKeySha256: fingerprint })],
        sharedPools: ['shared'],
        journal: new MemoryJournal(),
      });
    });
    afterAll(async () => {
      await restoreHome(lab, driver);
      await driver.close();
    });

    it('discovers h3 over SSH like the others', async () => {
      const found = await driver.discover();
      const h3 = found.hosts.find((h) => h.id === idOf(hostNamed(lab, 'ferry-lab-h3')));
      expect(h3).toMatchObject({ name: 'ferry-lab-h3', connection: 'connected', health: 'ok' });
      expect(h3?.datastoreIds).toContain('libvirt-pool:shared');
      expect(found.hosts).toHaveLength(3);
    });

    it('migrates lab-vm3 to the SSH-managed h3 and back', async () => {
      const vm3 = guestNamed(lab, 'lab-vm3');
      const [h2, h3] = [hostNamed(lab, 'ferry-lab-h2'), hostNamed(lab, 'ferry-lab-h3')];
      const boot = (await probeUntil(lab, vm3)).bootId;
      await migrateDirect(driver, specFor(vm3, idOf(h2), idOf(h3)));
      expect(await statesOf(lab, vm3)).toEqual({ 'ferry-lab-h3': 'running' });
      expect(await driver.probeVm(vm3.uuid, idOf(h3))).toMatchObject({ alive: true, bootId: boot });
      // Back: now the blocking migrate call itself runs over SSH, on h3.
      await migrateDirect(driver, specFor(vm3, idOf(h3), idOf(h2)));
      expect(await statesOf(lab, vm3)).toEqual({ 'ferry-lab-h2': 'running' });
      expect((await probeUntil(lab, vm3)).bootId).toBe(boot);
    });
  });
});
