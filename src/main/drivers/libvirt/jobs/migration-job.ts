// One live migration. While Ferry holds its blocking migrate call, progress comes from that call's
// connection and the end from the call's result. Without it (after a restart, or when the call's
// connection dropped) the job is followed through the source's own job, asked over the host's
// connection: a lost connection is unknown, not failed, until the source says how the job went.

import type { Logger } from '../../../base/logger';
import { DriverError, type JobProgress, type JobStatus, type MigrationJobSpec } from '../../driver';
import { messageOf, migrationFailureOf, toDriverError } from '../hosts/error-mapping';
import { isMigrationTlsRefusal } from '../hosts/tls-errors';
import type { HostConnection } from '../hosts/host-connection';
import type { DowntimeObserver } from './downtime-observer';
import { isRunning, later, type DriverJob, type JobError } from './job-common';
import type { JobJournal, JobRecord } from './job-journal';
import { progressOf, stageOf } from './job-progress';
import { applyDowntimeLimit, destinationCompletedStats, fireMigration, sleep, type MigrationCall } from './migration-call';
import { readMigrationTruth } from './migration-truth';
import {
  domainAbortJob,
  domainGetJobStats,
  domainGetState,
  domainMigrateSetMaxDowntime,
  domainMigrateStartPostCopy,
  LibvirtError,
  MigrateFlags,
  pausedReasonFromNumber,
  RpcClientError,
  type DomainRef,
  type JobStats,
  type LibvirtClient,
  type MigrationParams,
} from '../rpc';

export interface MigrationJobOptions {
  spec: MigrationJobSpec;
  source: HostConnection;
  dest: HostConnection;
  domain: DomainRef;
  destinationUri: string;
  flags: number;
  params: MigrationParams;
  copiesDisks: boolean;
  /** Watches the guest answer from here through the switchover; null when it cannot be reached. */
  observer: DowntimeObserver | null;
  journal: JobJournal;
  onStatus: (status: JobStatus) => void;
  logger: Logger;
  /** The first migrate call's connection, opened while the migration was prepared. */
  callClient?: Promise<LibvirtClient>;
}

/** How long a resumed post-copy may stay broken before it is reported failed. */
const RESUME_TIMEOUT_MS = 60_000;
/** How long a resume libvirt refuses as not yet possible (OPERATION_INVALID) is asked again, and how often. */
const RESUME_REFUSED_GRACE_MS = 10_000;
const RESUME_RETRY_MS = 250;

export class MigrationJob implements DriverJob {
  status: JobStatus = 'setup';
  switchedOver = false;
  finishedAt: number | null = null;
  ended: Promise<void>;
  private markEnded: () => void = () => undefined;
  private error: JobError | null = null;
  private stats: JobStats | null = null;
  private completedStats: JobStats | null = null;
  private observedDowntimeMs: number | null = null;
  /** The migrate call Ferry holds; null while the job is followed through the source's job. */
  private call: MigrationCall | null = null;
  private cancelRequested = false;
  private postCopyRequested = false;
  private detached = false;
  private downtimeLimitMs: number;
  private startedAt = Date.now();
  /** When a post-copy resume was fired; null otherwise. */
  private resumedAt: number | null = null;
  private readonly floor = { memoryProcessedBytes: 0, diskProcessedBytes: 0, memoryTotalBytes: 0, diskTotalBytes: 0 };

  private constructor(private readonly o: MigrationJobOptions) {
    this.downtimeLimitMs = o.spec.maxDowntimeMs;
    this.ended = new Promise((resolve) => (this.markEnded = resolve));
  }

  /** Fires a new migration, its identity journaled before the call goes out. */
  static async start(o: MigrationJobOptions, journaledParams: MigrationParams): Promise<MigrationJob> {
    const job = new MigrationJob(o);
    o.journal.started(o.spec.jobId, {
      kind: 'migration',
      domain: { uuid: o.domain.uuid, name: o.domain.name },
      startedAt: job.startedAt,
      destinationUri: o.destinationUri,
      flags: o.flags,
      params: journaledParams,
      copiesDisks: o.copiesDisks,
    });
    await job.fire(o.flags, o.params, true, o.callClient);
    return job;
  }

  /** A journaled job this process did not start: followed through the source's job from now on. */
  static reattach(o: MigrationJobOptions, record: JobRecord): MigrationJob {
    const job = new MigrationJob(o);
    const { state, end } = record;
    job.status = end?.status ?? state.stage;
    job.switchedOver = state.switchedOver || end?.status === 'completed';
    job.cancelRequested = state.cancelRequested;
    job.postCopyRequested = state.postCopyRequested;
    job.downtimeLimitMs = state.downtimeLimitMs;
    job.startedAt = record.job?.startedAt ?? job.startedAt;
    job.error = end?.error ?? null;
    job.finishedAt = end?.at ?? null;
    if (end) job.markEnded();
    return job;
  }

  get spec(): MigrationJobSpec {
    return this.o.spec;
  }

  async progress(): Promise<JobProgress> {
    if (isRunning(this.status)) await (this.following() ? this.refresh() : this.observe());
    return progressOf({
      status: this.status,
      stats: this.status === 'completed' ? (this.completedStats ?? this.stats) : this.stats,
      elapsedMs: (this.finishedAt ?? Date.now()) - this.startedAt,
      downtimeLimitMs: this.downtimeLimitMs,
      switchedOver: this.switchedOver,
      error: this.error,
      floor: this.floor,
      observedDowntimeMs: this.observedDowntimeMs,
    });
  }

  async cancel(): Promise<void> {
    if (!this.following() && isRunning(this.status)) await this.observe();
    if (this.status === 'failed' || this.status === 'cancelled') return;
    if (this.switchedOver || this.status === 'completed' || this.status === 'postcopy') {
      throw new DriverError('OPERATION_FAILED', 'the guest already switched over to the destination; the migration can only finish now');
    }
    this.cancelRequested = true;
    this.journal((r) => void (r.state.cancelRequested = true));
    try {
      await domainAbortJob(this.steering(), this.o.domain);
    } catch (error) {
      // It ended on its own meanwhile (no job left to abort): the next progress says how.
      if (!isRunning(this.status) || (error instanceof LibvirtError && error.code === 'OPERATION_INVALID')) return;
      throw toDriverError(error, 'abort the migration');
    }
  }

  async setDowntimeLimit(ms: number): Promise<void> {
    this.requireRunning();
    this.journal((r) => void (r.state.downtimeLimitMs = ms));
    await domainMigrateSetMaxDowntime(this.steering(), this.o.domain, Math.round(ms)).catch((error: unknown) => {
      throw toDriverError(error, 'set the downtime limit');
    });
    this.downtimeLimitMs = ms;
  }

  async startPostCopy(): Promise<void> {
    if (!this.o.spec.postCopyAllowed) throw new DriverError('NOT_SUPPORTED', 'post-copy was not enabled when the migration started');
    this.requireRunning();
    await (this.following() ? this.refresh() : this.observe());
    // QEMU refuses before the memory copy (e.g. while disks are still mirrored).
    if (this.status !== 'memory') throw new DriverError('OPERATION_FAILED', `cannot switch to post-copy during ${this.status}`);
    this.postCopyRequested = true;
    this.journal((r) => void (r.state.postCopyRequested = true));
    await domainMigrateStartPostCopy(this.steering(), this.o.domain).catch((error: unknown) => {
      throw toDriverError(error, 'start post-copy');
    });
  }

  /**
   * Resumes a post-copy that broke while both halves survive: the same migration again from the
   * source, with VIR_MIGRATE_POSTCOPY_RESUME. Resolves once libvirt took it (or refused for good).
   * libvirt marks the guest "post-copy failed" as soon as the destination reports it, which can be
   * before the source's QEMU paused its side (measured: 60 ms); until then it refuses the resume as
   * OPERATION_INVALID, so that refusal is asked again for a while.
   */
  async resumePostCopy(): Promise<void> {
    if (!this.o.spec.postCopyAllowed) throw new DriverError('NOT_SUPPORTED', 'this migration was started without post-copy');
    const deadline = Date.now() + RESUME_REFUSED_GRACE_MS;
    for (;;) {
      const outcome = await this.tryResume();
      if (!(outcome instanceof LibvirtError)) return;
      if (outcome.code !== 'OPERATION_INVALID' || Date.now() >= deadline) throw toDriverError(outcome, 'resume the post-copy');
      await sleep(RESUME_RETRY_MS);
    }
  }

  /** One resume: 'fired' once libvirt took it, 'nothing' when nothing is broken (any more), else libvirt's refusal. */
  private async tryResume(): Promise<'fired' | 'nothing' | LibvirtError> {
    const truth = await readMigrationTruth({ source: this.o.source, dest: this.o.dest, uuid: this.o.domain.uuid, cold: this.o.spec.cold });
    if (truth.kind === 'running' || truth.kind === 'completed') return 'nothing';
    if (truth.kind !== 'postcopy-failed')
      throw new DriverError('OPERATION_FAILED', `no broken post-copy of ${this.o.domain.name} to resume (${truth.kind})`);
    this.journal((r) => {
      r.state.stage = 'postcopy';
      r.state.switchedOver = true;
      r.end = null;
    });
    this.status = 'postcopy';
    this.switchedOver = true;
    this.error = null;
    this.finishedAt = null;
    this.resumedAt = Date.now();
    this.ended = new Promise((resolve) => (this.markEnded = resolve));
    // A post-copy has no downtime left to tune: nothing but the call goes to the source meanwhile.
    const call = await this.fire((this.o.flags | MigrateFlags.POSTCOPY_RESUME) >>> 0, this.o.params, false);
    const early = await Promise.race([
      call.result.then(
        () => null,
        (error: unknown) => error,
      ),
      sleep(1500).then(() => null),
    ]);
    if (early instanceof LibvirtError) return early;
    this.o.onStatus(this.status);
    return 'fired';
  }

  detach(): void {
    // The driver is closing: our connection carries the blocking call; libvirt decides what a dropped caller means.
    this.detached = true;
    this.o.observer?.stop();
    this.call?.client.destroy();
  }

  private following(): boolean {
    return this.call !== null && !this.call.client.closed;
  }

  /**
   * Steering goes over the host's own connection (HOST_UNREACHABLE while the source is away): the
   * call's connection carries the migrate call alone, and may be gone (a restart, a dropped link).
   */
  private steering(): LibvirtClient {
    return this.o.source.require().client;
  }

  private async fire(flags: number, params: MigrationParams, setDowntime = true, client?: Promise<LibvirtClient>): Promise<MigrationCall> {
    const call = await fireMigration({ ...this.o, client, flags, params, cold: this.o.spec.cold });
    this.call = call;
    void call.result.then(
      () => this.callReturned(call),
      (error: unknown) => this.callFailed(call, error),
    );
    if (!this.o.spec.cold && setDowntime)
      void applyDowntimeLimit(
        this.o.source,
        this.o.domain,
        () => this.downtimeLimitMs,
        () => isRunning(this.status),
        this.o.logger,
      );
    return call;
  }

  /** Reads the live statistics on the call's connection; a failed query is not a failed migration. */
  private async refresh(): Promise<void> {
    const client = this.call?.client;
    if (!client || client.closed) return;
    try {
      const stats = await domainGetJobStats(client, this.o.domain);
      if (!isRunning(this.status)) return;
      if (stats.type === 'BOUNDED' || stats.type === 'UNBOUNDED') this.noteStats(stats);
      if (this.postCopyRequested || this.resumedAt !== null) {
        const state = await domainGetState(client, this.o.domain);
        const reason = state.state === 'PAUSED' ? pausedReasonFromNumber(state.reason) : null;
        if (reason === 'POSTCOPY') this.enterPostCopy();
        if (reason === 'POSTCOPY_FAILED') this.resumeNotTaken();
      }
    } catch (error) {
      // At the very end the source domain stops before the call returns: not worth a warning.
      if (isRunning(this.status) && !(error instanceof LibvirtError && error.code === 'OPERATION_INVALID')) {
        this.o.logger.warn(`libvirt: job stats of ${this.o.domain.name}: ${messageOf(error)}`);
      }
    }
  }

  /** Asks the hypervisors how the job stands (HOST_UNREACHABLE while the source cannot be asked). */
  private async observe(): Promise<void> {
    const truth = await readMigrationTruth({ source: this.o.source, dest: this.o.dest, uuid: this.o.domain.uuid, cold: this.o.spec.cold });
    if (!isRunning(this.status) || this.following()) return; // it ended, or a resume took over, meanwhile
    switch (truth.kind) {
      case 'running':
        if (truth.stats) this.noteStats(truth.stats);
        if (truth.postcopy) this.enterPostCopy();
        return;
      case 'postcopy-failed':
        this.switchedOver = true;
        return this.finish('failed', {
          code: 'SWITCHOVER_FAILED',
          message: "the post-copy broke: the guest's memory is split between both hosts",
        });
      case 'completed':
        this.completedStats = truth.stats;
        this.switchedOver = true;
        return this.finish('completed', null);
      case 'stopped': {
        if (this.cancelRequested || truth.stats?.type === 'CANCELLED')
          return this.finish('cancelled', { code: 'ABORTED', message: 'the migration was cancelled' });
        const { code } = migrationFailureOf(new Error('stopped'), this.status, false);
        const why =
          truth.stats?.errorMessage ?? `the migration is no longer running on ${this.o.source.label} and the guest is still there`;
        return this.finish('failed', { code, message: why });
      }
      case 'lost':
        return this.finish('failed', { code: 'UNKNOWN', message: `${this.o.domain.name} is on neither host` });
    }
  }

  /**
   * A resume libvirt accepted but that never got going (measured with QEMU 7.2: the destination's
   * main loop blocked on a page that had not arrived, so its monitor no longer answers): after a
   * while it is reported failed, past the door; the guest stays split, as libvirt has it.
   */
  private resumeNotTaken(): void {
    if (this.resumedAt === null || Date.now() - this.resumedAt < RESUME_TIMEOUT_MS) return;
    this.resumedAt = null;
    this.finish('failed', {
      code: 'SWITCHOVER_FAILED',
      message: `the post-copy resume did not take within ${RESUME_TIMEOUT_MS / 1000} s; ${this.o.domain.name} stays split between both hosts`,
    });
  }

  private noteStats(stats: JobStats): void {
    this.stats = stats;
    this.floor.memoryProcessedBytes = Math.max(this.floor.memoryProcessedBytes, stats.memoryProcessed ?? 0);
    this.floor.diskProcessedBytes = Math.max(this.floor.diskProcessedBytes, stats.diskProcessed ?? 0);
    this.floor.memoryTotalBytes = Math.max(this.floor.memoryTotalBytes, stats.memoryTotal ?? 0);
    this.floor.diskTotalBytes = Math.max(this.floor.diskTotalBytes, stats.diskTotal ?? 0);
    this.advance(stageOf(stats, this.o.copiesDisks));
  }

  private enterPostCopy(): void {
    if (!this.switchedOver) this.journal((r) => void (r.state.switchedOver = true));
    this.switchedOver = true;
    this.resumedAt = null;
    this.advance('postcopy');
  }

  private async callReturned(call: MigrationCall): Promise<void> {
    if (call !== this.call) return;
    // The source emits JOB_COMPLETED (with the real downtime) around the call's return; else ask the destination.
    for (let i = 0; i < 20 && !call.completedStats && !this.o.spec.cold; i++) await sleep(50);
    this.completedStats =
      call.completedStats ?? (this.o.spec.cold ? null : await destinationCompletedStats(this.o.dest, this.o.domain.uuid));
    this.observedDowntimeMs = (await this.o.observer?.settle(this.completedStats?.downtimeMs ?? null)) ?? null;
    this.switchedOver = true;
    this.finish('completed', null);
  }

  private callFailed(call: MigrationCall, error: unknown): void {
    if (call !== this.call) return;
    if (this.detached) return this.finish('unknown', null);
    if (error instanceof RpcClientError) {
      // Our connection dropped, not necessarily the migration: from now on the source's job tells.
      this.o.logger.warn(`libvirt: lost the migration call of ${this.o.domain.name} (${error.message}); following the source's job`);
      return;
    }
    const failure = migrationFailureOf(error, this.status, this.cancelRequested);
    const { status } = failure;
    // QEMU without TLS credentials refuses an encrypted stream before anything moves: say which fix.
    const tlsRefused = status === 'failed' && this.o.spec.encryptStream === true && isMigrationTlsRefusal(messageOf(error));
    const code = tlsRefused ? 'MIGRATION_TLS_UNAVAILABLE' : failure.code;
    this.finish(status, { code, message: status === 'cancelled' ? 'the migration was cancelled' : messageOf(error) });
  }

  private finish(status: JobStatus, error: JobError | null): void {
    this.o.observer?.stop();
    this.status = status;
    this.error = error;
    this.finishedAt = Date.now();
    if (status === 'completed' || status === 'failed' || status === 'cancelled') {
      const end = { status, error, at: this.finishedAt };
      this.journal((r) => {
        r.end = end;
        r.state.switchedOver = this.switchedOver;
      });
    }
    this.markEnded();
    this.o.onStatus(status);
  }

  private advance(next: JobStatus): void {
    const status = later(this.status, next);
    if (status === this.status) return;
    this.status = status;
    this.journal((r) => void (r.state.stage = status));
    this.o.onStatus(status);
  }

  private journal(change: (record: JobRecord) => void): void {
    this.o.journal.update(this.o.spec.jobId, change);
  }

  private requireRunning(): void {
    if (!isRunning(this.status)) throw new DriverError('OPERATION_FAILED', `migration job ${this.o.spec.jobId} is ${this.status}`);
  }
}
