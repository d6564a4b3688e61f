import type { WritableDb } from '../database';

interface Named {
  id: string;
  name: string;
}

/** Extra key columns a table keeps beside the JSON document, for indexes and Ferry-owned state. */
type KeyColumns<T> = Record<string, (item: T) => string>;

/**
 * One table of driver-reported inventory: the last document each driver reported, by id.
 * Ferry-owned columns (a cluster's policy) are left alone by `replaceForDriver`.
 */
export class InventoryTable<T extends Named> {
  private readonly upsert: ReturnType<WritableDb['prepare']>;

  constructor(
    private readonly db: WritableDb,
    readonly table: string,
    private readonly keys: KeyColumns<T> = {},
  ) {
    const columns = ['id', 'name', 'driver_id', ...Object.keys(keys), 'data'];
    const updates = columns.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`);
    this.upsert = db.prepare(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})
       ON CONFLICT(id) DO UPDATE SET ${updates.join(', ')}`,
    );
  }

  all(): T[] {
    return (this.db.prepare(`SELECT data FROM ${this.table} ORDER BY name`).all() as { data: string }[]).map(
      (r) => JSON.parse(r.data) as T,
    );
  }

  /** Owners by id, so a restarted console knows which driver reported each object. */
  driverIds(): Map<string, string> {
    const rows = this.db.prepare(`SELECT id, driver_id FROM ${this.table}`).all() as { id: string; driver_id: string }[];
    return new Map(rows.map((r) => [r.id, r.driver_id]));
  }

  put(driverId: string, items: readonly T[]): void {
    this.db.transaction(() => {
      for (const item of items) this.upsert.run(this.row(driverId, item));
    })();
  }

  /** Makes the table hold exactly `items` for this driver. */
  replaceForDriver(driverId: string, items: readonly T[]): void {
    this.db.transaction(() => {
      const keep = new Set(items.map((i) => i.id));
      const existing = this.db.prepare(`SELECT id FROM ${this.table} WHERE driver_id = ?`).all(driverId) as { id: string }[];
      const remove = this.db.prepare(`DELETE FROM ${this.table} WHERE id = ?`);
      for (const { id } of existing) if (!keep.has(id)) remove.run(id);
      for (const item of items) this.upsert.run(this.row(driverId, item));
    })();
  }

  remove(ids: readonly string[]): void {
    const remove = this.db.prepare(`DELETE FROM ${this.table} WHERE id = ?`);
    this.db.transaction(() => ids.forEach((id) => remove.run(id)))();
  }

  private row(driverId: string, item: T): Record<string, string> {
    const row: Record<string, string> = { id: item.id, name: item.name, driver_id: driverId, data: JSON.stringify(item) };
    for (const [column, value] of Object.entries(this.keys)) row[column] = value(item);
    return row;
  }
}
