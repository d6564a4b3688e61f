import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readFileSync, readSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

const held = new Set<string>();

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const pidIn = (file: string): number | null => {
  const pid = existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : NaN;
  return Number.isInteger(pid) && pid > 0 ? pid : null;
};

/** The first bytes of a file (a lock of an older Ferry is its PID in text). */
function head(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(16);
    return buffer.toString('latin1', 0, readSync(fd, buffer, 0, 16, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * An older Ferry locked the folder with its PID in `ferry.lock`: refused while that process lives,
 * else emptied (never removed: a live lock is on the file itself, and a new file would be a second lock).
 */
function retireTextLock(file: string, dataDir: string): void {
  if (!existsSync(file)) return;
  const text = head(file);
  if (text.length === 0 || text.startsWith('SQLite format 3')) return;
  const pid = pidIn(file);
  if (pid !== null && pid !== process.pid && alive(pid)) throw new DataDirInUseError(`another Ferry (PID ${pid}) is using ${dataDir}`);
  truncateSync(file, 0);
}

/**
 * One console per data folder: two would each run the simulated datacenter and the scheduler, and
 * recover each other's migrations. The lock is an exclusive SQLite (fcntl) lock on `ferry.lock`,
 * held for the console's life: the kernel lets go of it when the process ends, however it ends, so
 * a crashed console leaves nothing to take over and no PID (stale or recycled) decides who may open
 * the folder. `ferry.pid` only names the holder in the refusal.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'ferry.lock');
  const pidFile = join(dataDir, 'ferry.pid');
  // SQLite shares one lock per file within a process: a second lock here would not be refused by it.
  if (held.has(file)) throw new DataDirInUseError(`this Ferry is already using ${dataDir}`);
  retireTextLock(file, dataDir);
  const db = new Database(file, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
    const pid = pidIn(pidFile);
    throw new DataDirInUseError(`another Ferry${pid ? ` (PID ${pid})` : ''} is using ${dataDir}`);
  }
  writeFileSync(pidFile, String(process.pid));
  held.add(file);
  return () => {
    held.delete(file);
    // The PID goes before the lock, so it never removes the record of the next holder.
    rmSync(pidFile, { force: true });
    db.close();
  };
}
