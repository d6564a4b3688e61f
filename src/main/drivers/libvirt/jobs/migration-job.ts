// One live migration: the blocking peer-to-peer PERFORM3_PARAMS call on its own connection to the
// source (it returns only when the migration ends), job statistics polled on that connection
// meanwhile, and the end taken from the call's result plus the JOB_COMPLETED event's statistics.

import type { Logger } from '../../../base/logger';
import { DriverError, type JobProgress, type JobStatus, type MigrationJobSpec } from '../../driver';
import { messageOf, migrationFailureOf, toDriverError } from '../hosts/error-mapping';
import type { HostConnection } from '../hosts/host-connection';
import { isRunning, later, type DriverJob, type JobError } from './job-common';
import { progressOf, stageOf } from './job-progress';
import type { BuiltMigration } from './migration-flags';
import {
  domainAbortJob,
  domainGetJobStats,
  domainGetState,
  domainLookupByUuid,
  domainMigratePerform3Params,
  domainMigrateSetMaxDowntime,
  domainMigrateStartPostCopy,
  JobStatsFlags,
  LibvirtError,
  RpcClientError,
  subscribeDomainEvents,
  type DomainRef,
  type JobStats,
  type LibvirtClient,
} from '../rpc';

/** virDomainPausedReason VIR_DOMAIN_PAUSED_POSTCOPY: the source paused because the guest runs on the destination. */
const PAUSED_POSTCOPY = 12;

export interface MigrationJobOptions {
  spec: MigrationJobSpec;
  source: HostConnection;
  dest: HostConnection;
  domain: DomainRef;
  destinationUri: string;
  migration: BuiltMigration;
  copiesDisks: boolean;
  onStatus: (status: JobStatus) => void;
  logger: Logger;
}

export class MigrationJob implements DriverJob {
  status: JobStatus = 'setup';
  switchedOver = false;
  finishedAt: number | null = null;
  ended: Promise<void> = Promise.resolve();
  private error: JobError | null = null;
  private stats: JobStats | null = null;
  private completedStats: JobStats | null = null;
  private client: LibvirtClient | null = null;
  private cancelRequested = false;
  private postCopyRequested = false;
  private detached = false;
  private downtimeLimitMs: number;
  private readonly startedAt = Date.now();
  private readonly floor = { memoryProcessedBytes: 0, diskProcessedBytes: 0 };

  constructor(private readonly o: MigrationJobOptions) {
    this.downtimeLimitMs = o.spec.maxDowntimeMs;
  }

  get spec(): MigrationJobSpec {
    return this.o.spec;
  }

  /** Opens the job's connection and fires the migration; resolves once it is under way. */
  async start(): Promise<void> {
    const client = await this.o.source.openExtraClient().catch((error: unknown) => {
      throw toDriverError(error, `connect to ${this.o.source.label} for the migration`);
    });
    this.client = client;
    const { flags, params } = this.o.migration;
    if (this.o.spec.cold) {
      // An offline migration has no QEMU job: no statistics, no downtime to tune, just the call.
      this.ended = domainMigratePerform3Params(client, this.o.domain, { destinationUri: this.o.destinationUri, flags, params })
        .then(
          () => this.finishCold(),
          (error: unknown) => this.failed(error),
        )
        .finally(() => void client.close());
      return;
    }
    await subscribeDomainEvents(
      client,
      ['job-completed'],
      (event) => {
        if (event.kind === 'job-completed') this.completedStats = event.stats;
      },
      this.o.domain,
    ).catch(() => undefined); // the stats can also be read on the destination
    const call = domainMigratePerform3Params(client, this.o.domain, { destinationUri: this.o.destinationUri, flags, params });
    this.ended = call
      .then(
        () => this.succeeded(),
        (error: unknown) => this.failed(error),
      )
      .finally(() => void client.close());
    void this.applyDowntimeLimit();
  }

  async progress(): Promise<JobProgress> {
    if (isRunning(this.status)) await this.refresh();
    return progressOf({
      status: this.status,
      stats: this.status === 'completed' ? (this.completedStats ?? this.stats) : this.stats,
      elapsedMs: (this.finishedAt ?? Date.now()) - this.startedAt,
      downtimeLimitMs: this.downtimeLimitMs,
      switchedOver: this.switchedOver,
      error: this.error,
      floor: this.floor,
    });
  }

  async cancel(): Promise<void> {
    if (this.status === 'failed' || this.status === 'cancelled') return;
    if (this.switchedOver || this.status === 'completed' || this.status === 'postcopy') {
      throw new DriverError('OPERATION_FAILED', 'the guest already switched over to the destination; the migration can only finish now');
    }
    this.cancelRequested = true;
    try {
      await domainAbortJob(this.requireClient(), this.o.domain);
    } catch (error) {
      if (!isRunning(this.status)) return; // it ended on its own meanwhile
      throw toDriverError(error, 'abort the migration');
    }
  }

  async setDowntimeLimit(ms: number): Promise<void> {
    this.requireRunning();
    await domainMigrateSetMaxDowntime(this.requireClient(), this.o.domain, Math.round(ms)).catch((error: unknown) => {
      throw toDriverError(error, 'set the downtime limit');
    });
    this.downtimeLimitMs = ms;
  }

  async startPostCopy(): Promise<void> {
    if (!this.o.spec.postCopyAllowed) throw new DriverError('NOT_SUPPORTED', 'post-copy was not enabled when the migration started');
    this.requireRunning();
    await this.refresh();
    // QEMU refuses before the memory copy (e.g. while disks are still mirrored).
    if (this.status !== 'memory') throw new DriverError('OPERATION_FAILED', `cannot switch to post-copy during ${this.status}`);
    await domainMigrateStartPostCopy(this.requireClient(), this.o.domain).catch((error: unknown) => {
      throw toDriverError(error, 'start post-copy');
    });
    this.postCopyRequested = true;
  }

  detach(): void {
    // Our connection carries the blocking migrate call; libvirt decides what a dropped caller means.
    this.detached = true;
    this.client?.destroy();
  }

  /** Reads the live statistics; a failed query is not a failed migration (the call's result decides). */
  private async refresh(): Promise<void> {
    const client = this.client;
    if (!client || client.closed) return;
    try {
      const stats = await domainGetJobStats(client, this.o.domain);
      if (!isRunning(this.status)) return;
      if (stats.type === 'BOUNDED' || stats.type === 'UNBOUNDED') {
        this.stats = stats;
        this.floor.memoryProcessedBytes = Math.max(this.floor.memoryProcessedBytes, stats.memoryProcessed ?? 0);
        this.floor.diskProcessedBytes = Math.max(this.floor.diskProcessedBytes, stats.diskProcessed ?? 0);
        this.advance(stageOf(stats, this.o.copiesDisks));
      }
      if (this.postCopyRequested && this.status !== 'postcopy') {
        const state = await domainGetState(client, this.o.domain);
        if (state.state === 'PAUSED' && state.reason === PAUSED_POSTCOPY) {
          this.switchedOver = true;
          this.advance('postcopy');
        }
      }
    } catch (error) {
      // At the very end the source domain stops before the call returns: not worth a warning.
      if (isRunning(this.status) && !(error instanceof LibvirtError && error.code === 'OPERATION_INVALID')) {
        this.o.logger.warn(`libvirt: job stats of ${this.o.domain.name}: ${messageOf(error)}`);
      }
    }
  }

  /** libvirt has no migration parameter for it: the limit is set once QEMU's job exists. */
  private async applyDowntimeLimit(): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (isRunning(this.status) && Date.now() < deadline && this.client && !this.client.closed) {
      try {
        const stats = await domainGetJobStats(this.client, this.o.domain);
        if (stats.type === 'BOUNDED' || stats.type === 'UNBOUNDED') {
          await domainMigrateSetMaxDowntime(this.client, this.o.domain, this.downtimeLimitMs);
          return;
        }
      } catch (error) {
        this.o.logger.warn(`libvirt: downtime limit for ${this.o.domain.name}: ${messageOf(error)}`);
        return;
      }
      await sleep(100);
    }
  }

  private async succeeded(): Promise<void> {
    // The source emits JOB_COMPLETED (with the real downtime) around the call's return; else ask the destination.
    for (let i = 0; i < 20 && !this.completedStats; i++) await sleep(50);
    if (!this.completedStats) this.completedStats = await this.destinationCompletedStats();
    this.switchedOver = true;
    this.finish('completed');
  }

  private finishCold(): void {
    this.switchedOver = true;
    this.finish('completed');
  }

  private async destinationCompletedStats(): Promise<JobStats | null> {
    try {
      const { client } = this.o.dest.require();
      const dom = await domainLookupByUuid(client, this.o.domain.uuid);
      const stats = await domainGetJobStats(client, dom, JobStatsFlags.COMPLETED | JobStatsFlags.KEEP_COMPLETED);
      return stats.type === 'COMPLETED' ? stats : null;
    } catch {
      return null;
    }
  }

  private async failed(error: unknown): Promise<void> {
    if (this.detached) return this.finish('unknown');
    if (error instanceof RpcClientError && !this.cancelRequested) {
      // We lost the source connection, not necessarily the migration: decide from where the guest is.
      if (await this.landedOnDestination()) {
        this.switchedOver = true;
        return this.finish('completed');
      }
    }
    const { status, code } = migrationFailureOf(error, this.status, this.cancelRequested);
    this.error = { code, message: status === 'cancelled' ? 'the migration was cancelled' : messageOf(error) };
    this.finish(status);
  }

  private async landedOnDestination(): Promise<boolean> {
    for (let i = 0; i < 40; i++) {
      try {
        const dest = this.o.dest.require();
        const dom = await domainLookupByUuid(dest.client, this.o.domain.uuid);
        const state = await domainGetState(dest.client, dom);
        if (state.state !== (this.o.spec.cold ? 'SHUTOFF' : 'RUNNING')) return false;
        const source = this.o.source.require();
        const there = await domainLookupByUuid(source.client, this.o.domain.uuid)
          .then((d) => domainGetState(source.client, d))
          .catch(() => null);
        return there === null || there.state === 'SHUTOFF';
      } catch (error) {
        if (!(error instanceof DriverError && error.code === 'HOST_UNREACHABLE')) return false;
      }
      await sleep(500);
    }
    return false;
  }

  private finish(status: JobStatus): void {
    this.status = status;
    this.finishedAt = Date.now();
    this.o.onStatus(status);
  }

  private advance(next: JobStatus): void {
    const status = later(this.status, next);
    if (status === this.status) return;
    this.status = status;
    this.o.onStatus(status);
  }

  private requireRunning(): void {
    if (!isRunning(this.status)) throw new DriverError('OPERATION_FAILED', `migration job ${this.o.spec.jobId} is ${this.status}`);
  }

  private requireClient(): LibvirtClient {
    if (!this.client || this.client.closed) throw new DriverError('HOST_UNREACHABLE', `lost the connection to ${this.o.source.label}`);
    return this.client;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
