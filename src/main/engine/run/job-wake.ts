import { type Clock } from '../../base/clock/clock';
import type { DriverEvent } from '../../drivers/driver';

/** What a job wake needs of a driver: its events. */
export interface JobEvents {
  subscribe(listener: (event: DriverEvent) => void): () => void;
}

/**
 * Waits between two reads of a job: the poll interval at most, and no longer than it takes the
 * driver to report a change of this job (libvirt's JOB_COMPLETED, a stage reached). A change that
 * arrived while the job was being read is kept, so the next wait returns at once: an event between
 * two reads is never lost, and a migration's end is seen when it happens, not up to a poll later.
 */
export class JobWake {
  private changed = false;
  private wake: (() => void) | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly clock: Clock,
    driver: JobEvents | null,
    jobId: string,
  ) {
    this.unsubscribe =
      driver?.subscribe((event) => {
        if (event.kind !== 'job-changed' || event.jobId !== jobId) return;
        this.changed = true;
        this.wake?.();
      }) ?? (() => undefined);
  }

  /** Resolves after `ms`, or at once when the job changed since the last wait, or when it changes. */
  next(ms: number): Promise<void> {
    if (this.changed) {
      this.changed = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        this.clock.clearTimeout(timer);
        this.wake = null;
        this.changed = false;
        resolve();
      };
      const timer = this.clock.setTimeout(done, ms);
      this.wake = done;
    });
  }

  close(): void {
    this.wake?.();
    this.unsubscribe();
  }
}
