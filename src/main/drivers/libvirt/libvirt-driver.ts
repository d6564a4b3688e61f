// The libvirt backend: real KVM/QEMU hosts through libvirtd, spoken to with our own RPC client.
// It performs the steps the engine asks for and never decides the order of a migration.

import { silentLogger, type Logger } from '../../base/logger';
import {
  DriverError,
  type Discovery,
  type DriverCapabilities,
  type DriverEvent,
  type HostMetrics,
  type HypervisorDriver,
  type DirtyRateMeasurement,
  type JobProgress,
  type MigrationJobSpec,
  type ProbeResult,
  type ShutdownOptions,
  type VmPlacement,
} from '../driver';
import { redactUri } from '../../base/redact';
import type { LibvirtDriverOptions, LibvirtHostConfig } from './hosts/config';
import { compareGuestCpu, type CpuCompareResult } from './inventory/cpu-features';
import { guarded, messageOf } from './hosts/error-mapping';
import { probeGuest } from './jobs/guest-probe';
import { destroyDomain, shutdownDomain, startDomain, type PowerTarget } from './jobs/guest-power';
import { askGuestAgent } from './jobs/guest-agent';
import { openClientFor, type HostConnection } from './hosts/host-connection';
import { HostRegistry } from './hosts/host-registry';
import { DEFAULT_DIRTY_RATE_SAMPLING, DirtyRateSampler } from './inventory/dirty-rates';
import { InventoryReader } from './inventory/inventory-reader';
import { JobJournal } from './jobs/job-journal';
import { JobTable } from './jobs/job-table';
import { findDomain, locateVm } from './jobs/placement';
import { domainGetState, domainGetXmlDesc, domainResume, processOpenSshEnvironment, type OpenSshEnvironment } from './rpc';
import { testHostConnection, type HostTestResult } from './hosts/test-connection';
import { parseDomain } from './xml/domain';
import type { ComputedCpuBaseline, CpuBaselineDefinition } from '../../../shared/model/cpu-baseline';
import { baselineHostsOf, clusterCpuBaseline, clusterCpuModels, defineBaselineCpu } from './inventory/cpu-baseline';

/**
 * What libvirt lets Ferry do. autoConvergeLive is false: libvirt takes auto-converge only as a
 * flag at the start (the engine then passes it in the job spec); faults cannot be injected.
 * postCopyRecovery depends on the daemons (see `capabilities`).
 */
const fixedCapabilities: DriverCapabilities = {
  liveMigration: true,
  storageMigration: true,
  sharedNothingMigration: true,
  postCopy: true,
  autoConvergeLive: false,
  bandwidthLimit: true,
  downtimeLimit: true,
  cpuCompare: true,
  // Its lists are for display and explanation; the destination's COMPARE_HYPERVISOR_CPU judges.
  cpuFeaturesExact: false,
  faultInjection: false,
  addHosts: true,
  coldMigration: true,
  // libvirt's offline migration moves the definition only (it refuses NON_SHARED_DISK offline).
  coldDiskCopy: false,
  postCopyRecovery: false,
};

/** VIR_MIGRATE_POSTCOPY_RESUME and VIR_DOMAIN_ABORT_JOB_POSTCOPY arrived in libvirt 8.5.0. */
const POSTCOPY_RECOVERY_SINCE = 8_005_000;

export class LibvirtDriver implements HypervisorDriver {
  readonly kind = 'libvirt';
  readonly id: string;
  private readonly registry: HostRegistry;
  private readonly reader: InventoryReader;
  private readonly dirtyRates: DirtyRateSampler;
  private readonly listeners = new Set<(event: DriverEvent) => void>();
  private readonly jobs: JobTable;
  private readonly sharedPools: Set<string>;
  private readonly logger: Logger;

  constructor(private readonly options: LibvirtDriverOptions) {
    this.id = options.id ?? 'libvirt';
    this.logger = options.logger ?? silentLogger;
    this.sharedPools = new Set(options.sharedPools ?? []);
    this.registry = new HostRegistry(
      {
        logger: this.logger,
        ...(options.openClient ? { openClient: options.openClient } : {}),
        ...(options.openssh ? { openssh: options.openssh } : {}),
        onEvent: (_connection, event) => {
          if (event.kind === 'lifecycle') this.emit({ kind: 'inventory-changed' });
        },
        onStateChange: (connection) => this.connectionChanged(connection),
      },
      this.logger,
    );
    this.dirtyRates = new DirtyRateSampler({
      ...DEFAULT_DIRTY_RATE_SAMPLING,
      ...options.dirtyRateSampling,
      now: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      logger: this.logger,
    });
    this.reader = new InventoryReader(this.id, this.registry, options, this.sharedPools, this.logger, this.dirtyRates, (vmId) =>
      this.jobs.moving(vmId),
    );
    this.jobs = new JobTable({
      registry: this.registry,
      sharedPools: this.sharedPools,
      journal: new JobJournal(options.journal, this.logger),
      parallelConnections: options.parallelConnections ?? null,
      logger: this.logger,
      emit: (event) => this.emit(event),
    });
    for (const host of options.hosts) this.registry.add(host);
  }

  /** Post-copy recovery needs libvirt 8.5 on every host that answers. */
  get capabilities(): DriverCapabilities {
    const versions = this.registry.connected().map((c) => c.session.libVersion);
    const recovery = versions.length > 0 && versions.every((v) => v !== null && v >= POSTCOPY_RECOVERY_SINCE);
    return { ...fixedCapabilities, postCopyRecovery: recovery };
  }

  /** Connects once with a candidate host config and reports what it found (the "add host" wizard). */
  static testConnection(config: LibvirtHostConfig, openssh: OpenSshEnvironment = processOpenSshEnvironment()): Promise<HostTestResult> {
    return testHostConnection(config, (c, hostKey) => openClientFor(c, hostKey, openssh));
  }

  /** Adds a host once it answers; returns its id. */
  async addHost(config: LibvirtHostConfig): Promise<string> {
    const connection = this.registry.add(config);
    await connection.ready;
    const hostId = connection.hostId;
    if (connection.state !== 'connected' || !hostId) {
      const error = connection.lastError ?? new DriverError('HOST_UNREACHABLE', `cannot connect to ${redactUri(config.uri)}`);
      await this.registry.remove(connection);
      throw error;
    }
    if (this.registry.connections.some((c) => c !== connection && c.hostId === hostId)) {
      await this.registry.remove(connection);
      throw new DriverError('OPERATION_FAILED', `${connection.label} is already managed (${hostId})`);
    }
    this.emit({ kind: 'inventory-changed' });
    return hostId;
  }

  /** Names dir pools that are the same storage on every host defining them (an added host may bring more). */
  declareSharedPools(names: readonly string[]): void {
    for (const name of names) this.sharedPools.add(name);
  }

  /** Stops managing a host (its guests keep running); refused while a migration involves it. */
  async removeHost(hostId: string): Promise<void> {
    if (this.jobs.involves(hostId)) throw new DriverError('OPERATION_FAILED', `a migration involving ${hostId} is under way`);
    for (const connection of this.registry.connections.filter((c) => c.hostId === hostId)) await this.registry.remove(connection);
    this.emit({ kind: 'inventory-changed' });
  }

  /** libvirt's own CPU check of a VM against a destination host (CONNECT_COMPARE_HYPERVISOR_CPU). */
  async compareCpu(vmId: string, destHostId: string): Promise<CpuCompareResult> {
    await this.registry.ready();
    const placements = await this.locateVm(vmId);
    const placement = placements.find((p) => p.power === 'running') ?? placements[0];
    if (!placement) throw new DriverError('NOT_FOUND', `no VM ${vmId}`);
    const source = this.registry.session(placement.hostId);
    const dom = await findDomain(source.client, vmId);
    if (!dom) throw new DriverError('NOT_FOUND', `no VM ${vmId}`);
    const def = parseDomain(await guarded('read the VM definition', () => domainGetXmlDesc(source.client, dom)));
    return compareGuestCpu(this.registry.session(destHostId).client, def, source.capabilities.cpuXml);
  }

  async cpuBaseline(clusterId: string, model: string | null): Promise<ComputedCpuBaseline> {
    await this.registry.ready();
    return clusterCpuBaseline(clusterId, baselineHostsOf(this.registry, clusterId), model);
  }

  async cpuModels(clusterId: string): Promise<string[]> {
    await this.registry.ready();
    return clusterCpuModels(clusterId, baselineHostsOf(this.registry, clusterId));
  }

  /** Redefines the guest's persistent definition on the host it is defined on (where it runs, if it does). */
  async applyCpuAtPowerCycle(vmId: string, cpu: CpuBaselineDefinition): Promise<void> {
    await this.registry.ready();
    const placements = await this.locateVm(vmId);
    const placement = placements.find((p) => p.power === 'running') ?? placements[0];
    if (!placement) throw new DriverError('NOT_FOUND', `no VM ${vmId}`);
    const session = this.registry.session(placement.hostId);
    const dom = await findDomain(session.client, vmId);
    if (!dom) throw new DriverError('NOT_FOUND', `no VM ${vmId}`);
    await defineBaselineCpu(session.client, dom, session.hostname, cpu, `${Date.now().toString(36)}-${cpu.model}`);
    this.emit({ kind: 'inventory-changed' });
  }

  async discover(): Promise<Discovery> {
    return this.reader.discover();
  }

  async metrics(): Promise<HostMetrics[]> {
    // Before the first connection attempts settle, hosts have no id yet: wait for them.
    await this.registry.ready();
    return this.reader.metrics();
  }

  subscribe(listener: (event: DriverEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async reserveDestination(spec: MigrationJobSpec): Promise<void> {
    await this.registry.ready();
    await this.jobs.reserve(spec);
  }

  async releaseDestination(spec: MigrationJobSpec): Promise<void> {
    await this.registry.ready();
    await this.jobs.release(spec);
  }

  async startMigration(spec: MigrationJobSpec): Promise<void> {
    await this.registry.ready();
    await this.jobs.start(spec);
  }

  /** This process's job, or a journaled one re-attached from the hypervisor's truth (after a restart). */
  async jobProgress(jobId: string): Promise<JobProgress> {
    await this.registry.ready();
    return this.jobs.job(jobId).progress();
  }

  async setDowntimeLimit(jobId: string, ms: number): Promise<void> {
    await this.registry.ready();
    return this.jobs.job(jobId).setDowntimeLimit(ms);
  }

  async setAutoConverge(): Promise<void> {
    throw new DriverError('NOT_SUPPORTED', 'libvirt sets auto-converge when a migration starts, not during it');
  }

  async startPostCopy(jobId: string): Promise<void> {
    await this.registry.ready();
    return this.jobs.job(jobId).startPostCopy();
  }

  /** libvirt's post-copy recovery: the same migration again from the source, with VIR_MIGRATE_POSTCOPY_RESUME. */
  async resumePostCopy(jobId: string): Promise<void> {
    await this.registry.ready();
    if (!this.capabilities.postCopyRecovery)
      throw new DriverError('NOT_SUPPORTED', 'post-copy recovery needs libvirt 8.5 or later on every host');
    return this.jobs.job(jobId).resumePostCopy();
  }

  async cancelMigration(jobId: string): Promise<void> {
    await this.registry.ready();
    return this.jobs.job(jobId).cancel();
  }

  async locateVm(vmId: string): Promise<VmPlacement[]> {
    await this.registry.ready();
    return locateVm(this.registry, vmId, this.jobs.hostsOf(vmId));
  }

  /** Page-samples the guest where it runs (a few seconds); not while a migration of ours moves it. */
  async measureDirtyRate(vmId: string): Promise<DirtyRateMeasurement | null> {
    await this.registry.ready();
    if (this.jobs.moving(vmId)) return null;
    const running = (await this.locateVm(vmId)).find((p) => p.power === 'running');
    if (!running) return null;
    const { client } = this.registry.session(running.hostId);
    const dom = await findDomain(client, vmId);
    return dom ? this.dirtyRates.measure({ uuid: vmId, name: dom.name, client }) : null;
  }

  /**
   * Alive means: the domain runs (not paused) on that host, and the guest's strongest witness
   * agrees: Ferry's probe when the definition names one (it must answer as the same named guest),
   * else the QEMU guest agent when the domain has its channel (the agent's clock, and its boot id
   * where the host allows it), else the hypervisor alone (`witness: 'hypervisor'`, no boot id: the
   * engine then cannot catch a reboot, and says the verification was weaker).
   */
  async probeVm(vmId: string, hostId: string): Promise<ProbeResult> {
    await this.registry.ready();
    const dead: ProbeResult = { alive: false, bootId: null, uptimeMs: null, witness: 'hypervisor', guestClockMs: null };
    const { client } = this.registry.session(hostId);
    const dom = await findDomain(client, vmId);
    if (!dom) return dead;
    // Asked together: each is a round trip to the host, and the definition is only read.
    const [state, xml] = await Promise.all([
      guarded('read the VM state', () => domainGetState(client, dom)),
      guarded('read the VM definition', () => domainGetXmlDesc(client, dom)),
    ]);
    if (state.state !== 'RUNNING') return dead;
    const def = parseDomain(xml);
    if (def.probe) {
      const answer = await probeGuest(def.probe.address, def.probe.port);
      if (!answer || (answer.name !== null && answer.name !== def.name)) return dead;
      return { alive: true, bootId: answer.bootId, uptimeMs: answer.uptimeMs, witness: 'probe', guestClockMs: null };
    }
    if (def.agentChannel) {
      const readBootId = this.registry.connection(hostId).config.agentBootId ?? false;
      const agent = await guarded('ask the guest agent', () => askGuestAgent(client, dom, { readBootId }));
      if (agent) return { alive: true, bootId: agent.bootId, uptimeMs: null, witness: 'agent', guestClockMs: agent.clockMs };
    }
    return { alive: true, bootId: null, uptimeMs: null, witness: 'hypervisor', guestClockMs: null };
  }

  async resumeVm(vmId: string, hostId: string): Promise<void> {
    await this.registry.ready();
    const { client } = this.registry.session(hostId);
    const dom = await findDomain(client, vmId);
    if (!dom) throw new DriverError('NOT_FOUND', `VM ${vmId} has no domain on ${hostId}`);
    const state = await guarded('read the VM state', () => domainGetState(client, dom));
    if (state.state === 'RUNNING') return;
    if (state.state !== 'PAUSED')
      throw new DriverError('OPERATION_FAILED', `VM ${vmId} is ${state.state.toLowerCase()} on ${hostId}, not paused`);
    await guarded('resume the VM', () => domainResume(client, dom));
    this.emit({ kind: 'inventory-changed' });
  }

  async shutdownGuest(vmId: string, hostId: string, options: ShutdownOptions): Promise<void> {
    try {
      await shutdownDomain(await this.powerTarget(vmId, hostId), options);
    } finally {
      this.emit({ kind: 'inventory-changed' });
    }
  }

  async powerOff(vmId: string, hostId: string): Promise<void> {
    await destroyDomain(await this.powerTarget(vmId, hostId));
    this.emit({ kind: 'inventory-changed' });
  }

  async powerOn(vmId: string, hostId: string): Promise<void> {
    await startDomain(await this.powerTarget(vmId, hostId));
    this.emit({ kind: 'inventory-changed' });
  }

  async removeLeftovers(spec: MigrationJobSpec, hostId: string): Promise<void> {
    await this.registry.ready();
    await this.jobs.removeLeftovers(spec, hostId);
    this.emit({ kind: 'inventory-changed' });
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.jobs.detachAll();
    await this.registry.closeAll();
  }

  /** The VM's domain on that host; a power operation never touches one a migration of ours is moving. */
  private async powerTarget(vmId: string, hostId: string): Promise<PowerTarget> {
    await this.registry.ready();
    if (this.jobs.moving(vmId)) throw new DriverError('OPERATION_FAILED', `VM ${vmId} is migrating`);
    const session = this.registry.session(hostId);
    const dom = await findDomain(session.client, vmId);
    if (!dom) throw new DriverError('NOT_FOUND', `VM ${vmId} has no domain on ${session.hostname}`);
    return { client: session.client, dom, label: `${dom.name} on ${session.hostname}` };
  }

  private connectionChanged(connection: HostConnection): void {
    if (connection.hostId)
      this.emit({ kind: 'host-health', hostId: connection.hostId, health: connection.state === 'connected' ? 'ok' : 'unknown' });
    this.emit({ kind: 'inventory-changed' });
  }

  private emit(event: DriverEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.warn(`libvirt: event listener failed: ${messageOf(error)}`);
      }
    }
  }
}
