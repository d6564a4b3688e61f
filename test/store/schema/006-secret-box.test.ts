import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConnectionRepository } from '../../../src/main/store/connections';
import { openDatabase } from '../../../src/main/store/database';
import { migrations } from '../../../src/main/store/schema';
import { useTempDirs } from '../../helpers/temp-dir';

describe('schema migration 006 (secret box)', () => {
  const tempDir = useTempDirs();

  it('keeps connections saved before it (box unknown: null) and records the box from now on', () => {
    const file = join(tempDir(), 'ferry.db');
    const v5 = openDatabase(
      file,
      migrations.filter((m) => m.version < 6),
    );
    v5.prepare(
      "INSERT INTO connections (id, kind, uri, name, config, secret, created_at) VALUES ('old', 'libvirt', 'u', 'h', '{}', ?, 't')",
    ).run(Buffer.from('sealed'));
    v5.close();
    const repo = new ConnectionRepository(openDatabase(file, migrations));
    expect(repo.all()[0]).toMatchObject({ id: 'old', secretBox: null });
    repo.setSecret('old', Buffer.from('again'), 'file-key (AES-256-GCM)');
    expect(repo.all()[0]).toMatchObject({ secretBox: 'file-key (AES-256-GCM)' });
  });
});
