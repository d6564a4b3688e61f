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
      createdAt: r.created_at,
    }));
  }

  insert(c: StoredConnection): void {
    this.db
      .prepare('INSERT INTO connections (id, kind, uri, name, cluster_id, config, secret, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(c.id, c.kind, c.uri, c.name, c.clusterId, JSON.stringify(c.config), c.secret, c.createdAt);
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM connections WHERE id = ?').run(id);
  }
}
