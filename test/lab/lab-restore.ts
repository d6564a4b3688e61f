// Puts lab guests back on the hosts lab.json says they start on, through the driver (a guest on
// local storage moves with its disk). Tests that move guests call it afterwards.

import { expect } from 'vitest';
import type { LibvirtDriver } from '../../src/main/drivers/libvirt/libvirt-driver';
import type { JobProgress, MigrationJobSpec } from '../../src/main/drivers/driver';
import { jobSpec } from '../helpers/job-spec';
import { removeStrayDisks } from './guest-crashes';
import { hostNamed, idOf, probeUntil, runningOn, sleep, statesOf, virsh, type Lab, type LabGuest, type LabHost } from './lab-env';

export async function waitForJob(
  driver: LibvirtDriver,
  jobId: string,
  until: (p: JobProgress) => boolean = finished,
  limitMs = 120_000,
): Promise<JobProgress[]> {
  const seen: JobProgress[] = [];
  const deadline = Date.now() + limitMs;
  for (;;) {
    const progress = await driver.jobProgress(jobId);
    seen.push(progress);
    if (until(progress)) return seen;
    if (Date.now() > deadline) throw new Error(`job ${jobId} stuck at ${progress.status}`);
    await sleep(200);
  }
}

export const finished = (p: JobProgress): boolean => p.status === 'completed' || p.status === 'failed' || p.status === 'cancelled';

export function specFor(guest: LabGuest, from: string, to: string, overrides: Partial<MigrationJobSpec> = {}): MigrationJobSpec {
  const local = guest.storage === 'local';
  return jobSpec(guest.uuid, from, to, { ...(local ? { type: 'both', destDatastoreId: `libvirt-pool:${to}/local` } : {}), ...overrides });
}

/** Migrates a guest with the driver alone (no engine) and commits; throws unless it completed. */
export async function migrateDirect(driver: LibvirtDriver, spec: MigrationJobSpec): Promise<JobProgress> {
  await driver.reserveDestination(spec);
  await driver.startMigration(spec);
  const last = (await waitForJob(driver, spec.jobId)).at(-1) as JobProgress;
  if (last.status !== 'completed') throw new Error(`migration of ${spec.vmId} ended ${last.status}: ${last.error?.message ?? ''}`);
  await driver.removeLeftovers(spec, spec.sourceHostId);
  return last;
}

export async function restoreHome(lab: Lab, driver: LibvirtDriver): Promise<void> {
  for (const guest of lab.guests) {
    const on = (await runningOn(lab, guest)) ?? (await startWhereDefined(lab, guest));
    const home = hostNamed(lab, guest.homeHost);
    if (!on) throw new Error(`${guest.name} runs nowhere: the lab needs attention`);
    // A move that failed its verification leaves the source's disk (Ferry's guidance says so): it would refuse the next.
    if (guest.storage === 'local') await removeStrayDisks(lab, guest);
    if (on.name === home.name) continue;
    await migrateDirect(driver, specFor(guest, idOf(on), idOf(home)));
    expect((await runningOn(lab, guest))?.name).toBe(home.name);
  }
}

/** A guest a test left shut off (a cold move) is booted where it is defined, once. */
async function startWhereDefined(lab: Lab, guest: LabGuest): Promise<LabHost | null> {
  const states = await statesOf(lab, guest);
  const defined = Object.keys(states);
  if (defined.length !== 1 || states[defined[0] as string] !== 'shut off') return null;
  const host = hostNamed(lab, defined[0] as string);
  await virsh(host, 'start', guest.uuid);
  await probeUntil(lab, guest, 120_000);
  return host;
}
