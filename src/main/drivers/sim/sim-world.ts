import type { Datastore } from '../../../shared/model/inventory';
import { DriverError, type DriverEvent, type MigrationJobSpec } from '../driver';
import type { FaultBook } from './faults';
import { shareBandwidth } from './links';
import { setupMs, stepJob, type StepEvent } from './precopy';
import type { SimHost, SimJob, SimJobPhase, SimState, SimVm } from './state';

/** Longest slice of model time stepped at once, so bandwidth shares follow jobs starting and ending. */
const maxStepMs = 250;
/** Finished jobs kept for late progress reads; older ones are dropped so a long run does not grow the list (and its file). */
export const maxFinishedSimJobs = 200;

const finished = (phase: SimJobPhase): boolean => phase === 'completed' || phase === 'failed' || phase === 'cancelled';

/** Jobs in start order: every active one, and only the newest finished ones. */
function withoutOldFinished(jobs: SimJob[]): SimJob[] {
  let drop = jobs.filter((j) => finished(j.phase)).length - (maxFinishedSimJobs - 1);
  return drop <= 0 ? jobs : jobs.filter((j) => !(finished(j.phase) && drop-- > 0));
}

/**
 * The simulated datacenter's physics: where guests run and how their migrations progress over
 * model time. The driver adapter validates requests and injects faults; this class applies them.
 */
export class SimWorld {
  readonly hosts = new Map<string, SimHost>();
  readonly vms = new Map<string, SimVm>();
  readonly datastores = new Map<string, Datastore>();

  constructor(
    readonly state: SimState,
    private readonly faults: FaultBook,
    private readonly emit: (event: DriverEvent) => void,
    private readonly changed: () => void,
  ) {
    for (const h of state.hosts) this.hosts.set(h.id, h);
    for (const v of state.vms) this.vms.set(v.id, v);
    for (const d of state.datastores) this.datastores.set(d.id, d);
  }

  job(jobId: string): SimJob | undefined {
    return this.state.jobs.find((j) => j.spec.jobId === jobId);
  }

  /** The VM, host or job by id, or NOT_FOUND as a hypervisor would say it. */
  vm(vmId: string): SimVm {
    const vm = this.vms.get(vmId);
    if (!vm) throw new DriverError('NOT_FOUND', `no VM ${vmId}`);
    return vm;
  }

  host(hostId: string): SimHost {
    const host = this.hosts.get(hostId);
    if (!host) throw new DriverError('NOT_FOUND', `no host ${hostId}`);
    return host;
  }

  requireJob(jobId: string): SimJob {
    const job = this.job(jobId);
    if (!job) throw new DriverError('NOT_FOUND', `no migration job ${jobId}`);
    return job;
  }

  activeJobs(): SimJob[] {
    return this.state.jobs.filter((j) => !finished(j.phase));
  }

  startJob(spec: MigrationJobSpec, vm: SimVm): SimJob {
    const disksMove = spec.type !== 'compute';
    // A powered-off guest has no memory to copy: only its definition (and disks) move.
    const memoryBytes = spec.type === 'storage' || spec.cold ? 0 : vm.memoryBytes * vm.nonZeroFraction;
    const overheads = this.hosts.get(spec.destHostId)?.migrationOverheads;
    const job: SimJob = {
      spec,
      phase: 'setup',
      phaseEnteredAtMs: 0,
      sourceDatastoreIds: vm.disks.map((d) => d.datastoreId),
      scheduledFailures: [],
      startedAtMs: this.state.nowMs,
      elapsedMs: 0,
      setupRemainingMs: overheads?.fixedMs ?? setupMs,
      ...(overheads ? { switchoverMs: overheads.switchoverMs } : {}),
      storage: {
        totalBytes: disksMove ? vm.disks.reduce((sum, d) => sum + d.allocatedBytes, 0) : 0,
        copiedBytes: 0,
        writeRateBps: disksMove ? vm.disks.reduce((sum, d) => sum + d.writeRateBps, 0) : 0,
      },
      memory: {
        totalBytes: memoryBytes,
        processedBytes: 0,
        passRemainingBytes: memoryBytes,
        passElapsedMs: 0,
        dirtiedBytes: 0,
        iteration: 1,
        lastPassBytes: memoryBytes,
        nonConvergingPasses: 0,
      },
      bandwidthBps: 0,
      downtimeLimitMs: spec.maxDowntimeMs,
      bandwidthLimitBps: spec.bandwidthLimitBps,
      autoConverge: spec.autoConverge,
      throttlePercent: 0,
      postCopyRequested: false,
      switchedOver: false,
      downtimeMs: null,
      error: null,
    };
    this.scheduleFaults(job, vm);
    this.state.jobs = [...withoutOldFinished(this.state.jobs.filter((j) => j.spec.jobId !== spec.jobId)), job];
    this.changed();
    return job;
  }

  failJob(job: SimJob, code: NonNullable<SimJob['error']>['code'], message: string, phase: SimJobPhase = 'failed'): void {
    job.phase = phase;
    job.error = { code, message };
    const vm = this.vms.get(job.spec.vmId);
    // After a post-copy switchover the only current memory is split across both ends: the guest stops,
    // and both halves say so (libvirt's POSTCOPY_FAILED), so nobody mistakes either for a whole copy.
    if (vm && job.switchedOver && vm.hostId === job.spec.destHostId && job.memory.passRemainingBytes > 0) {
      vm.power = 'paused';
      vm.copy = 'postcopy-failed';
      vm.pausedOn = vm.pausedOn.map((p) => (p.hostId === job.spec.sourceHostId ? { ...p, copy: 'postcopy-failed' } : p));
    }
    this.emit({ kind: 'job-changed', jobId: job.spec.jobId, status: phase });
    if (vm?.copy === 'postcopy-failed') this.emit({ kind: 'inventory-changed', vmIds: [vm.id] });
    this.changed();
  }

  /** Steps model time to `nowMs`. */
  advanceTo(nowMs: number): void {
    while (this.state.nowMs < nowMs && this.activeJobs().length > 0) {
      const dt = Math.min(maxStepMs, nowMs - this.state.nowMs);
      const rates = shareBandwidth(this.activeJobs(), this.hosts, this.datastores);
      for (const job of this.activeJobs()) {
        const vm = this.vms.get(job.spec.vmId);
        const rate = rates.get(job.spec.jobId);
        if (!vm || !rate) continue;
        const before = job.phase;
        const events = stepJob(job, vm, rate, dt);
        if (job.phase !== before) job.phaseEnteredAtMs = job.elapsedMs;
        this.applyScheduledFailures(job);
        this.handle(job, vm, events);
        if (job.phase !== before) this.emit({ kind: 'job-changed', jobId: job.spec.jobId, status: job.phase });
      }
      this.state.nowMs += dt;
    }
    this.state.nowMs = Math.max(this.state.nowMs, nowMs);
  }

  private scheduleFaults(job: SimJob, vm: SimVm): void {
    const targets = [vm.name, job.spec.sourceHostId, job.spec.destHostId];
    const add = (
      operation: 'link.cut' | 'storage.copy' | 'memory.copy',
      phase: 'any' | 'storage' | 'memory',
      code: 'LINK_DOWN' | 'STORAGE_COPY_FAILED' | 'MEMORY_COPY_FAILED',
    ): void => {
      const rule = this.faults.strike(operation, targets);
      if (rule?.fail) job.scheduledFailures.push({ phase, afterMs: rule.delayMs, code, message: rule.message });
    };
    add('link.cut', 'any', 'LINK_DOWN');
    if (job.storage.totalBytes > 0) add('storage.copy', 'storage', 'STORAGE_COPY_FAILED');
    if (job.memory.totalBytes > 0) add('memory.copy', 'memory', 'MEMORY_COPY_FAILED');
  }

  private applyScheduledFailures(job: SimJob): void {
    for (const f of job.scheduledFailures) {
      if (finished(job.phase)) return;
      const due =
        f.phase === 'any' ? job.elapsedMs >= f.afterMs : job.phase === f.phase && job.elapsedMs - job.phaseEnteredAtMs >= f.afterMs;
      if (due) this.failJob(job, f.code, f.message);
    }
  }

  private handle(job: SimJob, vm: SimVm, events: readonly StepEvent[]): void {
    if (job.phase === 'failed') return;
    if (events.includes('switched-over') && job.spec.type !== 'storage') this.switchOver(job, vm);
    if (events.includes('completed') && job.phase === 'completed') {
      if (job.spec.type === 'storage') this.moveDisks(vm, job.spec.destDatastoreId);
      // Post-copy done: the destination holds every page, and the source half has nothing left to serve.
      if (vm.copy === 'postcopy') {
        vm.copy = 'whole';
        vm.pausedOn = vm.pausedOn.filter((p) => !(p.hostId === job.spec.sourceHostId && p.copy === 'postcopy'));
      }
      this.state.reservations = this.state.reservations.filter((r) => r.jobId !== job.spec.jobId);
      this.changed();
    }
  }

  private switchOver(job: SimJob, vm: SimVm): void {
    const targets = [vm.name, job.spec.sourceHostId, job.spec.destHostId];
    const failure = this.faults.strike('switchover', targets);
    if (failure?.fail) {
      // QEMU resumes the source when the destination cannot take over.
      job.switchedOver = false;
      job.downtimeMs = null;
      this.failJob(job, 'SWITCHOVER_FAILED', failure.message);
      return;
    }
    // After pre-copy the source keeps a paused, complete copy until the engine commits; during
    // post-copy it keeps the pages the destination still pulls. A cold move leaves nothing behind
    // but the definition it moved.
    const postCopy = job.phase === 'postcopy';
    if (!job.spec.cold && (job.phase === 'completed' || postCopy))
      vm.pausedOn = [...vm.pausedOn, { hostId: job.spec.sourceHostId, copy: postCopy ? 'postcopy' : 'migrating' }];
    vm.hostId = job.spec.destHostId;
    vm.copy = postCopy ? 'postcopy' : 'whole';
    if (job.spec.type === 'both') this.moveDisks(vm, job.spec.destDatastoreId);
    if (!job.spec.cold && this.faults.strike('guest.crash', targets)?.fail) vm.crashed = true;
    this.emit({ kind: 'inventory-changed', vmIds: [vm.id] });
    this.changed();
  }

  moveDisks(vm: SimVm, datastoreId: string | null): void {
    if (!datastoreId) return;
    vm.disks = vm.disks.map((d) => ({ ...d, datastoreId, path: d.path.replace(/^\/vmfs\/[^/]+\//, `/vmfs/${datastoreId}/`) }));
  }
}
