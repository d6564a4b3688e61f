import { mkdirSync } from 'node:fs';
import { lockDataDir } from '../store/data-dir-lock';
import { Services, type ServicesOptions } from './services';

/** A running console: its services, and the data folder it holds. */
export interface Console {
  services: Services;
  close(): Promise<void>;
}

/**
 * One console per data folder, whatever the shell (Electron's tray app, the browser console):
 * takes the folder's lock before anything reads it, then builds and starts the services. Two would
 * each run the scheduler and recover each other's migrations.
 */
export async function openConsole(options: ServicesOptions, beforeStart: (services: Services) => void = () => undefined): Promise<Console> {
  // Only its user may enter it: the inventory, tasks and audit trail are no one else's to read.
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const unlock = lockDataDir(options.dataDir);
  let services: Services | null = null;
  try {
    services = new Services(options);
    beforeStart(services);
    await services.start();
  } catch (error) {
    await services?.close();
    unlock();
    throw error;
  }
  const opened = services;
  return {
    services: opened,
    close: async () => {
      await opened.close();
      unlock();
    },
  };
}
