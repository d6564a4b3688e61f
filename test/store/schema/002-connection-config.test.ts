import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/store/database';
import { initial } from '../../../src/main/store/schema/001-initial';
import { connectionConfig } from '../../../src/main/store/schema/002-connection-config';
import { useTempDirs } from '../../helpers/temp-dir';

describe('schema migration 002 (connection config)', () => {
  const tempDir = useTempDirs();

  it('adds a JSON config to connections, keeping rows saved before it', () => {
    const file = join(tempDir(), 'ferry.db');
    const v1 = openDatabase(file, [initial]);
    v1.prepare("INSERT INTO connections (id, kind, uri, name, created_at) VALUES ('c1', 'libvirt', 'qemu+tcp://h/system', 'h', 't')").run();
    v1.close();
    const v2 = openDatabase(file, [initial, connectionConfig]);
    expect(v2.prepare('SELECT id, config FROM connections').all()).toEqual([{ id: 'c1', config: '{}' }]);
    v2.close();
  });
});
