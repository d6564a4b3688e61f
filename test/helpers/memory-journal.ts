import type { DriverJournal } from '../../src/main/drivers/driver';

/**
 * A driver journal kept in memory, as JSON text (so a record read back is a copy, as from SQLite).
 * Two drivers given the same instance play a Ferry restart on the same data folder.
 */
export class MemoryJournal implements DriverJournal {
  private readonly records = new Map<string, string>();
  /** Every write in order, for tests that check what was journaled before an effect. */
  readonly writes: { jobId: string; record: unknown }[] = [];

  load(jobId: string): unknown {
    const text = this.records.get(jobId);
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  }

  save(jobId: string, record: unknown): void {
    const text = JSON.stringify(record);
    this.records.set(jobId, text);
    this.writes.push({ jobId, record: JSON.parse(text) as unknown });
  }

  forget(jobId: string): void {
    this.records.delete(jobId);
  }

  all(): Map<string, unknown> {
    return new Map([...this.records].map(([id, text]) => [id, JSON.parse(text) as unknown]));
  }
}
