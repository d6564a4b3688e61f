import { VirtualClock } from '../../../src/main/base/clock/virtual-clock';
import type { JobProgress, MigrationJobSpec } from '../../../src/main/drivers/driver';
import type { PresetName } from '../../../src/main/drivers/sim/presets';
import { SimDriver } from '../../../src/main/drivers/sim/sim-driver';
import type { SimStateStore } from '../../../src/main/drivers/sim/store';
import { jobSpec as sharedJobSpec } from '../../helpers/job-spec';

export function simulate(preset: PresetName = 'tiny', store?: SimStateStore, clock = new VirtualClock()) {
  const driver = new SimDriver({ clock, preset, store });
  return { clock, driver };
}

/** The sim's tests allow post-copy unless they say otherwise. */
export const jobSpec = (
  vmId: string,
  sourceHostId: string,
  destHostId: string,
  overrides: Partial<MigrationJobSpec> = {},
): MigrationJobSpec => sharedJobSpec(vmId, sourceHostId, destHostId, { postCopyAllowed: true, ...overrides });

export async function runUntilDone(driver: SimDriver, clock: VirtualClock, jobId: string, limitMs = 3_600_000): Promise<JobProgress> {
  for (let t = 0; t < limitMs; t += 500) {
    const p = await driver.jobProgress(jobId);
    if (p.status === 'completed' || p.status === 'failed' || p.status === 'cancelled') return p;
    await clock.advance(500);
  }
  return driver.jobProgress(jobId);
}
