// Crash tests on the lab: the first Ferry runs the libvirt driver in a child process (crash-child.ts,
// bundled here with Vite) journaling into a SQLite database, and is killed with SIGKILL mid-job;
// the second Ferry is a new driver in this process on the same database, as after a restart.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'vite';
import type { JobProgress, MigrationJobSpec } from '../../src/main/drivers/driver';
import type { LibvirtHostConfig } from '../../src/main/drivers/libvirt/hosts/config';
import type { JobRecord } from '../../src/main/drivers/libvirt/jobs/job-journal';
import { LibvirtDriver } from '../../src/main/drivers/libvirt/libvirt-driver';
import { openDatabase, type WritableDb } from '../../src/main/store/database';
import { DriverJobRepository } from '../../src/main/store/driver-jobs';
import type { CrashPlan } from './crash-child';
import { hostConfig, idOf, repoRoot, sleep, type Lab } from './lab-env';

const childDir = join(repoRoot, 'test-results', 'lab-crash-child');
let built: Promise<string> | null = null;

/** Bundles crash-child.ts once per run; dependencies stay in node_modules (the output sits in the repo). */
function childScript(): Promise<string> {
  built ??= (async () => {
    mkdirSync(childDir, { recursive: true });
    await build({
      configFile: false,
      logLevel: 'silent',
      root: repoRoot,
      build: {
        ssr: join(repoRoot, 'test/lab/crash-child.ts'),
        outDir: childDir,
        emptyOutDir: true,
        minify: false,
        rolldownOptions: { output: { entryFileNames: 'crash-child.mjs', format: 'es' } },
      },
    });
    return join(childDir, 'crash-child.mjs');
  })();
  return built;
}

/** Lab hosts as Ferry saved them: by URI, with their ids known before they answer. */
export const savedHosts = (lab: Lab): LibvirtHostConfig[] => lab.hosts.map((h) => ({ ...hostConfig(h), hostId: idOf(h) }));

export interface CrashSession {
  dbFile: string;
  db: WritableDb;
  /** The journal's record of a job, as the database holds it. */
  record(jobId: string): JobRecord | undefined;
  /** A driver on the same journal: Ferry after its restart. */
  restartedDriver(): LibvirtDriver;
  close(): Promise<void>;
}

/** A data folder of its own (one SQLite database) for one crash test. */
export function crashSession(lab: Lab): CrashSession {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-crash-'));
  const dbFile = join(dir, 'ferry.db');
  const db = openDatabase(dbFile);
  const journal = new DriverJobRepository(db).journalOf('libvirt');
  const drivers: LibvirtDriver[] = [];
  return {
    dbFile,
    db,
    record: (jobId) => journal.load(jobId) as JobRecord | undefined,
    restartedDriver: () => {
      const driver = new LibvirtDriver({ hosts: savedHosts(lab), sharedPools: ['shared'], journal });
      drivers.push(driver);
      return driver;
    },
    async close() {
      await Promise.all(drivers.map((d) => d.close()));
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface FirstFerry {
  child: ChildProcess;
  /** The job as the first Ferry last saw it. */
  progress: JobProgress;
  /** kill -9, and wait until the process is gone. */
  crash(): Promise<void>;
}

/** Starts the first Ferry on `spec` and returns once the job has moved `movedBytes` (and switched to post-copy if asked). */
export async function firstFerry(
  lab: Lab,
  session: CrashSession,
  spec: MigrationJobSpec,
  until: { movedBytes: number; postCopy?: boolean },
  limitMs = 60_000,
): Promise<FirstFerry> {
  const plan: CrashPlan = {
    dbFile: session.dbFile,
    hosts: savedHosts(lab),
    sharedPools: ['shared'],
    spec,
    movedBytes: until.movedBytes,
    postCopy: until.postCopy ?? false,
  };
  const child = spawn(process.execPath, [await childScript()], {
    env: { ...process.env, FERRY_CRASH_PLAN: JSON.stringify(plan) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout as NonNullable<typeof child.stdout> });
  const progress = await new Promise<JobProgress>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the first Ferry was not ready within ${limitMs} ms`)), limitMs);
    lines.on('line', (line) => {
      if (line.startsWith('READY ')) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice('READY '.length)) as JobProgress);
      } else if (line.startsWith('FAILED ')) {
        clearTimeout(timer);
        reject(new Error(`the first Ferry failed: ${line.slice('FAILED '.length)}`));
      }
    });
    child.once('exit', (code) => reject(new Error(`the first Ferry exited (${code}) before it was ready`)));
  });
  return {
    child,
    progress,
    async crash() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Polls a driver's job (as the engine would after a restart) until `until` holds. */
export async function followJob(
  driver: LibvirtDriver,
  jobId: string,
  until: (p: JobProgress) => boolean,
  limitMs = 90_000,
): Promise<JobProgress[]> {
  const seen: JobProgress[] = [];
  const deadline = Date.now() + limitMs;
  for (;;) {
    try {
      const p = await driver.jobProgress(jobId);
      seen.push(p);
      if (until(p)) return seen;
    } catch (error) {
      // Right after a restart the hosts may not answer yet: ask again, as the engine does.
      if ((error as { code?: string }).code !== 'HOST_UNREACHABLE') throw error;
    }
    if (Date.now() > deadline) throw new Error(`job ${jobId} never got there (last: ${JSON.stringify(seen.at(-1))})`);
    await sleep(250);
  }
}

export const ended = (p: JobProgress): boolean => p.status === 'completed' || p.status === 'failed' || p.status === 'cancelled';
