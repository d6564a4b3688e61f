// The first Ferry of a crash test, in a process of its own: a libvirt driver journaling into a
// SQLite database, which reserves and starts one migration, follows it to the point the test asks
// for, prints one `READY <progress JSON>` line and then waits to be killed (kill -9: no cleanup).
// Built by crash-harness.ts; the plan comes in FERRY_CRASH_PLAN.

import type { JobProgress, MigrationJobSpec } from '../../src/main/drivers/driver';
import type { LibvirtHostConfig } from '../../src/main/drivers/libvirt/hosts/config';
import { LibvirtDriver } from '../../src/main/drivers/libvirt/libvirt-driver';
import { openDatabase } from '../../src/main/store/database';
import { DriverJobRepository } from '../../src/main/store/driver-jobs';

export interface CrashPlan {
  dbFile: string;
  hosts: LibvirtHostConfig[];
  sharedPools: string[];
  spec: MigrationJobSpec;
  /** Ready once this much has moved (memory and disk), in a running status. */
  movedBytes: number;
  /** Then switch to post-copy and be ready once the guest runs on the destination. */
  postCopy: boolean;
}

const plan = JSON.parse(process.env['FERRY_CRASH_PLAN'] ?? '{}') as CrashPlan;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const running = (p: JobProgress): boolean => ['setup', 'storage', 'memory', 'postcopy'].includes(p.status);

async function main(): Promise<void> {
  const db = openDatabase(plan.dbFile);
  const driver = new LibvirtDriver({
    hosts: plan.hosts,
    sharedPools: plan.sharedPools,
    journal: new DriverJobRepository(db).journalOf('libvirt'),
  });
  const { spec } = plan;
  await driver.reserveDestination(spec);
  await driver.startMigration(spec);
  let progress = await driver.jobProgress(spec.jobId);
  while (progress.memoryProcessedBytes + progress.diskProcessedBytes < plan.movedBytes || (plan.postCopy && progress.status !== 'memory')) {
    if (!running(progress)) throw new Error(`the job ended ${progress.status} before the crash: ${progress.error?.message ?? ''}`);
    await sleep(100);
    progress = await driver.jobProgress(spec.jobId);
  }
  if (plan.postCopy) {
    await driver.startPostCopy(spec.jobId);
    while (progress.status !== 'postcopy') {
      await sleep(100);
      progress = await driver.jobProgress(spec.jobId);
    }
  }
  process.stdout.write(`READY ${JSON.stringify(progress)}\n`);
  // Wait for the kill, holding every connection open as a live Ferry would.
  setInterval(() => undefined, 60_000);
}

main().catch((error: unknown) => {
  process.stdout.write(`FAILED ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
