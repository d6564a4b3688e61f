import type { Clock, TimerHandle } from '../../base/clock/clock';
import { OffsetClock } from '../../base/clock/offset-clock';
import {
  DriverError,
  type CpuComparison,
  type Discovery,
  type DiscoveryScope,
  type DriverEvent,
  type HostMetrics,
  type HypervisorDriver,
  type JobProgress,
  type MigrationJobSpec,
  type ProbeResult,
  type ShutdownOptions,
  type VmPlacement,
} from '../driver';
import { FaultBook } from './faults';
import { dropCopy, placementsOf, resumeSplit } from './guest-copies';
import { SimReadings } from './discovery';
import { buildPreset, type PresetName } from './presets';
import { seededRandom } from './random';
import { SimWorld } from './sim-world';
import type { SimJob, SimState } from './state';
import type { SimStateStore } from './store';
import { progressOf } from './progress';
import { StateSaver } from './saver';
import type { ComputedCpuBaseline, CpuBaselineDefinition } from '../../../shared/model/cpu-baseline';
import { hostsIn, pendCpu, simCpuBaseline, simCpuModelsFor } from './cpu-baseline';
import { failHost, switchOff, switchOn } from './power';
import { shutdownTakesMs } from './guest-shutdown';
import { simCapabilities as capabilities } from './capabilities';

export interface SimDriverOptions {
  clock: Clock;
  preset?: PresetName;
  store?: SimStateStore;
  id?: string;
  tickMs?: number;
  /**
   * Debounce for writing state after a change, on the datacenter's own clock: it stands in for
   * hypervisors that outlive Ferry, so a sped-up one is written as promptly in its own time.
   */
  saveDelayMs?: number;
}

/** The embedded simulated datacenter: a driver like any other, faithful enough to fail like real hosts. */
export class SimDriver implements HypervisorDriver {
  readonly kind = 'sim';
  readonly id: string;
  readonly capabilities = capabilities;
  /** Every change is an event naming its guests; a full read of 40,000 guests refreshes only their CPU use. */
  readonly fullDiscoveryEveryMs = 5 * 60_000;
  readonly faults: FaultBook;
  private readonly world: SimWorld;
  private readonly listeners = new Set<(event: DriverEvent) => void>();
  private readonly clock: Clock;
  private readonly tickMs: number;
  private tickTimer: TimerHandle | null = null;
  private readonly saver: StateSaver;
  private closed = false;
  private readonly readings: SimReadings;

  constructor(private readonly options: SimDriverOptions) {
    this.id = options.id ?? 'sim';
    this.tickMs = options.tickMs ?? 100;
    const saved = options.store?.load() ?? null;
    // A session sped up (--sim-speed) left the datacenter ahead of the wall clock: it goes on from
    // there, rather than standing still until the wall clock catches up.
    const ahead = saved ? saved.nowMs - options.clock.now() : 0;
    this.clock = ahead > 0 ? new OffsetClock(options.clock, ahead) : options.clock;
    const state: SimState = saved ?? buildPreset(options.preset ?? 'demo', this.clock.now());
    this.saver = new StateSaver(options.store, () => state, this.clock, options.saveDelayMs ?? 1000);
    this.faults = new FaultBook(state, seededRandom(state.seed + state.nextFaultId), (rule) => this.faultsChanged(rule), this.clock);
    this.world = new SimWorld(
      state,
      this.faults,
      (e) => this.emit(e),
      () => this.saver.soon(),
    );
    this.readings = new SimReadings(this.world);
    // Migrations kept running while the console was away: catch up, then keep ticking.
    this.world.advanceTo(this.clock.now());
    // A datacenter built now is saved at once, as a real one exists before anyone migrates in it.
    if (!saved) options.store?.save(state);
    for (const rule of state.faults) this.scheduleHostEvent(rule.id);
    this.ensureTicking();
  }

  get preset(): string {
    return this.world.state.preset;
  }

  async discover(scope?: DiscoveryScope): Promise<Discovery> {
    this.sync();
    return this.readings.discovery(this.clock.now(), scope);
  }

  async metrics(): Promise<HostMetrics[]> {
    this.sync();
    return this.readings.metrics(this.clock.now());
  }

  subscribe(listener: (event: DriverEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async reserveDestination(spec: MigrationJobSpec): Promise<void> {
    const vm = this.world.vm(spec.vmId);
    const dest = this.world.host(spec.destHostId);
    await this.faults.apply('destination.reserve', [vm.name, dest.name], 'DESTINATION_FAILED');
    if (dest.health === 'failed' || dest.connection !== 'connected')
      throw new DriverError('HOST_UNREACHABLE', `${dest.name} is not reachable`);
    const state = this.world.state;
    if (state.reservations.some((r) => r.jobId === spec.jobId)) return;
    const disksMove = spec.type !== 'compute';
    state.reservations.push({
      jobId: spec.jobId,
      hostId: dest.id,
      memoryBytes: spec.type === 'storage' ? 0 : vm.memoryBytes,
      datastoreId: disksMove ? spec.destDatastoreId : null,
      diskBytes: disksMove ? vm.disks.reduce((sum, d) => sum + d.allocatedBytes, 0) : 0,
    });
    this.saver.soon();
  }

  async releaseDestination(spec: MigrationJobSpec): Promise<void> {
    this.world.state.reservations = this.world.state.reservations.filter((r) => r.jobId !== spec.jobId);
    this.saver.soon();
  }

  async startMigration(spec: MigrationJobSpec): Promise<void> {
    this.sync();
    const vm = this.world.vm(spec.vmId);
    const source = this.world.host(spec.sourceHostId);
    const dest = this.world.host(spec.destHostId);
    if (vm.hostId !== source.id) throw new DriverError('OPERATION_FAILED', `${vm.name} does not run on ${source.name}`);
    const movable = spec.cold ? vm.power === 'off' : vm.power === 'running' && !vm.crashed;
    if (!movable)
      throw new DriverError(
        'OPERATION_FAILED',
        `${vm.name} is ${vm.power}: a ${spec.cold ? 'cold migration needs it powered off' : 'live migration needs it running'}`,
      );
    if (dest.health === 'failed' || dest.connection !== 'connected')
      throw new DriverError('HOST_UNREACHABLE', `${dest.name} is not reachable`);
    const existing = this.world.job(spec.jobId);
    if (existing && existing.phase !== 'failed' && existing.phase !== 'cancelled') return;
    await this.faults.apply('migration.start', [vm.name, source.name, dest.name], 'OPERATION_FAILED');
    this.world.startJob(spec, vm);
    this.ensureTicking();
  }

  async jobProgress(jobId: string): Promise<JobProgress> {
    this.sync();
    const job = this.world.requireJob(jobId);
    this.reach(job.spec.sourceHostId);
    return progressOf(job, this.world.vms.get(job.spec.vmId));
  }

  async setDowntimeLimit(jobId: string, ms: number): Promise<void> {
    this.runningJob(jobId).downtimeLimitMs = ms;
    this.saver.soon();
  }

  async setAutoConverge(jobId: string, on: boolean): Promise<void> {
    const job = this.runningJob(jobId);
    job.autoConverge = on;
    if (!on) job.throttlePercent = 0;
    this.saver.soon();
  }

  async startPostCopy(jobId: string): Promise<void> {
    const job = this.runningJob(jobId);
    this.reach(job.spec.sourceHostId);
    if (!job.spec.postCopyAllowed) throw new DriverError('NOT_SUPPORTED', 'post-copy was not enabled when the migration started');
    if (job.phase !== 'memory' && job.phase !== 'setup')
      throw new DriverError('OPERATION_FAILED', `cannot switch to post-copy during ${job.phase}`);
    job.postCopyRequested = true;
    this.saver.soon();
  }

  async resumePostCopy(jobId: string): Promise<void> {
    this.sync();
    const job = this.world.requireJob(jobId);
    const vm = this.world.vm(job.spec.vmId);
    this.reach(job.spec.sourceHostId, job.spec.destHostId);
    if (vm.copy !== 'postcopy-failed') throw new DriverError('OPERATION_FAILED', `${vm.name} has no broken post-copy to resume`);
    const down = [job.spec.sourceHostId, job.spec.destHostId].map((id) => this.world.host(id)).find((h) => h.health === 'failed');
    if (down) throw new DriverError('OPERATION_FAILED', `${down.name} failed: the half of ${vm.name} it held is gone`);
    resumeSplit(vm, job);
    this.emit({ kind: 'job-changed', jobId, status: 'postcopy' });
    this.changed(job.spec.vmId);
    this.ensureTicking();
  }

  async cancelMigration(jobId: string): Promise<void> {
    this.sync();
    const job = this.world.requireJob(jobId);
    this.reach(job.spec.sourceHostId);
    if (job.phase === 'cancelled' || job.phase === 'failed') return;
    if (job.switchedOver || job.phase === 'completed')
      throw new DriverError('OPERATION_FAILED', 'the guest already switched over to the destination');
    this.world.failJob(job, 'ABORTED', 'cancelled', 'cancelled');
  }

  /** As libvirt compares: every CPU feature the guest runs with must exist on the destination. */
  async compareCpu(vmId: string, destHostId: string): Promise<CpuComparison> {
    this.sync();
    const vm = this.world.vm(vmId);
    const dest = this.world.host(destHostId);
    this.reach(destHostId);
    await this.faults.apply('cpu.compare', [vm.name, dest.name], 'OPERATION_FAILED');
    const missing = vm.cpuFeatures.filter((f) => !dest.cpu.features.includes(f));
    return { compatible: missing.length === 0, incompatibleFeatures: missing, message: null };
  }

  async cpuBaseline(clusterId: string, model: string | null): Promise<ComputedCpuBaseline> {
    return simCpuBaseline(clusterId, hostsIn(this.world.state, clusterId), model);
  }

  async cpuModels(clusterId: string): Promise<string[]> {
    return simCpuModelsFor(hostsIn(this.world.state, clusterId));
  }

  /** As libvirt's persistent definition: the guest keeps its CPU until its next power on. */
  async applyCpuAtPowerCycle(vmId: string, cpu: CpuBaselineDefinition): Promise<void> {
    this.sync();
    const vm = this.world.vm(vmId);
    this.reach(vm.hostId);
    pendCpu(vm, this.world.host(vm.hostId), cpu);
    this.changed(vmId);
  }

  /** The simulator's own power switch: a guest shut down from inside, or started (with any CPU pending for it). */
  async setPower(vmId: string, on: boolean): Promise<void> {
    const hostId = this.world.vm(vmId).hostId;
    return on ? this.powerOn(vmId, hostId) : this.powerOff(vmId, hostId);
  }

  /** The guest shuts itself down in its own time; the wait is bounded by the caller's timeout, in sim time. */
  async shutdownGuest(vmId: string, hostId: string, options: ShutdownOptions): Promise<void> {
    const vm = this.poweredVm(vmId, hostId);
    if (vm.power === 'off') return;
    if (vm.power !== 'running') throw new DriverError('OPERATION_FAILED', `${vm.name} is ${vm.power}: only a running guest can shut down`);
    const takesMs = shutdownTakesMs(vm, this.faults.strike('guest.shutdown', [vm.name, this.world.host(hostId).name]));
    await new Promise<void>((resolve) => this.clock.setTimeout(resolve, Math.min(takesMs, options.timeoutMs)));
    this.sync();
    if (takesMs > options.timeoutMs)
      throw new DriverError('GUEST_SHUTDOWN_TIMEOUT', `${vm.name} was still running after ${Math.round(options.timeoutMs / 1000)} s`);
    if (vm.hostId === hostId && vm.power === 'running') switchOff(this.world, vm);
    this.changed(vmId);
  }

  async powerOff(vmId: string, hostId: string): Promise<void> {
    const vm = this.poweredVm(vmId, hostId);
    if (vm.power !== 'off') switchOff(this.world, vm);
    this.changed(vmId);
  }

  async powerOn(vmId: string, hostId: string): Promise<void> {
    switchOn(this.poweredVm(vmId, hostId), this.clock.now());
    this.changed(vmId);
  }

  async locateVm(vmId: string): Promise<VmPlacement[]> {
    this.sync();
    const vm = this.world.vm(vmId);
    const placements = placementsOf(vm);
    this.reach(...placements.map((p) => p.hostId));
    return placements;
  }

  async probeVm(vmId: string, hostId: string): Promise<ProbeResult> {
    this.sync();
    const vm = this.world.vm(vmId);
    const host = this.world.host(hostId);
    this.reach(hostId);
    await this.faults.apply('probe', [vm.name, host.name], 'HOST_UNREACHABLE');
    const alive = vm.hostId === hostId && vm.power === 'running' && !vm.crashed && host.health !== 'failed';
    // The simulated guest's boot id is its own truth, as Ferry's probe would tell it: the probe's level.
    return {
      alive,
      bootId: alive ? vm.bootId : null,
      uptimeMs: alive ? this.clock.now() - vm.bootedAtMs : null,
      witness: alive ? 'probe' : 'hypervisor',
      guestClockMs: null,
    };
  }

  async resumeVm(vmId: string, hostId: string): Promise<void> {
    const vm = this.world.vm(vmId);
    this.reach(hostId);
    if (vm.hostId === hostId && vm.power === 'paused') {
      vm.power = 'running';
      this.changed(vmId);
      return;
    }
    if (vm.hostId !== hostId) throw new DriverError('NOT_FOUND', `${vm.name} has no domain on ${hostId}`);
  }

  async removeLeftovers(spec: MigrationJobSpec, hostId: string): Promise<void> {
    const vm = this.world.vm(spec.vmId);
    await this.faults.apply(hostId === spec.sourceHostId ? 'commit' : 'rollback', [vm.name, hostId], 'OPERATION_FAILED');
    this.reach(hostId);
    dropCopy(vm, hostId, spec, this.world.job(spec.jobId));
    this.world.state.reservations = this.world.state.reservations.filter((r) => !(r.jobId === spec.jobId && r.hostId === hostId));
    this.changed(spec.vmId);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.sync();
    this.closed = true;
    if (this.tickTimer) this.clock.clearTimeout(this.tickTimer);
    this.saver.close();
  }

  /** Host events (failure, degradation) are rules too: they happen `delayMs` after the rule is added. */
  private faultsChanged(added?: { id: string }): void {
    if (added) this.scheduleHostEvent(added.id);
    this.saver.soon();
  }

  private scheduleHostEvent(ruleId: string): void {
    const rule = this.world.state.faults.find((r) => r.id === ruleId);
    if (
      !rule ||
      (rule.operation !== 'host.fail' && rule.operation !== 'host.degrade') ||
      (rule.count !== null && rule.struck >= rule.count)
    )
      return;
    this.clock.setTimeout(() => {
      if (this.closed) return;
      this.sync();
      for (const host of this.world.state.hosts) {
        if (!this.faults.strike(rule.operation, [host.name])) continue;
        host.health = rule.operation === 'host.fail' ? 'failed' : 'degraded';
        if (host.health === 'failed') failHost(this.world, host.id);
        this.emit({ kind: 'host-health', hostId: host.id, health: host.health });
      }
      this.changed();
    }, rule.delayMs);
  }

  /** Ferry cannot reach a host while a host.unreachable rule strikes it: the call fails as libvirt's would. */
  private reach(...hostIds: string[]): void {
    for (const hostId of new Set(hostIds)) {
      const host = this.world.hosts.get(hostId);
      if (host && this.faults.strike('host.unreachable', [host.name])?.fail)
        throw new DriverError('HOST_UNREACHABLE', `cannot reach ${host.name}`);
    }
  }

  private sync(): void {
    if (!this.closed) this.world.advanceTo(this.clock.now());
  }

  private ensureTicking(): void {
    if (this.tickTimer || this.closed || this.world.activeJobs().length === 0) return;
    this.tickTimer = this.clock.setTimeout(() => {
      this.tickTimer = null;
      this.sync();
      this.ensureTicking();
    }, this.tickMs);
  }

  private emit(event: DriverEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** `vmId` when the change was that VM's alone (with its hosts'): the inventory then reads only it. */
  private changed(vmId?: string): void {
    this.emit({ kind: 'inventory-changed', ...(vmId ? { vmIds: [vmId] } : {}) });
    this.saver.soon();
  }

  /** The guest defined on that host, for a power operation. */
  private poweredVm(vmId: string, hostId: string) {
    this.sync();
    const vm = this.world.vm(vmId);
    this.reach(hostId);
    if (vm.hostId !== hostId) throw new DriverError('NOT_FOUND', `${vm.name} has no domain on ${this.world.host(hostId).name}`);
    return vm;
  }

  private runningJob(jobId: string): SimJob {
    this.sync();
    const job = this.world.requireJob(jobId);
    if (job.phase === 'completed' || job.phase === 'failed' || job.phase === 'cancelled')
      throw new DriverError('OPERATION_FAILED', `migration job ${jobId} is ${job.phase}`);
    return job;
  }
}
