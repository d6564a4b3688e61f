// The driver's jobs: the ones this process runs, and the journaled ones it picks up after a restart
// (re-attached on first use, from the journal's record and the hypervisor's truth). Reservations
// live in the journal only; a record is forgotten once its job ended and its reservation was given
// back (a rollback's release) or used (the commit's cleanup on the source).

import type { Logger } from '../../../base/logger';
import { DriverError, type DriverEvent, type JobStatus, type MigrationJobSpec } from '../../driver';
import type { HostConnection } from '../hosts/host-connection';
import type { HostRegistry } from '../hosts/host-registry';
import { isRunning, type DriverJob } from './job-common';
import type { JobJournal, JobRecord } from './job-journal';
import { removeLeftovers } from './leftovers';
import { startJob } from './migration-starter';
import { MigrationJob } from './migration-job';
import { release, reservationOf, reserve, type ReservationContext } from './reservations';
import { StorageCopyJob } from './storage-copy-job';

/** Finished jobs are kept this long for late progress queries (verify, recovery), then dropped. */
const FINISHED_JOB_TTL_MS = 3600_000;

export interface JobTableOptions {
  registry: HostRegistry;
  sharedPools: ReadonlySet<string>;
  journal: JobJournal;
  parallelConnections: number | null;
  logger: Logger;
  emit: (event: DriverEvent) => void;
}

export class JobTable {
  private readonly jobs = new Map<string, DriverJob>();

  constructor(private readonly o: JobTableOptions) {}

  async reserve(spec: MigrationJobSpec): Promise<void> {
    await reserve(this.context(), spec);
  }

  /** Deletes what the reservation created and nobody uses; the record goes once the job is over. */
  async release(spec: MigrationJobSpec): Promise<void> {
    const reservation = reservationOf(this.o.journal, spec.jobId);
    if (!reservation) return;
    await release(this.context(), reservation);
    this.forgetIfOver(spec.jobId);
  }

  async start(spec: MigrationJobSpec): Promise<void> {
    const existing = this.find(spec.jobId);
    if (existing && existing.status !== 'failed' && existing.status !== 'cancelled') return;
    this.prune();
    await this.reserve(spec);
    const reservation = reservationOf(this.o.journal, spec.jobId);
    if (!reservation) throw new DriverError('OPERATION_FAILED', `job ${spec.jobId} has no reservation`);
    const source = this.o.registry.connection(spec.sourceHostId);
    const dest = this.o.registry.connection(spec.destHostId);
    dest.require();
    const job = await startJob(
      {
        source,
        dest,
        reservation,
        sharedPools: this.o.sharedPools,
        parallelConnections: this.o.parallelConnections,
        journal: this.o.journal,
        logger: this.o.logger,
        onStatus: this.onStatus(spec.jobId),
      },
      spec,
    );
    this.jobs.set(spec.jobId, job);
  }

  /** The job, this process's or re-attached from the journal; NOT_FOUND when neither knows it. */
  job(jobId: string): DriverJob {
    const job = this.find(jobId);
    if (!job) throw new DriverError('NOT_FOUND', `no migration job ${jobId}`);
    return job;
  }

  async removeLeftovers(spec: MigrationJobSpec, hostId: string): Promise<void> {
    const job = this.find(spec.jobId);
    // A storage move's leftovers depend on whether it pivoted: ask the job (the hypervisor, after a restart).
    const jobStatus = spec.type === 'storage' && job ? (await job.progress()).status : (job?.status ?? null);
    const kept = await removeLeftovers(this.context(), {
      spec,
      hostId,
      jobStatus,
      reservation: reservationOf(this.o.journal, spec.jobId),
    });
    if (kept.length > 0) this.o.logger.info(`libvirt: kept ${kept.join(', ')}`);
    // On the source this is the commit's cleanup (or a storage move's): the reservation has served.
    if (hostId === spec.sourceHostId) this.forgetIfOver(spec.jobId);
  }

  /** Hosts named by this VM's journaled jobs: where it may be while they are away. */
  hostsOf(vmId: string): Set<string> {
    const hosts = new Set<string>();
    for (const r of this.o.journal.records()) if (r.spec.vmId === vmId) hosts.add(r.spec.sourceHostId).add(r.spec.destHostId);
    return hosts;
  }

  /** A job under way (or journaled and not known to have ended) moves this VM. */
  moving(vmId: string): boolean {
    if ([...this.jobs.values()].some((j) => isRunning(j.status) && j.spec.vmId === vmId)) return true;
    return this.o.journal.records().some((r) => r.job !== null && r.end === null && r.spec.vmId === vmId);
  }

  /** A job under way (or not known to have ended) involves this host. */
  involves(hostId: string): boolean {
    const touches = (spec: MigrationJobSpec): boolean => spec.sourceHostId === hostId || spec.destHostId === hostId;
    if ([...this.jobs.values()].some((j) => isRunning(j.status) && touches(j.spec))) return true;
    return this.o.journal.records().some((r) => r.job !== null && r.end === null && !this.jobs.has(r.spec.jobId) && touches(r.spec));
  }

  detachAll(): void {
    for (const job of this.jobs.values()) if (isRunning(job.status)) job.detach();
  }

  private find(jobId: string): DriverJob | null {
    const known = this.jobs.get(jobId);
    if (known) return known;
    const record = this.o.journal.load(jobId);
    if (!record?.job) return null;
    const job = this.reattach(record);
    this.jobs.set(jobId, job);
    this.o.logger.info(`libvirt: picked up job ${jobId} (${record.job.kind} of ${record.job.domain.name}) from the journal`);
    return job;
  }

  private reattach(record: JobRecord): DriverJob {
    const { spec } = record;
    const job = record.job as NonNullable<JobRecord['job']>;
    const common = { spec, journal: this.o.journal, onStatus: this.onStatus(spec.jobId), logger: this.o.logger };
    const source = this.hostFor(spec.sourceHostId);
    if (job.kind === 'block-copy')
      return StorageCopyJob.reattach({ ...common, host: source, domain: job.domain, moves: record.reservation.moves }, record);
    const options = {
      ...common,
      source,
      dest: this.hostFor(spec.destHostId),
      domain: { ...job.domain, id: -1 },
      destinationUri: job.destinationUri,
      flags: job.flags,
      params: job.params,
      copiesDisks: job.copiesDisks,
      // The switchover of a job picked up after a restart was not watched from its start.
      observer: null,
    };
    return MigrationJob.reattach(options, record);
  }

  private hostFor(hostId: string): HostConnection {
    const connection = this.o.registry.byHost().get(hostId);
    if (!connection)
      throw new DriverError('HOST_UNREACHABLE', `${hostId} has not answered since Ferry started; its job cannot be asked about yet`);
    return connection;
  }

  /** The record goes once nothing runs that it describes (as far as anyone asked). */
  private forgetIfOver(jobId: string): void {
    const job = this.jobs.get(jobId);
    const record = job ? null : this.o.journal.load(jobId);
    if (job ? isRunning(job.status) : record?.job && !record.end) return;
    this.o.journal.forget(jobId);
  }

  private prune(): void {
    const cutoff = Date.now() - FINISHED_JOB_TTL_MS;
    for (const [id, job] of this.jobs) if (job.finishedAt !== null && job.finishedAt < cutoff) this.jobs.delete(id);
  }

  private onStatus(jobId: string): (status: JobStatus) => void {
    return (status) => {
      this.o.emit({ kind: 'job-changed', jobId, status });
      if (!isRunning(status)) this.o.emit({ kind: 'inventory-changed' });
    };
  }

  private context(): ReservationContext {
    return { registry: this.o.registry, sharedPools: this.o.sharedPools, journal: this.o.journal, logger: this.o.logger };
  }
}
