// A storage-only migration: the guest stays on its host while each moving disk is mirrored into
// a pre-created volume (virDomainBlockCopy) and, once every mirror is in sync, pivoted onto it.
// libvirt 9 rewrites the persistent definition at the pivot, so the move survives a restart.

import type { Logger } from '../../../base/logger';
import { DriverError, type JobProgress, type JobStatus, type MigrationJobSpec } from '../../driver';
import { messageOf, toDriverError } from '../hosts/error-mapping';
import type { HostConnection } from '../hosts/host-connection';
import { isRunning, type DriverJob, type JobError } from './job-common';
import { progressOf } from './job-progress';
import {
  BlockCopyFlags,
  BlockJobAbortFlags,
  BlockJobInfoFlags,
  domainBlockCopy,
  domainBlockJobAbort,
  domainGetBlockJobInfo,
  domainLookupByUuid,
  type LibvirtClient,
} from '../rpc';
import type { DiskMove } from './volumes';
import { escapeXml } from '../xml/xml-tree';

export interface StorageCopyJobOptions {
  spec: MigrationJobSpec;
  host: HostConnection;
  domainUuid: string;
  moves: readonly DiskMove[];
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
  ended: Promise<void> = Promise.resolve();
  private error: JobError | null = null;
  private cancelRequested = false;
  private detached = false;
  private readonly disks: DiskState[];
  private readonly startedAt = Date.now();

  constructor(private readonly o: StorageCopyJobOptions) {
    this.disks = o.moves.map((move) => ({ move, cur: 0, end: move.capacityBytes, pivoted: false }));
  }

  get spec(): MigrationJobSpec {
    return this.o.spec;
  }

  async start(): Promise<void> {
    const { client } = this.o.host.require();
    const dom = await domainLookupByUuid(client, this.o.domainUuid).catch((e: unknown) => {
      throw toDriverError(e, 'find the VM');
    });
    const started: DiskState[] = [];
    try {
      for (const disk of this.disks) {
        const destXml = `<disk type='file'><source file='${escapeXml(disk.move.destPath)}'/><driver type='${escapeXml(disk.move.format)}'/></disk>`;
        const bandwidth = this.o.spec.bandwidthLimitBps === null ? {} : { bandwidthBps: Math.round(this.o.spec.bandwidthLimitBps) };
        // REUSE_EXT: the volume was pre-created thin; TRANSIENT_JOB: required for persistent domains.
        await domainBlockCopy(client, dom, disk.move.target, destXml, bandwidth, BlockCopyFlags.REUSE_EXT | BlockCopyFlags.TRANSIENT_JOB);
        started.push(disk);
      }
    } catch (error) {
      for (const disk of started) await domainBlockJobAbort(client, dom, disk.move.target).catch(() => undefined);
      throw new DriverError('STORAGE_COPY_FAILED', `block copy of ${this.o.spec.vmId}: ${messageOf(error)}`);
    }
    this.setStatus('storage');
    this.ended = this.watch();
  }

  async progress(): Promise<JobProgress> {
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

  async cancel(): Promise<void> {
    if (this.status === 'failed' || this.status === 'cancelled') return;
    if (this.switchedOver || this.status === 'completed')
      throw new DriverError('OPERATION_FAILED', 'the disks already switched to their copies');
    this.cancelRequested = true;
  }

  async setDowntimeLimit(): Promise<void> {
    // Nothing to do: a block copy pauses nothing, the guest keeps running throughout.
  }

  async startPostCopy(): Promise<void> {
    throw new DriverError('NOT_SUPPORTED', 'a storage-only migration has no memory to switch over');
  }

  detach(): void {
    this.detached = true;
  }

  /** Polls the mirrors; pivots when all are in sync; drops them on cancel. */
  private async watch(): Promise<void> {
    let lostSince: number | null = null;
    while (isRunning(this.status) && !this.detached) {
      await sleep(this.o.pollMs ?? 250);
      let client: LibvirtClient;
      try {
        client = this.o.host.require().client;
        const dom = await domainLookupByUuid(client, this.o.domainUuid);
        if (this.cancelRequested) {
          for (const disk of this.disks.filter((d) => !d.pivoted))
            await domainBlockJobAbort(client, dom, disk.move.target).catch(() => undefined);
          return this.end('cancelled', { code: 'ABORTED', message: 'the storage migration was cancelled' });
        }
        for (const disk of this.disks.filter((d) => !d.pivoted)) {
          const info = await domainGetBlockJobInfo(client, dom, disk.move.target, BlockJobInfoFlags.BANDWIDTH_BYTES);
          if (!info)
            return this.end('failed', {
              code: 'STORAGE_COPY_FAILED',
              message: `the copy of ${disk.move.target} ended without being pivoted`,
            });
          disk.cur = info.cur;
          disk.end = info.end;
        }
        lostSince = null;
        if (this.disks.every((d) => d.pivoted || (d.end > 0 && d.cur === d.end))) {
          for (const disk of this.disks.filter((d) => !d.pivoted)) {
            // Not yet "ready" in QEMU's eyes is an error here; the next round tries again.
            await domainBlockJobAbort(client, dom, disk.move.target, BlockJobAbortFlags.PIVOT).then(
              () => (disk.pivoted = true),
              (e: unknown) => this.o.logger.info(`libvirt: pivot of ${disk.move.target} not yet possible: ${messageOf(e)}`),
            );
          }
          if (this.disks.every((d) => d.pivoted)) {
            this.switchedOver = true;
            return this.end('completed', null);
          }
        }
      } catch (error) {
        // A daemon restart drops transient block jobs: give the connection a while, then report the loss.
        lostSince ??= Date.now();
        if (Date.now() - lostSince > 30_000) return this.end('failed', { code: 'STORAGE_COPY_FAILED', message: messageOf(error) });
      }
    }
  }

  private end(status: JobStatus, error: JobError | null): void {
    this.error = error;
    this.finishedAt = Date.now();
    this.setStatus(status);
  }

  private setStatus(status: JobStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.o.onStatus(status);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
