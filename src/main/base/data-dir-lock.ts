import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
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

/**
 * One console per data folder: two would each run the simulated datacenter and the scheduler.
 * A lock left by a crashed console (its PID gone) is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'ferry.lock');
  // A lock this process holds already (its PID in the file would look like a stale one of ours).
  if (held.has(file)) throw new DataDirInUseError(`this Ferry is already using ${dataDir}`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      held.add(file);
      return () => {
        held.delete(file);
        try {
          unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(file, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new DataDirInUseError(`another Ferry (PID ${pid}) is using ${dataDir}`);
      }
      unlinkSync(file);
    }
  }
  throw new DataDirInUseError(`could not lock ${dataDir}`);
}
