// The cluster CPU baseline (EVC): computed by the cluster's backend, set by an admin (frozen when
// set, so a weaker host joining later is shown below it), and written into a guest's next-boot
// definition on request. Every change is audited; the prechecks read the setting from the cluster.

import { FerryError } from '../../shared/api/errors';
import type { ClusterCpuBaseline, CpuBaselineChoice, CpuBaselineStatus } from '../../shared/model/cpu-baseline';
import type { Cluster, Vm } from '../../shared/model/inventory';
import type { Clock } from '../base/clock/clock';
import { DriverError, type HypervisorDriver } from '../drivers/driver';
import type { MigrationEngine } from '../engine/engine';
import type { Fleet } from '../engine/fleet/fleet';
import type { InventoryService } from '../engine/fleet/inventory-service';
import { missingFromHost, outsideBaseline } from '../engine/planning/cpu-baseline-checks';
import type { AuditLog } from '../store/audit/audit-log';

export interface CpuBaselineOptions {
  inventory: InventoryService;
  fleet: Fleet;
  engine: MigrationEngine;
  audit: AuditLog;
  clock: Clock;
}

const describe = (b: ClusterCpuBaseline | null | undefined): string =>
  b ? `${b.model} (${b.source === 'computed' ? "the hosts' baseline" : 'chosen model'}, ${b.features.length} features)` : 'off';

export class CpuBaselineService {
  constructor(private readonly o: CpuBaselineOptions) {}

  async status(clusterId: string): Promise<CpuBaselineStatus> {
    const cluster = this.clusterOf(clusterId);
    const driver = this.driverOf(clusterId);
    let computeError: string | null = null;
    const computed = driver?.cpuBaseline
      ? await driver.cpuBaseline(clusterId, null).catch((error: unknown) => {
          computeError = error instanceof Error ? error.message : String(error);
          return null;
        })
      : null;
    if (!driver?.cpuBaseline) computeError = 'this backend cannot compute a CPU baseline';
    const models = driver?.cpuModels ? await driver.cpuModels(clusterId).catch(() => []) : [];
    const setting = cluster.evc ?? null;
    const hosts = this.o.inventory.allHosts().filter((h) => h.clusterId === clusterId);
    const hostIds = new Set(hosts.map((h) => h.id));
    const judged = setting ? hosts.map((h) => ({ h, missing: missingFromHost(setting, h) })) : [];
    return {
      clusterId,
      setting,
      computed,
      computeError,
      models,
      hostsBelow: judged
        .filter(({ missing }) => missing !== null && missing.length > 0)
        .map(({ h, missing }) => ({ hostId: h.id, hostName: h.name, missing: missing ?? [] })),
      hostsUnknown: judged
        .filter(({ missing }) => missing === null)
        .map(({ h }) => ({ hostId: h.id, hostName: h.name, reason: h.cpu.featuresError ?? 'its CPU features are unknown' })),
      vmsOutside: setting
        ? this.o.inventory
            .allVms()
            .filter((v) => hostIds.has(v.hostId))
            .map((v) => ({
              vmId: v.id,
              vmName: v.name,
              outside: outsideBaseline(setting, v),
              pending: v.cpuPending?.model === setting.model,
            }))
            .filter((v) => v.outside.length > 0)
        : [],
    };
  }

  async set(clusterId: string, choice: CpuBaselineChoice, actor: string): Promise<Cluster> {
    const before = this.clusterOf(clusterId);
    let next: ClusterCpuBaseline | null = null;
    if (choice.mode !== 'off') {
      const driver = this.driverOf(clusterId);
      if (!driver?.cpuBaseline) throw new FerryError('NOT_SUPPORTED', `the backend of ${before.name} cannot compute a CPU baseline`);
      const { definedByHostIds: _hosts, ...definition } = await driver.cpuBaseline(
        clusterId,
        choice.mode === 'model' ? choice.model : null,
      );
      next = { ...definition, source: choice.mode, setAt: new Date(this.o.clock.now()).toISOString(), setBy: actor };
    }
    this.o.inventory.setClusterCpuBaseline(clusterId, next);
    this.o.audit.append({
      actor,
      action: 'settings.changed',
      details: `cluster ${before.name} CPU baseline: ${describe(before.evc)} → ${describe(next)}`,
    });
    return this.clusterOf(clusterId);
  }

  /** Writes the cluster's baseline CPU into the VM's next-boot definition; it runs on as it is until then. */
  async apply(vmId: string, actor: string): Promise<Vm> {
    const vm = this.o.inventory.vm(vmId);
    if (!vm) throw new FerryError('NOT_FOUND', `no VM ${vmId}`);
    const host = this.o.inventory.host(vm.hostId);
    const cluster = host ? this.o.inventory.cluster(host.clusterId) : undefined;
    const baseline = cluster?.evc;
    if (!host || !cluster || !baseline)
      throw new FerryError('CPU_BASELINE_OFF', `${cluster?.name ?? 'the cluster of ' + vm.name} has no CPU baseline set`);
    if (this.o.engine.tasks().some((t) => t.vmId === vmId && (t.state === 'queued' || t.state === 'running')))
      throw new FerryError('MIGRATION_IN_PROGRESS', `${vm.name} is migrating: apply the baseline once it has landed`);
    const driver = this.o.fleet.driver(host.driverId);
    if (!driver?.applyCpuAtPowerCycle) throw new FerryError('NOT_SUPPORTED', `the backend of ${vm.name} cannot change its CPU`);
    const entry = { actor, action: 'settings.changed' as const, vmId, vmName: vm.name, sourceHost: host.name };
    try {
      await driver.applyCpuAtPowerCycle(vmId, baseline);
    } catch (error) {
      const code = error instanceof DriverError || error instanceof FerryError ? error.code : 'INTERNAL';
      this.o.audit.append({
        ...entry,
        outcome: 'refused',
        errorCode: code,
        errorMessage: error instanceof Error ? error.message : String(error),
        details: `VM ${vm.name} CPU baseline ${baseline.model} at next power cycle`,
      });
      throw error;
    }
    this.o.audit.append({
      ...entry,
      outcome: 'pending',
      details: `VM ${vm.name} CPU: ${vm.cpuModel} → ${baseline.model} (cluster ${cluster.name} baseline) at its next power cycle`,
    });
    await this.o.fleet.refresh(host.driverId, { vmIds: [vmId] });
    return this.o.inventory.vm(vmId) ?? vm;
  }

  private clusterOf(clusterId: string): Cluster {
    const cluster = this.o.inventory.cluster(clusterId);
    if (!cluster) throw new FerryError('NOT_FOUND', `no cluster ${clusterId}`);
    return cluster;
  }

  /** A cluster belongs to the backend of its hosts. */
  private driverOf(clusterId: string): HypervisorDriver | undefined {
    const host = this.o.inventory.allHosts().find((h) => h.clusterId === clusterId);
    return host ? this.o.fleet.driver(host.driverId) : undefined;
  }
}
