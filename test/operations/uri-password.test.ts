import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/main/base/logger';
import { LibvirtUriError, parseLibvirtUri } from '../../src/main/drivers/libvirt/rpc/uri';
import { ConnectionRepository } from '../../src/main/store/connections';
import { openDatabase } from '../../src/main/store/database';
import { libvirtUriShape } from '../../src/shared/model/libvirt-uri';
import { dbOf, routerFor, useServices } from '../helpers/services';
import { useTempDirs } from '../helpers/temp-dir';

const secret = 'hunter2-Secret';
const context = { actor: 'tester', shell: 'browser' } as const;

describe('a password in a libvirt URI', () => {
  const start = useServices();
  const tempDir = useTempDirs();

  it('is refused with a typed error that says where passwords go, and is never echoed', async () => {
    const { services } = await start();
    const router = routerFor(services);
    for (const [command, input] of [
      ['hosts.testConnection', { uri: `qemu+ssh://root:${secret}@10.0.0.5/system`, clusterName: 'lab' }],
      ['hosts.add', { uri: `qemu+tcp://admin:${encodeURIComponent(secret)}@[fd00::5]:16509/system`, clusterName: 'lab' }],
      ['hosts.add', { uri: 'qemu+tls://h5/system', clusterName: 'lab', migrationUri: `tcp://root:${secret}@h5:49152` }],
    ] as const) {
      const answer = await router.dispatch(command, input, context);
      expect(answer).toMatchObject({ ok: false, error: { code: 'PASSWORD_IN_URI' } });
      const text = JSON.stringify(answer);
      expect(text).toMatch(/SSH login|SASL login/);
      expect(text).not.toContain('hunter2');
    }
    expect(JSON.stringify(dbOf(services).prepare('SELECT * FROM connections').all())).not.toContain('hunter2');
  });

  it('is found when it holds characters a URI cannot carry unencoded (# / ?), and a port is not taken for one', async () => {
    const { services } = await start();
    const router = routerFor(services);
    for (const password of ['X#y-hunter2', 'a/b-hunter2', 'q?hunter2', '']) {
      const uri = `qemu+tcp://root:${password}@127.0.0.1:1/system`;
      expect(libvirtUriShape(uri)).toMatchObject({ ok: false, kind: 'PASSWORD_IN_URI' });
      for (const input of [
        { uri, clusterName: 'lab' },
        { uri: 'qemu+tls://h5/system', clusterName: 'lab', migrationUri: `tcp://root:${password}@h5:49152` },
      ]) {
        const answer = await router.dispatch('hosts.testConnection', input, context);
        expect(answer).toMatchObject({ ok: false, error: { code: 'PASSWORD_IN_URI' } });
        expect(JSON.stringify(answer)).not.toContain('hunter2');
      }
    }
    expect(libvirtUriShape('qemu+ssh://h:2222/system?keyfile=/home/a@b/.ssh/id')).toMatchObject({ ok: true });
    expect(libvirtUriShape('qemu+ssh://root@h:22/system')).toMatchObject({ ok: true });
  });

  it('is refused by the add-host form and by the driver too', () => {
    expect(libvirtUriShape(`qemu+ssh://root:${secret}@h/system`)).toMatchObject({ ok: false, kind: 'PASSWORD_IN_URI' });
    expect(libvirtUriShape('qemu+ssh://root@h/system')).toMatchObject({ ok: true });
    let error: unknown = null;
    try {
      parseLibvirtUri(`qemu+ssh://root:${secret}@h/system`);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LibvirtUriError);
    expect((error as LibvirtUriError).kind).toBe('PASSWORD_IN_URI');
    expect(String((error as Error).message)).not.toContain('hunter2');
  });

  it('is removed from a host an older Ferry saved with one, and never logged', async () => {
    const dataDir = tempDir();
    mkdirSync(dataDir, { recursive: true });
    const db = openDatabase(`${dataDir}/ferry.db`);
    new ConnectionRepository(db).insert({
      id: 'c1',
      kind: 'libvirt',
      uri: `qemu+tcp://root:${secret}@127.0.0.1:1/system`,
      name: 'old-host',
      clusterId: 'libvirt-cluster:lab',
      config: { hostId: null, clusterName: 'lab', auth: 'none', migrationUri: `tcp://root:${secret}@127.0.0.1:49152` },
      secret: null,
      secretBox: null,
      createdAt: new Date().toISOString(),
    });
    db.close();
    const lines: string[] = [];
    const { services } = await start({ dataDir, logger: createLogger((line) => lines.push(line)) });
    const [row] = dbOf(services).prepare('SELECT uri, config FROM connections').all() as { uri: string; config: string }[];
    expect(row?.uri).toBe('qemu+tcp://root@127.0.0.1:1/system');
    expect(row?.config).not.toContain('hunter2');
    // Overwritten on disk, not only unlinked: neither the database file nor its WAL holds it.
    for (const file of [`${dataDir}/ferry.db`, `${dataDir}/ferry.db-wal`])
      if (existsSync(file)) expect(readFileSync(file).includes(secret)).toBe(false);
    expect(lines.join('\n')).toMatch(/password.*removed/i);
    expect(lines.join('\n')).not.toContain('hunter2');
  });
});
