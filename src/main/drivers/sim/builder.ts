import type { Datastore } from '../../../shared/model/inventory';
import { cpuGenerations, featureBaseline, type CpuGeneration } from './cpus';
import { simCpuBaseline } from './cpu-baseline';
import { between, seededRandom, seededUuid } from './random';
import type { SimHost, SimState, SimVm } from './state';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

export interface HostSpec {
  cpu: CpuGeneration;
  cores: number;
  memoryGiB: number;
  nicGbps: number;
  /** Port groups of the cluster this host does not have. */
  lacksPortGroups?: string[];
  /** Devices its guests can pass through, named as a VmSpec's `passthrough`; none by default. */
  passthrough?: string[];
}

export interface VmSpec {
  memoryGiB: number;
  vcpus: number;
  dirtyMiBps: number;
  /** Defaults to a quarter of memory. */
  workingSetGiB?: number;
  tags?: string[];
  missionCritical?: boolean;
  storage?: 'shared' | 'local';
  diskGiB?: number;
  power?: 'running' | 'off';
  /** host-model guests use every feature of their host's CPU; baseline guests only the cluster's. */
  cpu?: 'baseline' | 'host-model';
  passthrough?: string;
  portGroups?: number[];
}

/**
 * Builds a simulated datacenter from counts and specs with deterministic hierarchical names
 * (DC0, DC0_C0, DC0_C0_H0, DC0_C0_H0_VM0), the way govmomi's simulator names its inventory.
 */
export class SimBuilder {
  private readonly random: () => number;
  private readonly state: SimState;
  private readonly hostCount = new Map<string, number>();
  private readonly vmCount = new Map<string, number>();
  private readonly hostsById = new Map<string, SimHost>();
  private readonly datastoresById = new Map<string, Datastore>();

  constructor(preset: string, seed: number, nowMs: number) {
    this.random = seededRandom(seed);
    this.state = {
      preset,
      seed,
      nowMs,
      datacenters: [],
      clusters: [],
      hosts: [],
      vms: [],
      datastores: [],
      networks: [],
      jobs: [],
      reservations: [],
      faults: [],
      nextFaultId: 1,
    };
  }

  datacenter(): string {
    const id = `DC${this.state.datacenters.length}`;
    this.state.datacenters.push({ id, name: id });
    return id;
  }

  /** A cluster with one shared datastore and `portGroups` port groups. */
  cluster(datacenterId: string, portGroups = 2): string {
    const index = this.state.clusters.filter((c) => c.datacenterId === datacenterId).length;
    const id = `${datacenterId}_C${index}`;
    this.state.clusters.push({ id, name: id, datacenterId, cpuBaseline: [] });
    this.addDatastore(`${id}_DS0`, 'shared', 64 * 1024 * GiB, 1.2 * GiB);
    for (let i = 0; i < portGroups; i++) this.state.networks.push({ id: `${id}_PG${i}`, name: `${id}_PG${i}`, hostIds: [] });
    return id;
  }

  host(clusterId: string, spec: HostSpec): string {
    const index = this.hostCount.get(clusterId) ?? 0;
    this.hostCount.set(clusterId, index + 1);
    const id = `${clusterId}_H${index}`;
    const generation = cpuGenerations[spec.cpu];
    const local = this.addDatastore(`${id}_DS0`, 'local', 4 * 1024 * GiB, 2 * GiB);
    local.hostIds.push(id);
    this.datastore(`${clusterId}_DS0`).hostIds.push(id);
    const portGroups = this.state.networks.filter((n) => n.id.startsWith(`${clusterId}_PG`) && !spec.lacksPortGroups?.includes(n.id));
    for (const network of portGroups) network.hostIds.push(id);
    const host: SimHost = {
      id,
      name: id,
      clusterId,
      cpu: { ...generation.cpu, features: [...generation.cpu.features], cores: spec.cores },
      memoryBytes: spec.memoryGiB * GiB,
      health: 'ok',
      connection: 'connected',
      migrationBandwidthBps: (spec.nicGbps * 1e9) / 8,
      datastoreIds: [`${clusterId}_DS0`, local.id],
      portGroups: portGroups.map((n) => n.name),
      passthroughDevices: spec.passthrough ?? [],
      overheadLoad: { base: 0.03, amplitude: 0.02, periodMs: between(this.random, 60_000, 300_000), phase: this.random() * Math.PI * 2 },
    };
    this.state.hosts.push(host);
    this.hostsById.set(id, host);
    return id;
  }

  vm(hostId: string, spec: VmSpec): string {
    const index = this.vmCount.get(hostId) ?? 0;
    this.vmCount.set(hostId, index + 1);
    const id = `${hostId}_VM${index}`;
    const host = this.hostsById.get(hostId);
    if (!host) throw new Error(`unknown host ${hostId}`);
    const datastoreId = spec.storage === 'local' ? `${hostId}_DS0` : `${host.clusterId}_DS0`;
    const diskBytes = (spec.diskGiB ?? Math.max(20, spec.memoryGiB * 2)) * GiB;
    const allocated = Math.round(diskBytes * between(this.random, 0.3, 0.7));
    const vm: SimVm = {
      id,
      name: id,
      hostId,
      power: spec.power ?? 'running',
      memoryBytes: spec.memoryGiB * GiB,
      vcpus: spec.vcpus,
      cpuModel: spec.cpu === 'host-model' ? `host-model (${host.cpu.modelName})` : '',
      cpuFeatures: spec.cpu === 'host-model' ? [...host.cpu.features] : [],
      dirtyRateBps: spec.dirtyMiBps * MiB,
      disks: [
        {
          path: `/vmfs/${datastoreId}/${id}/${id}.qcow2`,
          datastoreId,
          capacityBytes: diskBytes,
          allocatedBytes: allocated,
          writeRateBps: between(this.random, 1, 20) * MiB,
        },
      ],
      nics: (spec.portGroups ?? [0]).map((pg) => ({ mac: this.mac(), portGroup: `${host.clusterId}_PG${pg}` })),
      devices: spec.passthrough ? [{ kind: 'hostdev', name: spec.passthrough, migratable: false }] : [],
      tags: spec.tags ?? [],
      missionCritical: spec.missionCritical ?? false,
      workingSetBytes: (spec.workingSetGiB ?? spec.memoryGiB / 4) * GiB,
      nonZeroFraction: between(this.random, 0.55, 0.9),
      load: {
        base: between(this.random, 0.1, 0.5),
        amplitude: between(this.random, 0.05, 0.3),
        periodMs: between(this.random, 30_000, 600_000),
        phase: this.random() * Math.PI * 2,
      },
      bootId: seededUuid(this.random),
      bootedAtMs: this.state.nowMs - between(this.random, 3600_000, 90 * 86_400_000),
      copy: 'whole',
      pausedOn: [],
      crashed: false,
    };
    this.state.vms.push(vm);
    return id;
  }

  /** Finishes derived facts: each cluster's CPU baseline and each baseline guest's CPU model. */
  build(): SimState {
    const baselines = new Map<string, { features: string[]; model: string }>();
    for (const cluster of this.state.clusters) {
      const hosts = this.state.hosts.filter((h) => h.clusterId === cluster.id);
      cluster.cpuBaseline = featureBaseline(hosts.map((h) => h.cpu.features));
      if (hosts.length > 0) {
        const computed = simCpuBaseline(cluster.id, hosts, null);
        cluster.cpuBaselineModel = computed.model;
        cluster.cpuBaselineHostIds = computed.definedByHostIds;
      }
      const oldest = hosts.reduce<SimHost | undefined>((a, h) => (a && a.cpu.features.length <= h.cpu.features.length ? a : h), undefined);
      const generation = Object.values(cpuGenerations).find((g) => g.cpu.vendor === oldest?.cpu.vendor && g.cpu.model === oldest.cpu.model);
      baselines.set(cluster.id, { features: cluster.cpuBaseline, model: generation?.qemuModel ?? 'qemu64' });
    }
    for (const vm of this.state.vms) {
      const baseline = baselines.get(this.hostsById.get(vm.hostId)?.clusterId ?? '');
      if (vm.cpuFeatures.length > 0 || !baseline) continue;
      vm.cpuFeatures = baseline.features;
      vm.cpuModel = baseline.model;
    }
    this.state.builtAtMs = this.state.nowMs;
    this.state.origin = new Map(
      this.state.vms.map((vm) => [
        vm.id,
        {
          hostId: vm.hostId,
          power: vm.power,
          bootId: vm.bootId,
          bootedAtMs: vm.bootedAtMs,
          datastoreIds: vm.disks.map((d) => d.datastoreId),
        },
      ]),
    );
    return this.state;
  }

  private addDatastore(id: string, kind: 'shared' | 'local', capacityBytes: number, throughputBps: number): Datastore {
    const datastore: Datastore = { id, name: id, kind, hostIds: [], capacityBytes, freeBytes: capacityBytes, throughputBps };
    this.state.datastores.push(datastore);
    this.datastoresById.set(id, datastore);
    return datastore;
  }

  private datastore(id: string): Datastore {
    const found = this.datastoresById.get(id);
    if (!found) throw new Error(`unknown datastore ${id}`);
    return found;
  }

  private mac(): string {
    const byte = () =>
      Math.floor(this.random() * 256)
        .toString(16)
        .padStart(2, '0');
    return `52:54:00:${byte()}:${byte()}:${byte()}`;
  }
}
