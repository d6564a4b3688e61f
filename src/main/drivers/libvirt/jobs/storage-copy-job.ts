// A storage-only migration: the guest stays on its host while each moving disk is mirrored into
// a pre-created volume (virDomainBlockCopy) and, once every mirror is in sync, pivoted onto it.
// libvirt 9 rewrites the persistent definition at the pivot, so the move survives a restart.
// The pivot is a one-way door: once any disk switched to its copy, cancel is refused and the job
// pivots the others. A job picked up after a restart (or a lost connection) learns where each disk
// is from the domain itself: its block jobs, and the path each disk uses now.

import type { Logger } from '../../../base/logger';
import { DriverError, type JobProgress, type JobStatus, type MigrationJobSpec } from '../../driver';
import { isNotFound, messageOf, toDriverError } from '../hosts/error-mapping';
import type { HostConnection } from '../hosts/host-connection';
import { isRunning, type DriverJob, type JobError } from './job-common';
import type { JobJournal, JobRecord } from './job-journal';
import { progressOf } from './job-progress';
import {
  BlockCopyFlags,
  BlockJobAbortFlags,
  BlockJobInfoFlags,
  domainBlockCopy,
  domainBlockJobAbort,
  domainGetBlockJobInfo,
  domainGetXmlDesc,
  domainLookupByUuid,
  LibvirtError,
  type DomainRef,
  type LibvirtClient,
} from '../rpc';
import type { DiskMove } from './volumes';
import { parseDomain } from '../xml/domain';
import { escapeXml } from '../xml/xml-tree';

export interface StorageCopyJobOptions {
  spec: MigrationJobSpec;
  host: HostConnection;
  domain: { uuid: string; name: string };
  moves: readonly DiskMove[];
  journal: JobJournal;
  onStatus: (status: JobStatus) => void;
  logger: Logger;
  pollMs?: number;
}

interface DiskState {
  move: DiskMove;
  cur: number;
  end: number;
  pivoted: boolean;
}

export class StorageCopyJob implements DriverJob {
  status: JobStatus = 'setup';
  switchedOver = false;
  finishedAt: number | null = null;
  ended: Promise<void>;
  private markEnded: () => void = () => undefined;
  private error: JobError | null = null;
  private cancelRequested = false;
  private detached = false;
  private watching = false;
  /** Whether this process knows where each disk is (a re-attached job learns it first). */
  private known = true;
  private lock: Promise<void> = Promise.resolve();
  private readonly disks: DiskState[];
  private startedAt = Date.now();

  private constructor(private readonly o: StorageCopyJobOptions) {
    this.disks = o.moves.map((move) => ({ move, cur: 0, end: move.capacityBytes, pivoted: false }));
    this.ended = new Promise((resolve) => (this.markEnded = resolve));
  }

  /** Starts the block copies, the job's identity journaled before the first one. */
  static async start(o: StorageCopyJobOptions): Promise<StorageCopyJob> {
    const job = new StorageCopyJob(o);
    o.journal.started(o.spec.jobId, { kind: 'block-copy', domain: o.domain, startedAt: job.startedAt });
    await job.copy(job.disks);
    job.setStatus('storage');
    job.watch();
    return job;
  }

  /** A journaled job this process did not start: where each disk is, it asks the domain first. */
  static reattach(o: StorageCopyJobOptions, record: JobRecord): StorageCopyJob {
    const job = new StorageCopyJob(o);
    const { state, end } = record;
    job.status = end?.status ?? state.stage;
    job.switchedOver = state.switchedOver;
    job.cancelRequested = state.cancelRequested;
    job.startedAt = record.job?.startedAt ?? job.startedAt;
    job.error = end?.error ?? null;
    job.finishedAt = end?.at ?? null;
    job.known = end !== null;
    if (end) job.markEnded();
    return job;
  }

  get spec(): MigrationJobSpec {
    return this.o.spec;
  }

  async progress(): Promise<JobProgress> {
    if (isRunning(this.status)) {
      this.o.host.require(); // the host away: unknown, not failed
      if (!this.known) await this.exclusive(() => this.rediscover());
      this.watch();
    }
    const total = this.disks.reduce((s, d) => s + d.end, 0);
    const copied = this.disks.reduce((s, d) => s + (d.pivoted ? d.end : d.cur), 0);
    const elapsedMs = (this.finishedAt ?? Date.now()) - this.startedAt;
    const base = progressOf({
      status: this.status,
      stats: null,
      elapsedMs,
      downtimeLimitMs: this.o.spec.maxDowntimeMs,
      switchedOver: this.switchedOver,
      error: this.error,
    });
    const done = this.status === 'completed';
    return {
      ...base,
      diskTotalBytes: total,
      diskProcessedBytes: done ? total : copied,
      diskRemainingBytes: done ? 0 : Math.max(0, total - copied),
      bandwidthBps: elapsedMs > 0 ? (copied / elapsedMs) * 1000 : 0,
    };
  }

  /** Drops the mirrors before any disk pivoted; refused once one did. Waits for a pivot under way. */
  async cancel(): Promise<void> {
    await this.exclusive(async () => {
      if (isRunning(this.status) && !this.known) await this.rediscover();
      if (this.status === 'failed' || this.status === 'cancelled') return;
      if (this.switchedOver || this.status === 'completed')
        throw new DriverError('OPERATION_FAILED', 'disks already switched to their copies; the storage migration can only finish now');
      this.cancelRequested = true;
      this.journal((r) => void (r.state.cancelRequested = true));
      await this.dropMirrors();
      this.end('cancelled', { code: 'ABORTED', message: 'the storage migration was cancelled' });
    });
  }

  async setDowntimeLimit(): Promise<void> {
    // Nothing to do: a block copy pauses nothing, the guest keeps running throughout.
  }

  async startPostCopy(): Promise<void> {
    throw new DriverError('NOT_SUPPORTED', 'a storage-only migration has no memory to switch over');
  }

  async resumePostCopy(): Promise<void> {
    throw new DriverError('NOT_SUPPORTED', 'a storage-only migration has no post-copy to resume');
  }

  detach(): void {
    this.detached = true;
  }

  /** Polls the mirrors until the job ends; one loop at a time. A host away is waited for. */
  private watch(): void {
    if (this.watching || !isRunning(this.status) || this.detached) return;
    this.watching = true;
    void (async () => {
      while (isRunning(this.status) && !this.detached) {
        await sleep(this.o.pollMs ?? 250);
        try {
          await this.exclusive(() => (this.known ? this.round() : this.rediscover()));
        } catch (error) {
          if (!(error instanceof DriverError && error.code === 'HOST_UNREACHABLE'))
            this.o.logger.warn(`libvirt: storage copy of ${this.o.domain.name}: ${messageOf(error)}`);
        }
      }
      this.watching = false;
    })();
  }

  /** One look at the mirrors; pivots when all are in sync. */
  private async round(): Promise<void> {
    if (!isRunning(this.status)) return;
    const { client, dom } = await this.domainNow();
    for (const disk of this.disks.filter((d) => !d.pivoted)) {
      const info = await domainGetBlockJobInfo(client, dom, disk.move.target, BlockJobInfoFlags.BANDWIDTH_BYTES);
      // A mirror gone: pivoted after all (a lost reply), or lost (a daemon restart drops transient jobs).
      if (!info) return this.rediscover();
      disk.cur = info.cur;
      disk.end = info.end;
    }
    if (this.disks.every((d) => d.pivoted || (d.end > 0 && d.cur === d.end))) await this.pivot(client, dom);
  }

  private async pivot(client: LibvirtClient, dom: DomainRef): Promise<void> {
    for (const disk of this.disks.filter((d) => !d.pivoted)) {
      // Not yet "ready" in QEMU's eyes is an error here; the next round tries again.
      await domainBlockJobAbort(client, dom, disk.move.target, BlockJobAbortFlags.PIVOT).then(
        () => {
          disk.pivoted = true;
          this.crossDoor();
        },
        (e: unknown) => this.o.logger.info(`libvirt: pivot of ${disk.move.target} not yet possible: ${messageOf(e)}`),
      );
    }
    if (this.disks.every((d) => d.pivoted)) this.end('completed', null);
  }

  /** Where each disk is now: pivoted (its path is the copy), still mirroring, or its mirror lost. */
  private async rediscover(): Promise<void> {
    if (!isRunning(this.status)) return;
    const { client, dom } = await this.domainNow();
    const def = parseDomain(await domainGetXmlDesc(client, dom));
    const lost: DiskState[] = [];
    for (const disk of this.disks) {
      if (def.disks.find((d) => d.target === disk.move.target)?.path === disk.move.destPath) {
        disk.pivoted = true;
        continue;
      }
      const info = await domainGetBlockJobInfo(client, dom, disk.move.target, BlockJobInfoFlags.BANDWIDTH_BYTES);
      if (info) [disk.cur, disk.end] = [info.cur, info.end];
      else lost.push(disk);
    }
    this.known = true;
    if (this.disks.some((d) => d.pivoted)) this.crossDoor();
    if (this.disks.every((d) => d.pivoted)) return this.end('completed', null);
    if (this.switchedOver) {
      // Past the door the move must finish: a mirror that vanished is started again.
      if (lost.length > 0) await this.copy(lost).catch((error: unknown) => this.end('failed', failure(error)));
    } else if (this.cancelRequested || lost.length > 0) {
      await this.dropMirrors();
      if (this.cancelRequested) return this.end('cancelled', { code: 'ABORTED', message: 'the storage migration was cancelled' });
      const names = lost.map((d) => d.move.target).join(', ');
      return this.end('failed', { code: 'STORAGE_COPY_FAILED', message: `the copy of ${names} ended without being pivoted` });
    }
    if (this.status === 'setup') this.setStatus('storage');
  }

  private async copy(disks: readonly DiskState[]): Promise<void> {
    const { client, dom } = await this.domainNow();
    const started: DiskState[] = [];
    try {
      for (const disk of disks) {
        const destXml = `<disk type='file'><source file='${escapeXml(disk.move.destPath)}'/><driver type='${escapeXml(disk.move.format)}'/></disk>`;
        const bandwidth = this.o.spec.bandwidthLimitBps === null ? {} : { bandwidthBps: Math.round(this.o.spec.bandwidthLimitBps) };
        // REUSE_EXT: the volume was pre-created thin; TRANSIENT_JOB: required for persistent domains.
        await domainBlockCopy(client, dom, disk.move.target, destXml, bandwidth, BlockCopyFlags.REUSE_EXT | BlockCopyFlags.TRANSIENT_JOB);
        disk.cur = 0;
        started.push(disk);
      }
    } catch (error) {
      for (const disk of started) await domainBlockJobAbort(client, dom, disk.move.target).catch(() => undefined);
      throw new DriverError('STORAGE_COPY_FAILED', `block copy of ${this.o.domain.name}: ${messageOf(error)}`);
    }
  }

  /** Ends the mirrors of disks not pivoted (synchronously: the copies are no longer written when it returns). */
  private async dropMirrors(): Promise<void> {
    const { client, dom } = await this.domainNow();
    for (const disk of this.disks.filter((d) => !d.pivoted)) {
      await domainBlockJobAbort(client, dom, disk.move.target).catch((error: unknown) => {
        // No block job on that disk (any more) is what we want.
        if (!(error instanceof LibvirtError && (error.code === 'OPERATION_INVALID' || isNotFound(error))))
          throw toDriverError(error, `stop the copy of ${disk.move.target}`);
      });
    }
  }

  private async domainNow(): Promise<{ client: LibvirtClient; dom: DomainRef }> {
    const { client } = this.o.host.require();
    try {
      return { client, dom: await domainLookupByUuid(client, this.o.domain.uuid) };
    } catch (error) {
      throw toDriverError(error, `find ${this.o.domain.name}`);
    }
  }

  private crossDoor(): void {
    if (this.switchedOver) return;
    this.switchedOver = true;
    this.journal((r) => void (r.state.switchedOver = true));
  }

  private exclusive<T>(body: () => Promise<T>): Promise<T> {
    const run = this.lock.then(body);
    this.lock = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private end(status: 'completed' | 'failed' | 'cancelled', error: JobError | null): void {
    this.error = error;
    this.finishedAt = Date.now();
    const end = { status, error, at: this.finishedAt };
    this.journal((r) => void (r.end = end));
    this.setStatus(status);
    this.markEnded();
  }

  private setStatus(status: JobStatus): void {
    if (this.status === status) return;
    this.status = status;
    if (isRunning(status)) this.journal((r) => void (r.state.stage = status));
    this.o.onStatus(status);
  }

  private journal(change: (record: JobRecord) => void): void {
    this.o.journal.update(this.o.spec.jobId, change);
  }
}

const failure = (error: unknown): JobError => ({
  code: error instanceof DriverError ? error.code : 'STORAGE_COPY_FAILED',
  message: messageOf(error),
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
