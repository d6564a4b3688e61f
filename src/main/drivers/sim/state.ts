import type { Datacenter, Datastore, Network, ReportedCluster, ReportedHost, Vm } from '../../../shared/model/inventory';
import type { FaultRule } from '../../../shared/model/faults';
import type { CopyState, MigrationJobSpec } from '../driver';

/** A smooth, deterministic load curve: base ± amplitude over a period. */
export interface LoadCurve {
  base: number;
  amplitude: number;
  periodMs: number;
  phase: number;
}

export type SimHost = Omit<ReportedHost, 'driverId' | 'cpuUsage' | 'memoryUsedBytes'> & {
  /** Load from outside the VMs (hypervisor services, noise). */
  overheadLoad: LoadCurve;
  /**
   * What a move to this host costs besides its copy, in the prediction's terms (PredictionBasis):
   * `fixedMs` of the move's duration (the destination starting, the hand-over), `switchoverMs` of its
   * pause beyond the last pass (device state). Absent: precopy.ts's generic figures. Set to what a
   * real host measured, the simulator moves guests as that host does (bench/lab-sim-fidelity.bench.ts).
   */
  migrationOverheads?: { fixedMs: number; switchoverMs: number };
};

export type SimVm = Omit<Vm, 'cpuUsage'> & {
  /** Pages the guest keeps rewriting: an upper bound on what one pass can leave dirty. */
  workingSetBytes: number;
  /** Fraction of guest memory that is not zero pages (only that is sent in the first pass). */
  nonZeroFraction: number;
  load: LoadCurve;
  bootId: string;
  bootedAtMs: number;
  /** What the guest's own domain (on hostId) holds: whole, or one half of a post-copy. */
  copy: CopyState;
  /**
   * Other hosts holding a paused domain of this guest: the complete source copy after a pre-copy
   * switchover (until the engine commits), or the source half of a post-copy.
   */
  pausedOn: { hostId: string; copy: CopyState }[];
  /** The guest's kernel died (a fault); QEMU still runs and reports the domain running. */
  crashed: boolean;
  /** Its CPU differs from what the preset built (a baseline applied at a power cycle): saved with the state. */
  cpuChanged?: boolean;
};

export type SimJobPhase = 'setup' | 'storage' | 'memory' | 'postcopy' | 'completed' | 'failed' | 'cancelled';

interface ScheduledFailure {
  phase: 'storage' | 'memory' | 'any';
  afterMs: number;
  code: 'STORAGE_COPY_FAILED' | 'MEMORY_COPY_FAILED' | 'LINK_DOWN';
  message: string;
}

export interface SimJob {
  spec: MigrationJobSpec;
  phase: SimJobPhase;
  /** Job time at which the current phase began. */
  phaseEnteredAtMs: number;
  /** Where the disks were, to put them back if the move is rolled back after switchover. */
  sourceDatastoreIds: string[];
  scheduledFailures: ScheduledFailure[];
  startedAtMs: number;
  elapsedMs: number;
  setupRemainingMs: number;
  /** The pause beyond the last pass (absent in jobs saved before it was set: deviceStateMs). */
  switchoverMs?: number;
  storage: { totalBytes: number; copiedBytes: number; writeRateBps: number };
  memory: {
    totalBytes: number;
    processedBytes: number;
    /** Left to send in the current pass. */
    passRemainingBytes: number;
    passElapsedMs: number;
    /** Dirtied since this pass began (bounded by the working set). */
    dirtiedBytes: number;
    iteration: number;
    /** Size of the current pass when it began. */
    lastPassBytes: number;
    /** Passes in a row that left more than half of what they sent dirty again (QEMU's auto-converge trigger). */
    nonConvergingPasses: number;
  };
  bandwidthBps: number;
  downtimeLimitMs: number;
  bandwidthLimitBps: number | null;
  autoConverge: boolean;
  throttlePercent: number;
  postCopyRequested: boolean;
  switchedOver: boolean;
  downtimeMs: number | null;
  error: {
    code: 'STORAGE_COPY_FAILED' | 'MEMORY_COPY_FAILED' | 'SWITCHOVER_FAILED' | 'LINK_DOWN' | 'DESTINATION_FAILED' | 'ABORTED';
    message: string;
  } | null;
}

export interface Reservation {
  jobId: string;
  hostId: string;
  memoryBytes: number;
  datastoreId: string | null;
  diskBytes: number;
}

/** A VM as the preset built it: the saved state leaves out every VM still like this. */
export interface VmOrigin {
  hostId: string;
  power: SimVm['power'];
  bootId: string;
  bootedAtMs: number;
  datastoreIds: string[];
}

export interface SimState {
  preset: string;
  seed: number;
  /** When the preset was built (the guests' boot times count back from it); absent in older saved states. */
  builtAtMs?: number;
  /** Every VM as built, by id: 40,000 guests written out on every change was most of a busy sim's work. */
  origin?: Map<string, VmOrigin>;
  /** Sim time of the last model step; a restored sim catches up from here. */
  nowMs: number;
  datacenters: Datacenter[];
  clusters: ReportedCluster[];
  hosts: SimHost[];
  vms: SimVm[];
  datastores: Datastore[];
  networks: Network[];
  jobs: SimJob[];
  reservations: Reservation[];
  faults: FaultRule[];
  nextFaultId: number;
}
