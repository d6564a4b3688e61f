import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Phase } from '../../src/shared/model/migration';

/**
 * Reads a running console's task journal from outside (a read-only connection beside its writer),
 * the way a crash could find it: fast enough to catch a phase that lasts a few milliseconds.
 */
export class JournalWatch {
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    this.db = new Database(join(dataDir, 'ferry.db'), { readonly: true, fileMustExist: true });
    this.db.pragma('busy_timeout = 1000');
  }

  /** The task's phase as the console last journaled it ('queued' before its first phase). */
  phaseOf(taskId: string): Phase | null {
    const row = this.db.prepare('SELECT phase FROM tasks WHERE id = ?').get(taskId) as { phase: Phase } | undefined;
    return row?.phase ?? null;
  }

  /** Resolves as soon as the task is in `phase`; rejects if it ends or gets past it first. */
  async until(taskId: string, phase: Phase, timeoutMs = 60_000): Promise<void> {
    const order: Phase[] = ['queued', 'prepare', 'precheck', 'reserve', 'storage', 'memory', 'switchover', 'verify', 'commit', 'done'];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const now = this.phaseOf(taskId);
      if (now === phase) return;
      if (now !== null && order.indexOf(now) > order.indexOf(phase)) throw new Error(`task ${taskId} went past ${phase} (now ${now})`);
      if (Date.now() > deadline) throw new Error(`task ${taskId} did not reach ${phase} within ${timeoutMs} ms (now ${now})`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }

  close(): void {
    this.db.close();
  }
}
