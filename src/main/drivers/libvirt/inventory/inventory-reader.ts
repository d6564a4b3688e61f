// discover() and metrics(): snapshots every connected host (keeping the last one of a host that
// is away), samples load, computes each cluster's CPU baseline through libvirt, and assembles.

import type { Discovery, HostMetrics } from '../../driver';
import {
  DEFAULT_DATASTORE_THROUGHPUT_BPS,
  DEFAULT_MIGRATION_BANDWIDTH_BPS,
  incomingMigrationBlockerOf,
  type LibvirtDriverOptions,
} from '../hosts/config';
import { baselineFeatures } from './cpu-features';
import { commonFeatures, limitingHosts } from '../../cpu-baseline';
import type { DirtyRateSampler, MeasurableGuest } from './dirty-rates';
import { assembleDiscovery, type HostReport } from './discovery';
import { messageOf } from '../hosts/error-mapping';
import { ReadFailures } from './host-health';
import type { HostConnection } from '../hosts/host-connection';
import type { HostSnapshot } from '../hosts/host-snapshot';
import type { ClusterReport } from './discovery';
import { readHostSnapshot } from './host-inventory';
import type { HostRegistry } from '../hosts/host-registry';
import { cpuUsageBetween, guestCpuUsage, sampleHost, type CpuSample } from './metrics';
import type { Logger } from '../../../base/logger';

/** How long discovery waits for a dirty-rate round (starting calculations, reading earlier ones): normally milliseconds. */
const ROUND_WAIT_MS = 2_000;

export class InventoryReader {
  private readonly cpuSamples = new Map<string, CpuSample>();
  private readonly lastMetrics = new Map<string, HostMetrics>();
  private readonly guestCpu = new Map<string, { cpuTimeNs: bigint; at: number }>();
  private readonly baselines = new Map<string, { model: string | null; features: string[] }>();
  /** Failed inventory reads in a row per host, while connected: a run of them makes it degraded. */
  private readonly failures = new ReadFailures();

  constructor(
    private readonly driverId: string,
    private readonly registry: HostRegistry,
    private readonly options: LibvirtDriverOptions,
    private readonly sharedPools: ReadonlySet<string>,
    private readonly logger: Logger,
    private readonly dirtyRates: DirtyRateSampler,
    /** A guest a migration job of ours is moving: its domain job would make a dirty-rate calculation wait. */
    private readonly moving: (vmId: string) => boolean,
  ) {}

  async discover(): Promise<Discovery> {
    await this.registry.ready();
    const byHost = this.registry.byHost();
    const read = await Promise.all([...byHost.values()].map((c) => this.snapshot(c)));
    // Hosts we manage but could not read now (down, or never reached since start): the inventory keeps them.
    const unreachableHostIds = [...byHost.keys()].filter((_, i) => !read[i]);
    const metrics = await this.metrics();
    const reports: HostReport[] = [];
    for (const [hostId, connection] of byHost) {
      const snapshot = this.registry.snapshots.get(hostId);
      const m = metrics.find((x) => x.hostId === hostId);
      if (!snapshot || !m) continue;
      reports.push({
        snapshot,
        connection: m.connection,
        health: m.health,
        healthReason: m.healthReason ?? null,
        cpuUsage: m.cpuUsage,
        memoryUsedBytes: m.memoryUsedBytes,
        migrationBandwidthBps: connection.config.migrationBandwidthBps ?? DEFAULT_MIGRATION_BANDWIDTH_BPS,
        migrationBandwidthSource: connection.config.migrationBandwidthBps ? 'configured' : 'assumed',
        configuredBridges: connection.config.bridges ?? [],
        incomingMigrationBlocker: incomingMigrationBlockerOf(connection.config),
      });
    }
    await this.dirtyRates.roundWithin(this.measurableGuests(), ROUND_WAIT_MS);
    const now = Date.now();
    const discovery = assembleDiscovery({
      driverId: this.driverId,
      datacenterName: this.options.datacenterName ?? 'libvirt',
      sharedPools: this.sharedPools,
      datastoreThroughputBps: this.options.datastoreThroughputBps ?? DEFAULT_DATASTORE_THROUGHPUT_BPS,
      hosts: reports,
      clusters: await this.clusters(reports.map((r) => r.snapshot)),
      vmCpuUsage: (uuid, domain) => {
        const usage = guestCpuUsage(this.guestCpu.get(uuid), domain.cpuTimeNs, now, domain.def.vcpus);
        if (domain.power === 'running') this.guestCpu.set(uuid, { cpuTimeNs: domain.cpuTimeNs, at: now });
        return usage;
      },
      vmDirtyRate: (uuid) => this.dirtyRates.latest(uuid),
    });
    // Guests undefined or gone since, and hosts removed, are forgotten: an estate's history must not accumulate.
    const vmIds = new Set(discovery.vms.map((vm) => vm.id));
    this.dirtyRates.retain(vmIds);
    for (const uuid of this.guestCpu.keys()) if (!vmIds.has(uuid)) this.guestCpu.delete(uuid);
    for (const cache of [this.cpuSamples, this.lastMetrics])
      for (const hostId of cache.keys()) if (!byHost.has(hostId)) cache.delete(hostId);
    this.failures.retain(byHost);
    return { ...discovery, unreachableHostIds };
  }

  async metrics(): Promise<HostMetrics[]> {
    const out: HostMetrics[] = [];
    for (const [hostId, connection] of this.registry.byHost()) {
      const snapshot = this.registry.snapshots.get(hostId);
      if (!snapshot) continue;
      if (connection.state !== 'connected' || !connection.session) {
        out.push({
          hostId,
          cpuUsage: 0,
          memoryUsedBytes: this.lastMetrics.get(hostId)?.memoryUsedBytes ?? 0,
          health: 'unknown',
          connection: 'disconnected',
        });
        continue;
      }
      try {
        const sample = await sampleHost(connection.session.client);
        const cpuUsage = cpuUsageBetween(this.cpuSamples.get(hostId), sample.cpu);
        this.cpuSamples.set(hostId, sample.cpu);
        const verdict = this.failures.verdict(hostId, snapshot);
        const metrics: HostMetrics = {
          hostId,
          cpuUsage,
          memoryUsedBytes: Math.min(sample.memoryUsedBytes, snapshot.memoryBytes),
          health: verdict.health,
          healthReason: verdict.reason,
          connection: 'connected',
        };
        this.lastMetrics.set(hostId, metrics);
        out.push(metrics);
      } catch (error) {
        this.logger.warn(`libvirt: metrics of ${connection.label}: ${messageOf(error)}`);
        out.push({
          hostId,
          cpuUsage: 0,
          memoryUsedBytes: this.lastMetrics.get(hostId)?.memoryUsedBytes ?? 0,
          health: 'unknown',
          connection: 'disconnected',
        });
      }
    }
    return out;
  }

  /** Running guests on hosts that answer, except those a migration of ours is moving. */
  measurableGuests(): MeasurableGuest[] {
    const guests: MeasurableGuest[] = [];
    for (const { hostId, session } of this.registry.connected()) {
      for (const domain of this.registry.snapshots.get(hostId)?.domains ?? []) {
        if (domain.power !== 'running' || this.moving(domain.def.uuid)) continue;
        guests.push({ uuid: domain.def.uuid, name: domain.def.name, client: session.client });
      }
    }
    return guests;
  }

  /** Reads one host into the registry; false when it could not be read now. */
  private async snapshot(connection: HostConnection): Promise<boolean> {
    if (connection.state !== 'connected' || !connection.session) return false;
    try {
      const snapshot = await readHostSnapshot(connection.session, connection.config);
      this.registry.snapshots.set(snapshot.hostId, snapshot);
      this.failures.succeeded(snapshot.hostId);
      return true;
    } catch (error) {
      if (connection.hostId) this.failures.failed(connection.hostId, messageOf(error));
      this.logger.warn(`libvirt: inventory of ${connection.label}: ${messageOf(error)}`);
      return false;
    }
  }

  /** Clusters from the configs; the baseline is libvirt's, over the host-model CPUs of its hosts. */
  private async clusters(snapshots: HostSnapshot[]): Promise<ClusterReport[]> {
    const configs = new Map<string, string>();
    for (const c of this.registry.connections)
      if (!configs.has(c.config.clusterId)) configs.set(c.config.clusterId, c.config.clusterName ?? c.config.clusterId);
    return Promise.all(
      [...configs].map(async ([id, name]) => {
        const hosts = snapshots.filter((s) => s.clusterId === id);
        const baseline = await this.baseline(hosts);
        return {
          id,
          name,
          cpuBaseline: baseline.features,
          cpuBaselineModel: baseline.model,
          cpuBaselineHostIds: limitingHosts(hosts.map((h) => ({ id: h.hostId, features: h.cpu.features }))),
        };
      }),
    );
  }

  private async baseline(hosts: HostSnapshot[]): Promise<{ model: string | null; features: string[] }> {
    const xmls = hosts.map((h) => h.hostModelCpuXml).filter((x): x is string => x !== null);
    const listed = () => ({ model: null, features: commonFeatures(hosts.map((h) => h.cpu.features)) });
    if (xmls.length === 0) return { model: null, features: [] };
    const key = [...xmls].sort().join('\n');
    const cached = this.baselines.get(key);
    if (cached) return cached;
    const host = hosts.find((h) => this.registry.byHost().get(h.hostId)?.state === 'connected');
    const session = host ? this.registry.byHost().get(host.hostId)?.session : null;
    if (!host || !session) return listed();
    try {
      const baseline = await baselineFeatures(session.client, xmls, { arch: host.arch, virttype: host.virtType });
      this.baselines.set(key, baseline);
      return baseline;
    } catch (error) {
      this.logger.warn(`libvirt: CPU baseline: ${messageOf(error)}; using the features all hosts list`);
      return listed();
    }
  }
}
