import { hasUriPassword, withoutUriPassword } from '../../shared/model/libvirt-uri';
import type { WritableDb } from './database';

export interface StoredConnection {
  id: string;
  kind: string;
  uri: string;
  name: string;
  clusterId: string | null;
  /** Non-secret settings, as JSON. */
  config: Record<string, unknown>;
  /** Sealed by a SecretBox; never plain text. */
  secret: Buffer | null;
  /** The kind of box that sealed it; null for secrets saved before boxes were recorded. */
  secretBox: string | null;
  createdAt: string;
}

interface Row {
  id: string;
  kind: string;
  uri: string;
  name: string;
  cluster_id: string | null;
  config: string;
  secret: Buffer | null;
  secret_box: string | null;
  created_at: string;
}

/** Saved backend connections (libvirt hosts): how to reach them, with their credentials sealed. */
export class ConnectionRepository {
  constructor(private readonly db: WritableDb) {}

  all(kind?: string): StoredConnection[] {
    const rows = (
      kind
        ? this.db.prepare('SELECT * FROM connections WHERE kind = ? ORDER BY created_at').all(kind)
        : this.db.prepare('SELECT * FROM connections ORDER BY created_at').all()
    ) as Row[];
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      uri: r.uri,
      name: r.name,
      clusterId: r.cluster_id,
      config: JSON.parse(r.config) as Record<string, unknown>,
      secret: r.secret,
      secretBox: r.secret_box,
      createdAt: r.created_at,
    }));
  }

  insert(c: StoredConnection): void {
    this.db
      .prepare(
        'INSERT INTO connections (id, kind, uri, name, cluster_id, config, secret, secret_box, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(c.id, c.kind, c.uri, c.name, c.clusterId, JSON.stringify(c.config), c.secret, c.secretBox, c.createdAt);
  }

  /** Replaces a connection's sealed credentials (re-entered by the admin). */
  setSecret(id: string, secret: Buffer | null, secretBox: string | null): void {
    this.db.prepare('UPDATE connections SET secret = ?, secret_box = ? WHERE id = ?').run(secret, secretBox, id);
  }

  /** Replaces a connection's non-secret settings (e.g. which logins are saved, after they are re-entered). */
  setConfig(id: string, config: Record<string, unknown>): void {
    this.db.prepare('UPDATE connections SET config = ? WHERE id = ?').run(JSON.stringify(config), id);
  }

  /**
   * Takes out the passwords an older Ferry kept in saved URIs (a host's, its migration URI), which
   * it never used to log in. The old text is overwritten on disk (secure_delete, then a checkpoint
   * that empties the WAL), not only unlinked. Returns the names of the hosts changed.
   */
  removeUriPasswords(): string[] {
    const rows = this.db.prepare('SELECT id, name, uri, config FROM connections').all() as Pick<Row, 'id' | 'name' | 'uri' | 'config'>[];
    const stale = rows.filter((row) => hasUriPassword(row.uri) || hasUriPassword(String(JSON.parse(row.config).migrationUri ?? '')));
    if (stale.length === 0) return [];
    const update = this.db.prepare('UPDATE connections SET uri = ?, config = ? WHERE id = ?');
    const before = this.db.pragma('secure_delete', { simple: true }) as number;
    this.db.pragma('secure_delete = ON');
    try {
      this.db.transaction(() => {
        for (const row of stale) {
          const config = JSON.parse(row.config) as Record<string, unknown>;
          if (typeof config.migrationUri === 'string') config.migrationUri = withoutUriPassword(config.migrationUri);
          update.run(withoutUriPassword(row.uri), JSON.stringify(config), row.id);
        }
      })();
    } finally {
      this.db.pragma(`secure_delete = ${before}`);
    }
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return stale.map((row) => row.name);
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM connections WHERE id = ?').run(id);
  }
}
