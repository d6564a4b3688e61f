import { z } from 'zod';
import { hasUriPassword, libvirtUriShape, PASSWORD_IN_URI_MESSAGE } from './libvirt-uri';
import { storable } from './text';
import { ClusterCpuBaseline, PendingCpu } from './cpu-baseline';

/** Ids are opaque strings chosen by the driver that owns the object; names are what admins read. */
export const Id = storable(z.string().min(1).max(200));

export const CpuVendor = z.enum(['intel', 'amd', 'unknown']);
export type CpuVendor = z.infer<typeof CpuVendor>;

export const HostHealth = z.enum(['ok', 'degraded', 'failed', 'unknown']);
export type HostHealth = z.infer<typeof HostHealth>;

export const ConnectionState = z.enum(['connected', 'disconnected', 'unknown']);
export type ConnectionState = z.infer<typeof ConnectionState>;

/** Ferry's own state of a host, not the hypervisor's. */
export const MaintenanceState = z.enum(['off', 'entering', 'on']);
export type MaintenanceState = z.infer<typeof MaintenanceState>;

export const PowerState = z.enum(['running', 'paused', 'off', 'unknown']);
export type PowerState = z.infer<typeof PowerState>;

export const Datacenter = z.object({ id: Id, name: z.string() });
export type Datacenter = z.infer<typeof Datacenter>;

const ClusterAutomation = z.enum(['manual', 'partial', 'full']);
export type ClusterAutomation = z.infer<typeof ClusterAutomation>;

export const ClusterPolicy = z.object({
  /** How balancing recommendations are applied. */
  balancing: ClusterAutomation,
  /** 1 (conservative: only large imbalances) to 5 (aggressive). */
  threshold: z.number().int().min(1).max(5),
  /** What happens when a host's health turns degraded. */
  degradedHost: z.enum(['recommend', 'evacuate']),
});
export type ClusterPolicy = z.infer<typeof ClusterPolicy>;
/** The controls an admin changed, and only those: main merges them into the policy it holds. */
export const ClusterPolicyPatch = ClusterPolicy.partial().refine((p) => Object.keys(p).length > 0, 'change at least one control');
export type ClusterPolicyPatch = z.infer<typeof ClusterPolicyPatch>;

export const Cluster = z.object({
  id: Id,
  name: z.string(),
  datacenterId: Id,
  /** CPU features every host of the cluster offers (an EVC-like baseline). */
  cpuBaseline: z.array(z.string()),
  /** libvirt's (or the sim's) name for the model of that baseline, and the hosts that limit it. */
  cpuBaselineModel: z.string().nullable().optional(),
  cpuBaselineHostIds: z.array(Id).optional(),
  policy: ClusterPolicy,
  /** The CPU baseline the admin set (Ferry's own, like the policy); absent or null: off. */
  evc: ClusterCpuBaseline.nullable().optional(),
});
export type Cluster = z.infer<typeof Cluster>;

export const HostCpu = z.object({
  vendor: CpuVendor,
  family: z.number().int(),
  model: z.number().int(),
  modelName: z.string(),
  features: z.array(z.string()),
  /**
   * Why `features` may be incomplete (the backend could not expand the host's CPU model, so it
   * lists only what it could read); absent or null when they are complete.
   */
  featuresError: z.string().nullable().optional(),
  cores: z.number().int().positive(),
});
export type HostCpu = z.infer<typeof HostCpu>;

export const Host = z.object({
  id: Id,
  name: z.string(),
  driverId: Id,
  clusterId: Id,
  cpu: HostCpu,
  memoryBytes: z.number().nonnegative(),
  /** 0..1 of all cores. */
  cpuUsage: z.number().min(0).max(1),
  memoryUsedBytes: z.number().nonnegative(),
  health: HostHealth,
  /** Why health is not ok, as the backend says it (say, a run of failed reads); absent or null when ok or unsaid. */
  healthReason: z.string().nullable().optional(),
  connection: ConnectionState,
  maintenance: MaintenanceState,
  migrationBandwidthBps: z.number().nonnegative(),
  /** configured: an admin (or the simulated datacenter's model) set it; assumed: a default the backend cannot measure. */
  migrationBandwidthSource: z.enum(['configured', 'assumed']).optional(),
  datastoreIds: z.array(Id),
  portGroups: z.array(z.string()),
  /**
   * Why other hosts cannot dial this one to migrate a guest here (it is reached by a local socket
   * URI and has no migration URI); absent or null when they can.
   */
  incomingMigrationBlocker: z.string().nullable().optional(),
  /**
   * The devices this host can pass through to a guest (a GPU, an SR-IOV NIC), named as a guest's
   * device is; absent when its backend does not say, and a move then only warns.
   */
  passthroughDevices: z.array(z.string()).optional(),
});
export type Host = z.infer<typeof Host>;

const Disk = z.object({
  path: z.string(),
  datastoreId: Id,
  capacityBytes: z.number().nonnegative(),
  allocatedBytes: z.number().nonnegative(),
  /** Guest write rate, mirrored while a disk moves. */
  writeRateBps: z.number().nonnegative(),
});
export type Disk = z.infer<typeof Disk>;

const Nic = z.object({ mac: z.string(), portGroup: z.string() });
export type Nic = z.infer<typeof Nic>;

const Device = z.object({ kind: z.string(), name: z.string(), migratable: z.boolean() });
export type Device = z.infer<typeof Device>;

export const Vm = z.object({
  id: Id,
  name: z.string(),
  hostId: Id,
  power: PowerState,
  memoryBytes: z.number().nonnegative(),
  vcpus: z.number().int().positive(),
  cpuModel: z.string(),
  /** CPU features the guest was started with; all must exist on a destination. */
  cpuFeatures: z.array(z.string()),
  /** A CPU written to its definition that it gets at its next power on; absent or null: none. */
  cpuPending: PendingCpu.nullable().optional(),
  /** Measured (or modelled) guest memory dirty rate. */
  dirtyRateBps: z.number().nonnegative(),
  /**
   * When the hypervisor measured dirtyRateBps (ISO); null or absent when it was not measured
   * (a libvirt guest not sampled yet reads 0, a simulated guest its model's rate).
   */
  dirtyRateMeasuredAt: z.string().nullable().optional(),
  /**
   * How much memory the guest keeps rewriting (its writable working set), when the backend knows
   * it (the simulated model does); absent: predictions take 10 s of the dirty rate for it.
   */
  workingSetBytes: z.number().nonnegative().optional(),
  /** 0..1 of its vCPUs. */
  cpuUsage: z.number().min(0).max(1),
  disks: z.array(Disk),
  nics: z.array(Nic),
  devices: z.array(Device),
  tags: z.array(z.string()),
  missionCritical: z.boolean(),
});
export type Vm = z.infer<typeof Vm>;

const DatastoreKind = z.enum(['shared', 'local']);
export const Datastore = z.object({
  id: Id,
  name: z.string(),
  kind: DatastoreKind,
  hostIds: z.array(Id),
  capacityBytes: z.number().nonnegative(),
  freeBytes: z.number().nonnegative(),
  throughputBps: z.number().nonnegative(),
});
export type Datastore = z.infer<typeof Datastore>;

/** A port group (libvirt network or bridge) is identified by name across hosts, as vCenter does. */
export const Network = z.object({ id: Id, name: z.string(), hostIds: z.array(Id) });
export type Network = z.infer<typeof Network>;

/** A VM as a snapshot carries it: its CPU features are an index into the snapshot's cpuFeatureSets. */
export const SnapshotVm = Vm.extend({ cpuFeatures: z.number().int().nonnegative() });
export type SnapshotVm = z.infer<typeof SnapshotVm>;

/** The whole inventory at once; read its VMs with snapshotVms (snapshot-vms.ts). */
export const InventorySnapshot = z.object({
  datacenters: z.array(Datacenter),
  clusters: z.array(Cluster),
  hosts: z.array(Host),
  vms: z.array(SnapshotVm),
  /**
   * Each distinct list of CPU features once. 40,000 VMs share a few dozen lists; sent with every VM
   * they were 40% of the snapshot, and as many arrays in the console's heap.
   */
  cpuFeatureSets: z.array(z.array(z.string())),
  datastores: z.array(Datastore),
  networks: z.array(Network),
});
export type InventorySnapshot = z.infer<typeof InventorySnapshot>;

export const InventoryDelta = z.object({
  hosts: z.array(Host),
  vms: z.array(Vm),
  removedHostIds: z.array(Id),
  removedVmIds: z.array(Id),
});
export type InventoryDelta = z.infer<typeof InventoryDelta>;

/** Cluster and host as drivers report them; the cluster policy and maintenance state are Ferry's own. */
export type ReportedCluster = Omit<Cluster, 'policy' | 'evc'>;
export type ReportedHost = Omit<Host, 'maintenance'>;

/** What a driver reports of its part of the world: the inventory is rebuilt from these. */
export interface Discovery {
  datacenters: Datacenter[];
  clusters: ReportedCluster[];
  hosts: Omit<ReportedHost, 'driverId'>[];
  vms: Vm[];
  datastores: Datastore[];
  networks: Network[];
  /**
   * Hosts the driver manages but cannot read now (they do not answer): the inventory keeps what it
   * knew of them (their VMs, datastores and networks), shown disconnected, rather than drop them.
   */
  unreachableHostIds?: string[];
  /**
   * Set when the driver was asked about these VMs only: `vms` holds those of them that exist (one
   * missing was removed) and says nothing of the others. Absent: `vms` is every VM of the driver.
   */
  vmScope?: readonly string[];
}

export interface HostMetrics {
  hostId: string;
  cpuUsage: number;
  memoryUsedBytes: number;
  health: HostHealth;
  /** Why health is not ok (shown on the host and audited with the change); absent or null when ok. */
  healthReason?: string | null;
  connection: ConnectionState;
}

/** Live host metrics, compact: pushed every few seconds for every host, so kept small. */
export const HostMetricsUpdate = z.object({
  hosts: z.array(z.tuple([Id, z.number(), z.number(), HostHealth, ConnectionState])),
});
export type HostMetricsUpdate = z.infer<typeof HostMetricsUpdate>;

/** A migration link's speed as completed migrations from source to destination achieved it (their recent median). */
export const LearnedLinkSpeed = z.object({
  sourceHostId: Id,
  destHostId: Id,
  bytesPerSecond: z.number().positive(),
  samples: z.number().int().positive(),
  lastAt: z.string(),
});
export type LearnedLinkSpeed = z.infer<typeof LearnedLinkSpeed>;

/** Credentials for a libvirt host over SSH; sealed at rest, never logged, audited or exported. */
export const HostCredentials = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('password'), password: storable(z.string().min(1).max(1000)) }),
  z.strictObject({
    kind: z.literal('key'),
    privateKey: storable(z.string().min(20).max(20_000)),
    passphrase: storable(z.string().max(1000)).optional(),
  }),
]);
export type HostCredentials = z.infer<typeof HostCredentials>;

/**
 * The libvirt SASL login, for a host whose libvirtd socket asks for SASL (auth_unix_rw, auth_tls
 * or auth_tcp = "sasl"): the user and password saslpasswd2 set there. Sealed at rest like the SSH
 * login, never logged, audited or exported.
 */
export const SaslCredentials = z.strictObject({
  username: storable(z.string().min(1).max(256)),
  password: storable(z.string().min(1).max(1000)),
});
export type SaslCredentials = z.infer<typeof SaslCredentials>;

/** A password and an unreadable URI answer with their own codes; a scheme Ferry cannot reach stays a validation failure. */
function uriErrorCodeOf(kind: string): { errorCode?: 'PASSWORD_IN_URI' | 'INVALID_URI' } {
  if (kind === 'PASSWORD_IN_URI') return { errorCode: 'PASSWORD_IN_URI' };
  if (kind === 'INVALID_SYNTAX' || kind === 'MISSING_HOST') return { errorCode: 'INVALID_URI' };
  return {};
}

export const HostConnectionInput = z.strictObject({
  // A scheme Ferry cannot reach (esx://, esxi://) is refused here, with what to use instead.
  uri: storable(z.string().min(8).max(500)).superRefine((uri, ctx) => {
    const shape = libvirtUriShape(uri);
    // A password is refused with its own code (the router answers PASSWORD_IN_URI), saying where it goes.
    if (!shape.ok)
      ctx.addIssue({
        code: 'custom',
        message: shape.message,
        params: { refusal: shape.kind, ...uriErrorCodeOf(shape.kind) },
      });
  }),
  clusterName: storable(z.string().min(1).max(100)),
  name: storable(z.string().max(100)).optional(),
  migrationUri: storable(z.string().max(500))
    .superRefine((uri, ctx) => {
      if (hasUriPassword(uri))
        ctx.addIssue({
          code: 'custom',
          message: `the migration URI: ${PASSWORD_IN_URI_MESSAGE}`,
          params: { errorCode: 'PASSWORD_IN_URI' },
        });
    })
    .optional(),
  virtType: z.enum(['kvm', 'qemu']).optional(),
  /** The migration link's speed as the admin knows it, bytes per second (libvirt cannot measure it; default 10 Gb/s). */
  migrationBandwidthBps: z.number().positive().max(1e12).optional(),
  credentials: HostCredentials.optional(),
  sasl: SaslCredentials.optional(),
  /**
   * The SSH host key fingerprint the admin confirmed when the test met a key known_hosts does not
   * list (trust on first use), or pinned; kept with the host. Without it the key must be in known_hosts.
   */
  hostKeySha256: z
    .string()
    .regex(/^(SHA256:)?[A-Za-z0-9+/]{43}=?$/, 'a SHA256 fingerprint as ssh-keygen -l prints it (SHA256:…)')
    .optional(),
  /**
   * qemu+tls://: the directory holding this host's cacert.pem, clientcert.pem and clientkey.pem (on
   * the machine Ferry runs on). Without it, libvirt's defaults: /etc/pki as root, else ~/.pki/libvirt.
   */
  pkiDir: storable(z.string().min(1).max(500))
    .regex(/^(\/|~\/)/, 'an absolute path (or one under ~/)')
    .optional(),
  /**
   * Read the guest's boot id through its QEMU guest agent before and after a move (raw agent file
   * commands: libvirt marks the domain tainted `custom-ga-command`), so verification can prove the
   * same boot without Ferry's probe. Off by default.
   */
  agentBootId: z.boolean().optional(),
  /** Directory pools that are the same storage on every host (libvirt cannot tell for dir pools). */
  sharedPools: z
    .array(storable(z.string().min(1).max(100)))
    .max(50)
    .optional(),
});
export type HostConnectionInput = z.infer<typeof HostConnectionInput>;

/** The details of HOST_KEY_CHANGED / HOST_KEY_UNKNOWN: which host showed which key, and what was trusted. */
export const HostKeyErrorDetails = z.object({
  /** `host` or `host:port`, as it was reached. */
  endpoint: z.string(),
  /** A ProxyJump hop, not the libvirt host: only known_hosts can vouch for it. */
  jump: z.boolean(),
  /** `SHA256:…` of the key shown. */
  seen: z.string(),
  /** `SHA256:…` of the keys trusted for it (empty when none). */
  trusted: z.array(z.string()),
});
export type HostKeyErrorDetails = z.infer<typeof HostKeyErrorDetails>;

export const HostTestResult = z.object({
  hostname: z.string(),
  hostUuid: z.string(),
  cpu: z.object({ vendor: CpuVendor, modelName: z.string(), cores: z.number(), features: z.array(z.string()) }),
  memoryBytes: z.number(),
  domains: z.number(),
  pools: z.array(z.string()),
  networks: z.array(z.string()),
  hostKeySha256: z.string().nullable(),
  /** What vouched for the key: the fingerprint given (pinned) or known_hosts; null without SSH. */
  hostKeyTrust: z.enum(['pinned', 'known_hosts']).nullable(),
});
export type HostTestResult = z.infer<typeof HostTestResult>;

export const HostConnection = z.object({
  id: Id,
  hostId: Id.nullable(),
  uri: z.string(),
  name: z.string(),
  clusterName: z.string(),
  auth: z.enum(['none', 'password', 'key']),
  /** A libvirt SASL login is saved for it (the login itself never leaves main). */
  saslLogin: z.boolean(),
  hostKeySha256: z.string().nullable(),
  createdAt: z.string(),
  /** credentials-unavailable: they were sealed by a box this console cannot open; re-enter them. */
  status: z.enum(['ok', 'credentials-unavailable']),
  statusDetail: z.string().nullable(),
});
export type HostConnection = z.infer<typeof HostConnection>;
