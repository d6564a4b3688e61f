import { afterEach } from 'vitest';
import { Services, type ServicesOptions } from '../../src/main/app/services';
import { VirtualClock } from '../../src/main/base/clock/virtual-clock';
import { MemoryStateStore } from '../../src/main/drivers/sim/store';
import { createHandlers } from '../../src/main/ipc/handlers';
import { createRouter, type Router } from '../../src/main/ipc/router';
import { openReadonlyDatabase, type ReadonlyDb } from '../../src/main/store/database';
import { useTempDirs } from './temp-dir';
import { isolatedOpenSshEnvironment } from './openssh-environment';

export interface TestServices {
  services: Services;
  clock: VirtualClock;
  dataDir: string;
}

/** Services on a virtual clock with the tiny (or another) simulated datacenter, closed after each test. */
export function useServices(): (options?: Partial<ServicesOptions>) => Promise<TestServices> {
  const tempDir = useTempDirs();
  const open: Services[] = [];
  afterEach(async () => {
    for (const reader of readers.values()) reader.close();
    readers.clear();
    for (const services of open.splice(0)) await services.close();
  });
  return async (options = {}) => {
    const clock = options.clock instanceof VirtualClock ? options.clock : new VirtualClock();
    const dataDir = options.dataDir ?? tempDir();
    const services = new Services({
      dataDir,
      shell: 'browser',
      version: 'test',
      osUser: 'tester',
      clock,
      simClock: clock,
      preset: 'tiny',
      simStore: new MemoryStateStore(),
      // An empty home and no agent: SSH hosts never see the real ~/.ssh from a test.
      openssh: isolatedOpenSshEnvironment(tempDir()),
      ...options,
    });
    open.push(services);
    await services.start();
    return { services, clock, dataDir };
  };
}

/** The console's command router over these services, as the shells build it, checking every response against the contract. */
export const routerFor = (services: Services): Router => createRouter(createHandlers(services), { checkResponses: true });

const readers = new Map<Services, ReadonlyDb>();
/** A read-only connection to the services' database, as a reader beside the console sees it; closed after each test. */
export function dbOf(services: Services): ReadonlyDb {
  let db = readers.get(services);
  if (!db?.open) {
    db = openReadonlyDatabase(services.databaseFile);
    readers.set(services, db);
  }
  return db;
}
