import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redactUri } from '../../src/main/base/redact';
import { openDatabase } from '../../src/main/store/database';
import type { HostConnection } from '../../src/shared/model/inventory';
import { useServices, routerFor } from '../helpers/services';

const context = { actor: 'alice', shell: 'browser' as const };

describe('adding libvirt hosts through the API', () => {
  const start = useServices();

  it('rejects malformed host input with a typed error and saves nothing', async () => {
    const { services } = await start();
    for (const payload of [
      { uri: 'qemu+ssh://h/system', clusterName: '' },
      { uri: 'qemu+ssh://h/system', clusterName: 'c', credentials: { kind: 'password' } },
      { uri: 'qemu+ssh://h/system', clusterName: 'c', sql: 'x' },
      { uri: 'qemu+ssh://h/system', clusterName: 'c', migrationBandwidthBps: 0 },
      { uri: 'qemu+ssh://h/system', clusterName: 'c', migrationBandwidthBps: '10 Gb/s' },
      { uri: 'qemu+ssh://h/system', clusterName: 'c', agentBootId: 'yes' },
    ]) {
      expect(await routerFor(services).dispatch('hosts.add', payload, context)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_FAILED' },
      });
    }
    // A URI that cannot be read answers with a URI-level code, not "the hypervisor refused" (review2 F5).
    for (const uri of ['x', 'qemu+tcp://[::1', 'qemu+ssh://', 'qemu+tcp://h:70000/system']) {
      for (const command of ['hosts.add', 'hosts.testConnection'] as const)
        expect(await routerFor(services).dispatch(command, { uri, clusterName: 'c' }, context)).toMatchObject({
          ok: false,
          error: { code: 'INVALID_URI' },
        });
    }
    expect(await routerFor(services).dispatch('hosts.connections', {}, context)).toEqual({ ok: true, value: [] });
  });

  it('reports an unreachable host as a typed error, saves nothing, and never puts the password in errors, logs or audit', async () => {
    const lines: string[] = [];
    const { services, dataDir } = await start({
      logger: {
        info: (m) => lines.push(m),
        warn: (m, e) => lines.push(`${m} ${String(e)}`),
        error: (m, e) => lines.push(`${m} ${String(e)}`),
      },
    });
    // A unix socket that does not exist: fails fast, without network traffic.
    const reply = await routerFor(services).dispatch(
      'hosts.add',
      {
        uri: `qemu+unix:///system?socket=${join(dataDir, 'nowhere.sock')}`,
        clusterName: 'lab',
        credentials: { kind: 'password', password: 'correct horse battery' },
      },
      context,
    );
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(['HOST_UNREACHABLE', 'OPERATION_FAILED']).toContain(reply.error.code);
    expect(JSON.stringify(reply)).not.toContain('correct horse');
    expect(lines.join('\n')).not.toContain('correct horse');
    expect((await routerFor(services).dispatch('hosts.connections', {}, context)) as unknown).toEqual({ ok: true, value: [] });
    await services.close();
    expect(readFileSync(join(dataDir, 'ferry.db')).toString('latin1')).not.toContain('correct horse');
  });

  it('redacts passwords from URIs it shows or audits', () => {
    expect(redactUri('qemu+ssh://root:s3cret@10.0.0.1/system')).toBe('qemu+ssh://root@10.0.0.1/system');
    expect(redactUri('qemu+tcp://10.0.0.1/system')).toBe('qemu+tcp://10.0.0.1/system');
    // Query strings carry key paths and options: they never reach a log or the audit trail...
    expect(redactUri('qemu+ssh://root@10.0.0.1/system?keyfile=/home/admin/.ssh/id_ed25519&no_verify=1')).toBe(
      'qemu+ssh://root@10.0.0.1/system',
    );
    // ...but a unix socket's path is which host it is: two local daemons stay apart.
    expect(redactUri('qemu+unix:///system?socket=/run/a/libvirt-sock')).not.toBe(
      redactUri('qemu+unix:///system?socket=/run/b/libvirt-sock'),
    );
    expect(redactUri('qemu+unix:///system?keyfile=/k&socket=/run/a/libvirt-sock')).toBe('qemu+unix:///system?socket=/run/a/libvirt-sock');
  });
});

describe('saved hosts whose credentials this console cannot open', () => {
  const start = useServices();

  it('start anyway, ask for the credentials again, and every other host starts as usual', async () => {
    const first = await start();
    const dataDir = first.dataDir;
    await first.services.close();
    // Two saved hosts: one sealed by the desktop app's keychain (which the browser console lacks), one without a secret.
    const db = openDatabase(join(dataDir, 'ferry.db'));
    const insert = db.prepare(
      "INSERT INTO connections (id, kind, uri, name, cluster_id, config, secret, secret_box, created_at) VALUES (?, 'libvirt', ?, ?, 'c', ?, ?, ?, 't')",
    );
    const config = (auth: string) => JSON.stringify({ hostId: null, clusterName: 'lab', auth });
    insert.run(
      'sealed',
      `qemu+unix:///system?socket=${join(dataDir, 'a.sock')}`,
      'kvm-a',
      config('password'),
      Buffer.from('opaque'),
      'electron safeStorage',
    );
    insert.run('plain', `qemu+unix:///system?socket=${join(dataDir, 'b.sock')}`, 'kvm-b', config('none'), null, null);
    db.close();

    const { services } = await start({ dataDir });
    const listed = (await routerFor(services).dispatch('hosts.connections', {}, context)) as { ok: true; value: HostConnection[] };
    expect(listed.value.map((c) => [c.name, c.status])).toEqual([
      ['kvm-a', 'credentials-unavailable'],
      ['kvm-b', 'ok'],
    ]);
    expect(listed.value[0]?.statusDetail).toMatch(/electron safeStorage.*re-enter/);
  });
});
