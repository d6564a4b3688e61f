// The "add host" path as the console uses it: commands through the router, credentials sealed in
// the data folder, hosts reconnected after a restart, and a migration between added hosts.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Services } from '../../src/main/app/services';
import { MemoryStateStore } from '../../src/main/drivers/sim/store';
import { fingerprintOfPublicKeyLine } from '../../src/main/drivers/libvirt/hosts/ssh-host-key';
import type { CommandName, CommandRequest, CommandResponse } from '../../src/shared/api';
import { defaultConvergencePolicy, type Task } from '../../src/shared/model/migration';
import { guestNamed, hostNamed, idOf, readLab, runningOn, sleep, type Lab } from './lab-env';
import { routerFor } from '../helpers/services';
import { isolatedOpenSshEnvironment } from '../helpers/openssh-environment';

const context = { actor: 'lab-admin', shell: 'browser' as const };

describe('adding lab hosts through the console API', () => {
  let lab: Lab;
  let dataDir: string;
  let services: Services;
  const open = async () => {
    services = new Services({
      dataDir,
      shell: 'browser',
      version: 'lab',
      osUser: 'lab',
      preset: 'tiny',
      simStore: new MemoryStateStore(),
      // An empty home, so the lab's SSH key is in no known_hosts whatever root's ~/.ssh holds.
      openssh: isolatedOpenSshEnvironment(join(dataDir, 'home')),
    });
    await services.start();
  };
  async function call<N extends CommandName>(name: N, payload: CommandRequest<N>): Promise<CommandResponse<N>> {
    const reply = await routerFor(services).dispatch(name, payload, context);
    if (!reply.ok) throw new Error(`${name}: ${reply.error.code} ${reply.error.message}`);
    return reply.value as CommandResponse<N>;
  }

  beforeAll(async () => {
    lab = readLab();
    dataDir = mkdtempSync(join(tmpdir(), 'ferry-lab-hosts-'));
    await open();
  });
  afterAll(async () => {
    await services.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('tests and adds hosts by URI, one over SSH with its key pinned, and shows their guests', async () => {
    for (const name of ['ferry-lab-h1', 'ferry-lab-h2']) {
      const host = hostNamed(lab, name);
      const input = {
        uri: host.unixUri,
        clusterName: 'Lab',
        migrationUri: host.tcpUri,
        virtType: 'qemu' as const,
        sharedPools: ['shared'],
      };
      expect((await call('hosts.testConnection', input)).hostUuid).toBe(host.hostUuid);
      expect((await call('hosts.add', input)).hostId).toBe(idOf(host));
    }
    const h3 = hostNamed(lab, 'ferry-lab-h3');
    const privateKey = readFileSync(lab.ssh.privateKey, 'utf8');
    const ssh = {
      uri: lab.ssh.uri,
      clusterName: 'Lab',
      migrationUri: h3.tcpUri,
      virtType: 'qemu' as const,
      sharedPools: ['shared'],
      credentials: { kind: 'key' as const, privateKey },
    };
    // The key is in no known_hosts: the test stops at it; once confirmed, it is pinned with the host.
    const fingerprint = `SHA256:${fingerprintOfPublicKeyLine(lab.ssh.hostPublicKey)}`;
    expect(await routerFor(services).dispatch('hosts.testConnection', ssh, context)).toMatchObject({
      ok: false,
      error: { code: 'HOST_KEY_UNKNOWN', details: { seen: fingerprint } },
    });
    const seen = await call('hosts.testConnection', { ...ssh, hostKeySha256: fingerprint });
    expect(seen).toMatchObject({ hostKeySha256: fingerprint.slice('SHA256:'.length), hostKeyTrust: 'pinned' });
    const added = await call('hosts.add', { ...ssh, hostKeySha256: fingerprint });
    expect(added).toMatchObject({ auth: 'key', hostKeySha256: fingerprint });

    await services.refreshInventory();
    const snapshot = await call('inventory.snapshot', {});
    expect(
      snapshot.hosts
        .filter((h) => h.driverId === 'libvirt')
        .map((h) => h.id)
        .sort(),
    ).toEqual(lab.hosts.map(idOf).sort());
    for (const guest of lab.guests) expect(snapshot.vms.some((v) => v.id === guest.uuid)).toBe(true);
    expect(snapshot.datastores.find((d) => d.name === 'shared')?.kind).toBe('shared');
    // Secrets stay sealed: neither the key nor the database file shows them.
    const database = readFileSync(join(dataDir, 'ferry.db')).toString('latin1');
    expect(database).not.toContain(privateKey.split('\n')[1] ?? 'unreachable');
    const audit = JSON.stringify(
      await call('audit.query', { filter: { action: 'host.added' }, page: 0, pageSize: 10, sort: { field: 'id', direction: 'asc' } }),
    );
    expect(audit).not.toContain('PRIVATE KEY');
  });

  it('migrates a guest between added hosts through the wizard command, checked by the hypervisor CPU comparison', async () => {
    const guest = guestNamed(lab, 'lab-vm1');
    const from = await runningOn(lab, guest);
    const to = lab.hosts.find((h) => h.name !== from?.name && h.name !== 'ferry-lab-h3');
    if (!from || !to) throw new Error('lab-vm1 is not running');
    const { taskIds } = await call('migration.start', {
      vmIds: [guest.uuid],
      destHostId: idOf(to),
      type: 'compute',
      destDatastoreId: null,
      priority: 'default',
      options: { bandwidthLimitBps: null, convergence: defaultConvergencePolicy },
      acknowledgedWarnings: ['INSUFFICIENT_CPU'],
    });
    let task: Task | undefined;
    for (let i = 0; i < 600 && task?.phase !== 'done'; i++) {
      await sleep(100);
      task = (await call('tasks.detail', { taskId: taskIds[0] as string })).task;
    }
    expect(task?.state).toBe('completed');
    expect((await runningOn(lab, guest))?.name).toBe(to.name);
    // Back where it came from, for the next test.
    const back = await call('migration.start', {
      vmIds: [guest.uuid],
      destHostId: idOf(from),
      type: 'compute',
      destDatastoreId: null,
      priority: 'default',
      options: { bandwidthLimitBps: null, convergence: defaultConvergencePolicy },
      acknowledgedWarnings: ['INSUFFICIENT_CPU'],
    });
    for (let i = 0; i < 600 && (await call('tasks.detail', { taskId: back.taskIds[0] as string })).task.phase !== 'done'; i++)
      await sleep(100);
    expect((await runningOn(lab, guest))?.name).toBe(from.name);
  });

  it('reconnects the saved hosts after a restart, with the sealed credentials', async () => {
    await services.close();
    await open();
    await services.refreshInventory();
    for (
      let i = 0;
      i < 100 && services.inventory.allHosts().filter((h) => h.driverId === 'libvirt' && h.connection === 'connected').length < 3;
      i++
    ) {
      await sleep(200);
      await services.refreshInventory();
    }
    expect(services.inventory.allHosts().filter((h) => h.driverId === 'libvirt' && h.connection === 'connected')).toHaveLength(3);
  });

  it('removes a host', async () => {
    const [h2] = (await call('hosts.connections', {})).filter((c) => c.hostId === idOf(hostNamed(lab, 'ferry-lab-h2')));
    await call('hosts.remove', { connectionId: h2!.id });
    await services.refreshInventory();
    expect(services.inventory.host(idOf(hostNamed(lab, 'ferry-lab-h2')))).toBeUndefined();
    expect((await call('hosts.connections', {})).map((c) => c.hostId)).not.toContain(idOf(hostNamed(lab, 'ferry-lab-h2')));
  });
});
