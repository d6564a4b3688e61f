// qemu+tls:// and encrypted migration streams on the real lab (scripts/lab/tls.sh): h1 and h2
// listen on <ip>:16514 with the lab CA and require client certificates; their QEMUs have TLS
// certificates for VIR_MIGRATE_TLS; h3 has neither. Ferry connects with the lab's client pki
// directory, is refused with a typed code for a CA or certificate the hosts do not accept, and
// moves lab-vm1 h1 → h2 with the stream encrypted, which QEMU itself confirms mid-copy, and back plain.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Services } from '../../src/main/app/services';
import { MemoryStateStore } from '../../src/main/drivers/sim/store';
import { routerFor } from '../helpers/services';
import { DriverError, type JobProgress } from '../../src/main/drivers/driver';
import type { LibvirtHostConfig } from '../../src/main/drivers/libvirt/hosts/config';
import { LibvirtDriver } from '../../src/main/drivers/libvirt/libvirt-driver';
import {
  guestNamed,
  hostConfig,
  hostNamed,
  idOf,
  labDriver,
  probeUntil,
  readLab,
  sleep,
  statesOf,
  recordTiming,
  virsh,
  type Lab,
  type LabHost,
} from './lab-env';
import { finished, restoreHome, specFor, waitForJob } from './lab-restore';

interface LabTls {
  port: number;
  clientPkiDir: string;
  untrustingPkiDir: string;
  rogueClientPkiDir: string;
  hosts: Record<string, { uri: string; qemuCertDir: string }>;
}

const MiB = 1024 ** 2;

describe('qemu+tls:// and encrypted migration (lab)', () => {
  let lab: Lab;
  let tls: LabTls;
  let driver: LibvirtDriver;
  const tlsConfig = (host: LabHost, pkiDir = tls.clientPkiDir): LibvirtHostConfig => ({
    ...hostConfig(host),
    uri: tls.hosts[host.name]?.uri ?? `qemu+tls://${host.ip}/system`,
    pkiDir,
  });

  beforeAll(async () => {
    lab = readLab();
    tls = (lab as unknown as { tls: LabTls }).tls;
    const [h1, h2, h3] = ['ferry-lab-h1', 'ferry-lab-h2', 'ferry-lab-h3'].map((n) => hostNamed(lab, n)) as [LabHost, LabHost, LabHost];
    // h1 and h2 over TLS; h3 as before (its unix socket), the one whose QEMU has no TLS.
    driver = labDriver(lab, { hosts: [tlsConfig(h1), tlsConfig(h2), hostConfig(h3)] });
    await driver.discover();
  });
  afterAll(async () => {
    if (driver) await restoreHome(lab, driver);
    await driver?.close();
  });

  it('connects to h1 and h2 over qemu+tls with the lab client certificate and discovers them', async () => {
    const discovery = await driver.discover();
    for (const name of ['ferry-lab-h1', 'ferry-lab-h2']) {
      const host = discovery.hosts.find((h) => h.id === idOf(hostNamed(lab, name)));
      expect(host?.connection, name).toBe('connected');
    }
    const vm1 = guestNamed(lab, 'lab-vm1');
    expect(discovery.vms.find((v) => v.id === vm1.uuid)?.hostId).toBe(idOf(hostNamed(lab, 'ferry-lab-h1')));
    // The add-host wizard's test over TLS: the same host, by its UUID.
    const h2 = hostNamed(lab, 'ferry-lab-h2');
    expect((await LibvirtDriver.testConnection(tlsConfig(h2))).hostUuid).toBe(h2.hostUuid);
    // pkipath= in the URI does the same without the per-host directory.
    const viaUri = { ...hostConfig(h2), uri: `${tls.hosts[h2.name]?.uri}?pkipath=${tls.clientPkiDir}` };
    expect((await LibvirtDriver.testConnection(viaUri)).hostUuid).toBe(h2.hostUuid);
  });

  it.each([
    ['a CA that did not sign the host', 'untrustingPkiDir', 'TLS_SERVER_UNTRUSTED', /not trusted/],
    ['a client certificate from another CA', 'rogueClientPkiDir', 'TLS_CLIENT_REFUSED', /refused our client certificate/],
  ] as const)('refuses %s with %s', async (_what, dir, code, message) => {
    const error: unknown = await LibvirtDriver.testConnection(tlsConfig(hostNamed(lab, 'ferry-lab-h1'), tls[dir])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DriverError);
    expect(error).toMatchObject({ code, message: expect.stringMatching(message) });
  });

  it('names the closed TLS port of a host that does not listen (h3) and a missing CA file', async () => {
    const h3 = hostNamed(lab, 'ferry-lab-h3');
    const closed = await LibvirtDriver.testConnection({ ...tlsConfig(h3), uri: `qemu+tls://${h3.ip}/system` }).catch((e: unknown) => e);
    expect(closed).toMatchObject({ code: 'TLS_PORT_CLOSED' });
    const missing = await LibvirtDriver.testConnection(tlsConfig(h3, `${lab.labDir}/no-such-pki`)).catch((e: unknown) => e);
    expect(missing).toMatchObject({
      code: 'TLS_CERT_MISSING',
      details: { reason: 'file-missing', path: `${lab.labDir}/no-such-pki/cacert.pem` },
    });
  });

  /** QEMU's own migration parameters on the source, asked mid-copy: tls-creds names libvirt's TLS object. */
  async function tlsCredsDuringCopy(source: LabHost, jobId: string): Promise<{ creds: string[]; last: JobProgress }> {
    const creds: string[] = [];
    const deadline = Date.now() + 120_000;
    for (;;) {
      const progress = await driver.jobProgress(jobId);
      if (finished(progress)) return { creds, last: progress };
      if (progress.status === 'memory' && creds.length < 3) {
        const reply = await virsh(source, 'qemu-monitor-command', 'lab-vm1', '{"execute":"query-migrate-parameters"}').catch(() => '');
        const match = /"tls-creds":\s*"([^"]*)"/.exec(reply);
        if (match) creds.push(match[1] ?? '');
      }
      if (Date.now() > deadline) throw new Error(`job ${jobId} stuck at ${progress.status}`);
      await sleep(150);
    }
  }

  it('moves lab-vm1 h1 → h2 with the stream encrypted (VIR_MIGRATE_TLS), QEMU confirming TLS mid-copy, and back plain, QEMU showing none', async () => {
    const vm1 = guestNamed(lab, 'lab-vm1');
    const before = await probeUntil(lab, vm1);
    const [h1, h2] = [hostNamed(lab, 'ferry-lab-h1'), hostNamed(lab, 'ferry-lab-h2')];
    const hops: [LabHost, LabHost, boolean][] = [
      [h1, h2, true],
      [h2, h1, false], // so the check can fail: a plain move shows no credentials
    ];
    for (const [from, to, encryptStream] of hops) {
      // Slowed down so the copy lasts long enough to ask QEMU about it (a query takes ~0.1 s; the copy ~3 s).
      const spec = specFor(vm1, idOf(from), idOf(to), { encryptStream, bandwidthLimitBps: 32 * MiB });
      await driver.reserveDestination(spec);
      await driver.startMigration(spec);
      const { creds, last } = await tlsCredsDuringCopy(from, spec.jobId);
      expect(last.status, JSON.stringify(last.error)).toBe('completed');
      recordTiming(`tls migration ${from.name}->${to.name}`, {
        encryptStream,
        tlsCreds: creds,
        durationMs: last.elapsedMs,
        downtimeMs: last.downtimeMs,
      });
      await driver.removeLeftovers(spec, spec.sourceHostId);
      expect(creds.length, `${from.name}: QEMU was never asked mid-copy`).toBeGreaterThan(0);
      // libvirt names its TLS credentials object objlibvirt_migrate_tls0; unencrypted it is "".
      expect(
        creds.every((c) => (encryptStream ? c.includes('migrate_tls') : c === '')),
        creds.join(','),
      ).toBe(true);
      expect(await statesOf(lab, vm1)).toEqual({ [to.name]: 'running' });
    }
    const after = await probeUntil(lab, vm1);
    expect(after.bootId).toBe(before.bootId);
  });

  it('refuses an encrypted move to a host whose QEMU has no TLS (h3) with MIGRATION_TLS_UNAVAILABLE; the guest stays', async () => {
    const vm1 = guestNamed(lab, 'lab-vm1');
    const [h1, h3] = [hostNamed(lab, 'ferry-lab-h1'), hostNamed(lab, 'ferry-lab-h3')];
    const spec = specFor(vm1, idOf(h1), idOf(h3), { encryptStream: true });
    await driver.reserveDestination(spec);
    await driver.startMigration(spec);
    const last = (await waitForJob(driver, spec.jobId)).at(-1) as JobProgress;
    await driver.releaseDestination(spec);
    recordTiming('tls migration refused by h3', { message: last.error?.message });
    expect(last.status).toBe('failed');
    expect(last.error?.code, last.error?.message).toBe('MIGRATION_TLS_UNAVAILABLE');
    expect(await statesOf(lab, vm1)).toEqual({ [h1.name]: 'running' });
  });
});

describe('the add-host test over qemu+tls through the console API (lab)', () => {
  let services: Services;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ferry-lab-tls-'));
    services = new Services({ dataDir, shell: 'browser', version: 'lab', osUser: 'lab', preset: 'tiny', simStore: new MemoryStateStore() });
    await services.start();
  });
  afterAll(async () => {
    await services?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds the host with its certificate directory, and passes a refusal on with its code and details', async () => {
    const lab = readLab();
    const tls = (lab as unknown as { tls: LabTls }).tls;
    const h1 = hostNamed(lab, 'ferry-lab-h1');
    const input = { uri: tls.hosts[h1.name]?.uri ?? '', clusterName: 'Lab', migrationUri: h1.tcpUri, virtType: 'qemu' as const };
    const context = { actor: 'lab-admin', shell: 'browser' as const };
    const ok = await routerFor(services).dispatch('hosts.testConnection', { ...input, pkiDir: tls.clientPkiDir }, context);
    expect(ok).toMatchObject({ ok: true, value: { hostUuid: h1.hostUuid } });
    const refused = await routerFor(services).dispatch('hosts.testConnection', { ...input, pkiDir: tls.untrustingPkiDir }, context);
    expect(refused).toMatchObject({ ok: false, error: { code: 'TLS_SERVER_UNTRUSTED', details: { reason: 'server-untrusted' } } });
    const relative = await routerFor(services).dispatch('hosts.testConnection', { ...input, pkiDir: 'relative/pki' }, context);
    expect(relative).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});
