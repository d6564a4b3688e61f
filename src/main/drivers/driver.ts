import type { Discovery, HostHealth, HostMetrics, PowerState } from '../../shared/model/inventory';
import type { DriverCapabilities } from '../../shared/api/drivers';
import type { DriverErrorCode } from '../../shared/api/errors';
import type { FaultRule, FaultRuleInput } from '../../shared/model/faults';
import type { MigrationType } from '../../shared/model/migration';
import type { ComputedCpuBaseline, CpuBaselineDefinition } from '../../shared/model/cpu-baseline';

/** What a backend can do (declared in the contract): the engine and the UI offer only that. */
export type { DriverCapabilities, Discovery, HostMetrics };

/** Everything a driver needs to run one migration job; the engine's task id names the job. */
export interface MigrationJobSpec {
  jobId: string;
  vmId: string;
  type: MigrationType;
  sourceHostId: string;
  destHostId: string;
  /** Where the disks go when they move (storage or shared-nothing); null when they stay. */
  destDatastoreId: string | null;
  bandwidthLimitBps: number | null;
  maxDowntimeMs: number;
  /** Allow the engine to switch to post-copy later (libvirt must know at start). */
  postCopyAllowed: boolean;
  autoConverge: boolean;
  /** Encrypt the migration stream itself (libvirt: VIR_MIGRATE_TLS, QEMU's TLS between the hosts). Absent: off. */
  encryptStream?: boolean;
  /** The guest is powered off: re-register it on the destination (and copy its disks if they move). */
  cold: boolean;
}

/** The backend's job status mapped into our own closed union; `unknown` keeps what we could not map. */
export type JobStatus = 'setup' | 'storage' | 'memory' | 'postcopy' | 'completed' | 'failed' | 'cancelled' | 'unknown';

export interface JobProgress {
  status: JobStatus;
  elapsedMs: number;
  memoryTotalBytes: number;
  memoryProcessedBytes: number;
  memoryRemainingBytes: number;
  dirtyRateBps: number;
  iteration: number;
  bandwidthBps: number;
  expectedDowntimeMs: number | null;
  diskTotalBytes: number;
  diskProcessedBytes: number;
  diskRemainingBytes: number;
  /** Known once the guest switched over. */
  downtimeMs: number | null;
  /** How long the guest did not answer around the switchover, seen from Ferry; null when it could not be watched. */
  observedDowntimeMs: number | null;
  downtimeLimitMs: number;
  throttlePercent: number;
  switchedOver: boolean;
  error: { code: DriverErrorCode; message: string } | null;
}

/**
 * What a domain's memory is, as the hypervisor's reason for its state tells: `whole` (it can be
 * the guest on its own: running, paused by a user, or shut off), `migrating` (paused by the
 * migration: the source's final stop-and-copy, whole and resumable, or an incoming copy not yet
 * started: its host's role says which), `postcopy` (one half of a post-copy under way: the
 * destination runs, the source still serves the pages it has not sent) or `postcopy-failed`
 * (one half of a post-copy that broke: the guest's state is split, neither half may go).
 */
export type CopyState = 'whole' | 'migrating' | 'postcopy' | 'postcopy-failed' | 'unknown';

export interface VmPlacement {
  hostId: string;
  power: PowerState;
  copy: CopyState;
}

/**
 * Who vouched for the guest: Ferry's own probe inside it, the QEMU guest agent, or only the
 * hypervisor (it runs; nothing inside the guest answered).
 */
export type GuestWitness = 'probe' | 'agent' | 'hypervisor';

export interface ProbeResult {
  alive: boolean;
  /** Changes when the guest reboots, so a migration that crashed and restarted the guest is caught. */
  bootId: string | null;
  uptimeMs: number | null;
  witness: GuestWitness;
  /** The guest's wall clock (ms since the epoch) as its agent read it; null unless the agent answered. */
  guestClockMs: number | null;
}

/**
 * How a guest is asked to shut down: its QEMU guest agent, the ACPI power button, or the agent
 * first and the button when the agent cannot (libvirt's VIR_DOMAIN_SHUTDOWN_GUEST_AGENT and
 * ACPI_POWER_BTN together).
 */
export type ShutdownMode = 'agent-or-acpi' | 'agent' | 'acpi';

export interface ShutdownOptions {
  mode: ShutdownMode;
  /** How long the guest may take before the driver gives up (GUEST_SHUTDOWN_TIMEOUT); it keeps running. */
  timeoutMs: number;
}

/** What a discovery may be limited to: at 40,000 VMs, reading all of them for one that moved is most of the work. */
export interface DiscoveryScope {
  vmIds: readonly string[];
}

export type DriverEvent =
  /** `vmIds` when the driver knows the change was only theirs (and their hosts' and datastores'). */
  | { kind: 'inventory-changed'; vmIds?: readonly string[] }
  | { kind: 'host-health'; hostId: string; health: HostHealth }
  | { kind: 'job-changed'; jobId: string; status: JobStatus };

export type { DriverErrorCode };

/**
 * Where a driver keeps, in Ferry's database, what it needs to pick its jobs up after a restart:
 * written before each step takes effect (the job it starts, the volumes it creates), forgotten once
 * the job and its cleanup are over. Records are the driver's own JSON.
 */
export interface DriverJournal {
  load(jobId: string): unknown;
  save(jobId: string, record: unknown): void;
  forget(jobId: string): void;
  /** Every record this driver kept, by job id. */
  all(): Map<string, unknown>;
}

/** Drivers throw only this, so the engine can decide on the code rather than on a message. */
export class DriverError extends Error {
  override name = 'DriverError';
  constructor(
    readonly code: DriverErrorCode,
    message: string,
    /** Plain data the UI acts on (a schema in src/shared says its shape), e.g. the fingerprints of a refused host key. */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/**
 * One backend (the simulated datacenter, or the libvirt hosts). The engine owns the order of a
 * migration; a driver only performs the steps it is asked for.
 */
export interface HypervisorDriver {
  readonly id: string;
  readonly kind: string;
  readonly capabilities: DriverCapabilities;
  /**
   * How often a full discovery is worth its cost, for a driver whose events name every change it
   * makes (a full read then only refreshes live usage). Absent: the console's own period.
   */
  readonly fullDiscoveryEveryMs?: number;

  /** Everything the driver manages; with a scope it may report only those VMs (then `vmScope` says so). */
  discover(scope?: DiscoveryScope): Promise<Discovery>;
  metrics(): Promise<HostMetrics[]>;
  subscribe(listener: (event: DriverEvent) => void): () => void;

  /** Makes room on the destination (memory, disk files); idempotent. */
  reserveDestination(spec: MigrationJobSpec): Promise<void>;
  releaseDestination(spec: MigrationJobSpec): Promise<void>;
  startMigration(spec: MigrationJobSpec): Promise<void>;
  jobProgress(jobId: string): Promise<JobProgress>;
  setDowntimeLimit(jobId: string, ms: number): Promise<void>;
  setAutoConverge(jobId: string, on: boolean): Promise<void>;
  startPostCopy(jobId: string): Promise<void>;
  /**
   * Resumes a post-copy that broke while both halves survive (capabilities.postCopyRecovery): the
   * destination goes on pulling the pages it still misses from the source.
   */
  resumePostCopy?(jobId: string): Promise<void>;
  /** Aborts a job that has not switched over; the guest keeps running on the source. */
  cancelMigration(jobId: string): Promise<void>;
  /** Where a domain of this VM exists now, on any host of this driver. */
  locateVm(vmId: string): Promise<VmPlacement[]>;
  probeVm(vmId: string, hostId: string): Promise<ProbeResult>;
  resumeVm(vmId: string, hostId: string): Promise<void>;
  /**
   * Asks the guest on that host to shut down and resolves once its domain is off. A guest still
   * running after `timeoutMs` is left running and the call throws GUEST_SHUTDOWN_TIMEOUT. One
   * already off resolves at once.
   */
  shutdownGuest(vmId: string, hostId: string, options: ShutdownOptions): Promise<void>;
  /** Pulls the plug (libvirt: virDomainDestroy): the guest loses what it had not written. */
  powerOff(vmId: string, hostId: string): Promise<void>;
  /** Starts the powered-off guest defined on that host. */
  powerOn(vmId: string, hostId: string): Promise<void>;
  /** Removes what is left of the VM on a host where it must no longer run (a paused twin, copied disks). */
  removeLeftovers(spec: MigrationJobSpec, hostId: string): Promise<void>;

  /** The hypervisor's own CPU comparison of the guest against a destination (capabilities.cpuCompare). */
  compareCpu?(vmId: string, destHostId: string): Promise<CpuComparison>;

  /**
   * A cluster's baseline CPU (EVC): the hypervisor's baseline of its hosts' CPUs when `model` is
   * null, else that named model, expanded to every feature it enables on these hosts.
   */
  cpuBaseline?(clusterId: string, model: string | null): Promise<ComputedCpuBaseline>;
  /** CPU models every host of the cluster can run, by name. */
  cpuModels?(clusterId: string): Promise<string[]>;
  /**
   * Writes `cpu` into the guest's persistent definition, leaving what runs untouched: it takes
   * effect at the guest's next power on. Throws CPU_BASELINE_NOT_APPLICABLE for a guest that cannot take it.
   */
  applyCpuAtPowerCycle?(vmId: string, cpu: CpuBaselineDefinition): Promise<void>;
  /**
   * Measures a running guest's dirty rate now (a few seconds); null when the hypervisor could not
   * (the guest stopped, a job holds it). Drivers whose inventory reports measured or modelled rates omit it.
   */
  measureDirtyRate?(vmId: string): Promise<DirtyRateMeasurement | null>;

  /** Present when capabilities.faultInjection is true. */
  readonly faults?: FaultControl;

  close(): Promise<void>;
}

/** A guest's memory dirty rate as the hypervisor measured it just now. */
export interface DirtyRateMeasurement {
  bytesPerSecond: number;
  /** ISO time of the result. */
  measuredAt: string;
}

export interface CpuComparison {
  compatible: boolean;
  incompatibleFeatures: string[];
  message: string | null;
}

export interface FaultControl {
  list(): FaultRule[];
  add(rule: FaultRuleInput): FaultRule;
  remove(id: string): void;
  clear(): void;
}
