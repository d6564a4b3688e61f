// What every running job of this driver (a live migration, a storage-only block copy) offers
// the driver: progress, the steering calls, and its end.

import type { DriverErrorCode, JobProgress, JobStatus, MigrationJobSpec } from '../../driver';

export interface DriverJob {
  readonly spec: MigrationJobSpec;
  readonly status: JobStatus;
  readonly switchedOver: boolean;
  /** Epoch ms when the job ended; null while it runs. */
  readonly finishedAt: number | null;
  /** Resolves when the job has ended (completed, failed or cancelled); never rejects. */
  readonly ended: Promise<void>;
  progress(): Promise<JobProgress>;
  cancel(): Promise<void>;
  setDowntimeLimit(ms: number): Promise<void>;
  startPostCopy(): Promise<void>;
  /** Resumes a post-copy that broke while both halves survive. */
  resumePostCopy(): Promise<void>;
  /** Stops watching (the driver is closing): the hosts keep the job; the engine reconciles on the next start. */
  detach(): void;
}

export type JobError = { code: DriverErrorCode; message: string };

const ORDER: Readonly<Record<JobStatus, number>> = {
  setup: 0,
  storage: 1,
  memory: 2,
  postcopy: 3,
  completed: 4,
  failed: 4,
  cancelled: 4,
  unknown: 4,
};

/** Statuses only move forward while a job runs (libvirt's counters can dip between phases). */
export const later = (current: JobStatus, next: JobStatus): JobStatus => (ORDER[next] > ORDER[current] ? next : current);

export const isRunning = (status: JobStatus): boolean =>
  status === 'setup' || status === 'storage' || status === 'memory' || status === 'postcopy';
