import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A guest as the simulated datacenter's saved state has it: the sim's own truth, not Ferry's. */
export interface SimGuest {
  hostId: string;
  power: string;
  copy?: string;
  pausedOn: ({ hostId: string; copy: string } | string)[];
  crashed: boolean;
  bootId: string;
  bootedAtMs: number;
}

interface Overlay {
  vms: Record<string, SimGuest>;
  jobs: { spec: { jobId: string }; phase: string }[];
  reservations: { jobId: string }[];
}

/** Reads sim-datacenter.json (written by the console; read it after a clean stop for the latest). */
export class SimTruth {
  private readonly overlay: Overlay;

  constructor(dataDir: string) {
    this.overlay = JSON.parse(readFileSync(join(dataDir, 'sim-datacenter.json'), 'utf8')) as Overlay;
  }

  /** The saved state, or null before the sim first saved it. */
  static read(dataDir: string): SimTruth | null {
    return existsSync(join(dataDir, 'sim-datacenter.json')) ? new SimTruth(dataDir) : null;
  }

  guest(vmId: string): SimGuest | undefined {
    return this.overlay.vms[vmId];
  }

  /** What a job left behind: a reservation, or a job the sim still runs. */
  leftoversOf(jobId: string): string[] {
    const out: string[] = [];
    if (this.overlay.reservations.some((r) => r.jobId === jobId)) out.push(`reservation of ${jobId}`);
    const job = this.overlay.jobs.find((j) => j.spec.jobId === jobId);
    if (job && !['completed', 'failed', 'cancelled'].includes(job.phase)) out.push(`job ${jobId} still ${job.phase}`);
    return out;
  }
}
