// What the driver writes to Ferry's database about each job, before each step takes effect, so a
// restarted Ferry (a new driver on the same journal) can pick the job up from the hypervisor's
// truth: the reservation's intent before each destination volume is created, the job's identity
// before the migrate call or the block copies start, the steering it asked for, and how it ended.

import type { Logger } from '../../../base/logger';
import type { DriverJournal, JobStatus, MigrationJobSpec } from '../../driver';
import type { MigrationParams } from '../rpc';
import type { JobError } from './job-common';
import type { DiskMove } from './volumes';

/** The destination volumes of one job: what moves where, and which files Ferry made. */
export interface JournaledReservation {
  hostId: string;
  pool: { name: string; type: string } | null;
  moves: DiskMove[];
  /** Paths this reservation created (and so may delete). */
  created: string[];
  /** A path being created: checked absent before, so a file there after a crash is ours. */
  creating: string | null;
  /** Every move has its volume. */
  complete: boolean;
}

/** What identifies a started job on the hypervisor, and what a restart needs to steer or resume it. */
export type JournaledJob =
  | {
      kind: 'migration';
      domain: { uuid: string; name: string };
      startedAt: number;
      destinationUri: string;
      flags: number;
      /** The parameters without the domain XMLs (they may carry secrets; a resume does not need them). */
      params: MigrationParams;
      copiesDisks: boolean;
    }
  | { kind: 'block-copy'; domain: { uuid: string; name: string }; startedAt: number };

export interface JobRecord {
  version: 1;
  spec: MigrationJobSpec;
  reservation: JournaledReservation;
  job: JournaledJob | null;
  /** Steering and stage, each written before it is asked for (or as soon as it is seen). */
  state: {
    stage: JobStatus;
    switchedOver: boolean;
    cancelRequested: boolean;
    postCopyRequested: boolean;
    downtimeLimitMs: number;
  };
  /** How the job ended, once it did (a post-copy resume clears it). */
  end: { status: 'completed' | 'failed' | 'cancelled'; error: JobError | null; at: number } | null;
}

/** The driver's typed view of its DriverJournal: one record per job id, every write synchronous. */
export class JobJournal {
  constructor(
    private readonly store: DriverJournal,
    private readonly logger: Logger,
  ) {}

  load(jobId: string): JobRecord | null {
    return this.parse(jobId, this.store.load(jobId));
  }

  /** Every readable record. */
  records(): JobRecord[] {
    const out: JobRecord[] = [];
    for (const [jobId, raw] of this.store.all()) {
      const record = this.parse(jobId, raw);
      if (record) out.push(record);
    }
    return out;
  }

  /** A new record for a job about to reserve its destination (replaces any earlier one). */
  begin(spec: MigrationJobSpec, reservation: JournaledReservation): JobRecord {
    const record: JobRecord = {
      version: 1,
      spec: { ...spec },
      reservation,
      job: null,
      state: { stage: 'setup', switchedOver: false, cancelRequested: false, postCopyRequested: false, downtimeLimitMs: spec.maxDowntimeMs },
      end: null,
    };
    this.store.save(spec.jobId, record);
    return record;
  }

  /** Changes one record and writes it before returning (the caller acts only afterwards). */
  update(jobId: string, change: (record: JobRecord) => void): JobRecord | null {
    const record = this.load(jobId);
    if (!record) return null;
    change(record);
    this.store.save(jobId, record);
    return record;
  }

  /** The job's identity, written before the migrate call or the first block copy; a new start replaces the last. */
  started(jobId: string, job: JournaledJob): void {
    this.update(jobId, (r) => {
      r.job = job;
      r.state = { ...r.state, stage: 'setup', switchedOver: false, cancelRequested: false, postCopyRequested: false };
      r.end = null;
    });
  }

  forget(jobId: string): void {
    this.store.forget(jobId);
  }

  private parse(jobId: string, raw: unknown): JobRecord | null {
    if (raw === undefined || raw === null) return null;
    if (isRecord(raw)) return raw;
    this.logger.warn(`libvirt: journal record of job ${jobId} is not one this version reads; ignored`);
    return null;
  }
}

function isRecord(raw: unknown): raw is JobRecord {
  if (typeof raw !== 'object' || raw === null) return false;
  const r = raw as Partial<JobRecord>;
  return (
    r.version === 1 &&
    typeof r.spec?.jobId === 'string' &&
    typeof r.spec.vmId === 'string' &&
    Array.isArray(r.reservation?.moves) &&
    Array.isArray(r.reservation.created) &&
    typeof r.state?.stage === 'string'
  );
}

/** The migrate parameters worth keeping: everything but the domain definitions. */
export function journaledParams(params: MigrationParams): MigrationParams {
  const { destinationXml: _d, persistentXml: _p, ...kept } = params;
  return kept;
}
