import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SimState, SimVm } from '../../src/main/drivers/sim/state';
import { FileStateStore } from '../../src/main/drivers/sim/store';

/** A guest as the simulated datacenter's saved state has it: the sim's own truth, not Ferry's. */
export type SimGuest = SimVm;

/**
 * Reads sim-datacenter.json (written by the console; read it after a clean stop for the latest)
 * through the sim's own store: the file holds only the guests changed since the preset was built.
 */
export class SimTruth {
  private constructor(private readonly state: SimState) {}

  /** The saved state, or null before the sim first saved it. */
  static read(dataDir: string): SimTruth | null {
    const file = join(dataDir, 'sim-datacenter.json');
    const state = existsSync(file) ? new FileStateStore(file).load() : null;
    return state ? new SimTruth(state) : null;
  }

  guest(vmId: string): SimGuest | undefined {
    return this.state.vms.find((v) => v.id === vmId);
  }

  /** What a job left behind: a reservation, or a job the sim still runs. */
  leftoversOf(jobId: string): string[] {
    const out: string[] = [];
    if (this.state.reservations.some((r) => r.jobId === jobId)) out.push(`reservation of ${jobId}`);
    const job = this.state.jobs.find((j) => j.spec.jobId === jobId);
    if (job && !['completed', 'failed', 'cancelled'].includes(job.phase)) out.push(`job ${jobId} still ${job.phase}`);
    return out;
  }
}
