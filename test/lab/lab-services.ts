// Ferry's own services (inventory, engine, audit) on the real clock with the lab's libvirt driver,
// the way the app composes them; the embedded simulated datacenter is the tiny preset in memory.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Services } from '../../src/main/app/services';
import { MemoryStateStore } from '../../src/main/drivers/sim/store';
import type { LibvirtDriver } from '../../src/main/drivers/libvirt/libvirt-driver';
import { defaultConvergencePolicy, type Task } from '../../src/shared/model/migration';
import type { MigrationRequest } from '../../src/shared/model/schedule';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { labDriver, readLab, sleep, type Lab } from './lab-env';
import { restoreHome } from './lab-restore';

export interface LabServices {
  services: Services;
  close(): Promise<void>;
}

export interface LabSession {
  lab: Lab;
  driver: LibvirtDriver;
  /** Ferry's services over the driver, once the suite has started. */
  opened: { readonly services: Services };
}

/**
 * For one lab suite: its guests start at home, Ferry's services run over the lab driver, and the
 * guests go home again after each test (`restore: 'each'`) or after the suite.
 */
export function useLabSession(restore: 'each' | 'suite'): LabSession {
  const lab = readLab();
  const driver = labDriver(lab);
  let opened: LabServices | undefined;
  beforeAll(async () => {
    await restoreHome(lab, driver);
    opened = await openServices(driver);
  });
  if (restore === 'each') afterEach(() => restoreHome(lab, driver));
  afterAll(async () => {
    if (restore === 'suite') await restoreHome(lab, driver);
    await opened?.close();
  });
  return {
    lab,
    driver,
    opened: {
      get services() {
        if (!opened) throw new Error('the lab services start in beforeAll');
        return opened.services;
      },
    },
  };
}

export async function openServices(driver: LibvirtDriver): Promise<LabServices> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ferry-lab-'));
  const services = new Services({
    dataDir,
    shell: 'browser',
    version: 'lab',
    osUser: 'lab',
    preset: 'tiny',
    simStore: new MemoryStateStore(),
    drivers: [driver],
  });
  await services.start();
  return {
    services,
    async close() {
      await services.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A request as the wizard makes it; the lab machine has 2 cores, so a CPU-load warning is
 * acknowledged. One with its own options slows the copy on purpose (to act mid-way): it acknowledges
 * what the checks warn of them too, as an admin ticks it.
 */
export function request(overrides: Partial<MigrationRequest> & Pick<MigrationRequest, 'vmIds' | 'destHostId'>): MigrationRequest {
  return {
    type: 'compute',
    destDatastoreId: null,
    priority: 'default',
    options: { bandwidthLimitBps: null, convergence: { ...defaultConvergencePolicy } },
    acknowledgedWarnings: overrides.options ? ['INSUFFICIENT_CPU', 'WILL_NOT_CONVERGE', 'WILL_TIME_OUT'] : ['INSUFFICIENT_CPU'],
    ...overrides,
  };
}

/** Waits (real time) until the task is done. */
export async function untilDone(services: Services, taskId: string, limitMs = 120_000): Promise<Task> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const task = services.board.get(taskId);
    if (task?.phase === 'done') return task;
    if (Date.now() > deadline) throw new Error(`task ${taskId} still ${task?.state}/${task?.phase} after ${limitMs} ms`);
    await sleep(100);
  }
}

export async function untilTask(services: Services, taskId: string, holds: (task: Task) => boolean, limitMs = 60_000): Promise<Task> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const task = services.board.get(taskId);
    if (task && holds(task)) return task;
    if (Date.now() > deadline) throw new Error(`task ${taskId} never reached the expected state (now ${task?.state}/${task?.phase})`);
    await sleep(100);
  }
}

/** Runs one migration through the engine and returns the finished task with its wall time. */
export async function migrate(services: Services, req: MigrationRequest): Promise<{ task: Task; wallMs: number }> {
  const started = Date.now();
  const [task] = services.engine.request(req, { requestedBy: 'lab-test' });
  if (!task) throw new Error('no task');
  const done = await untilDone(services, task.id);
  return { task: done, wallMs: Date.now() - started };
}

/**
 * A finished task told for a failure message: its error, each journaled phase with the second it
 * began and its note, and where the copy stood (a CI log's tail is often all there is to go on).
 */
export function howItWent(services: Services, task: Task): string {
  const journal = services.board.journalOf(task.id);
  const t0 = Date.parse(journal[0]?.at ?? '') || 0;
  const phases = journal.map((e) => `${e.phase}@${((Date.parse(e.at) - t0) / 1000).toFixed(1)}s${e.note ? ` (${e.note})` : ''}`);
  const p = task.progress;
  return `${JSON.stringify(task.error)}; ${phases.join(' > ')}; copy: ${p.memoryProcessedBytes} B sent, ${p.memoryRemainingBytes} B left, pass ${p.iteration}`;
}
