import { FerryError } from '../../shared/api/errors';
import type { Task } from '../../shared/model/migration';
import type { Cluster, ClusterPolicyPatch, Host, HostHealth, InventoryDelta } from '../../shared/model/inventory';
import type { AppliedRecommendation, BalancingRecommendation, HostAdvice, Recommendations } from '../../shared/model/operations';
import { Emitter } from '../base/emitter';
import type { AuditLog } from '../store/audit/audit-log';
import { every, type Clock } from '../base/clock/clock';
import type { MigrationEngine } from '../engine/engine';
import type { EngineView } from '../engine/planning/view';
import type { InventoryService } from '../engine/fleet/inventory-service';
import type { LinkSpeeds } from '../engine/planning/link-speeds';
import type { AppliedRecommendationRepository } from '../store/applied-recommendations';
import { automatedMove } from './automated-move';
import { automaticallyApplied } from './balancer';
import { BalancingAdvisor } from './balancing/advisor';
import { historyEntry } from './balancing/history';
import type { MaintenanceService } from './maintenance';

export interface AutomationOptions {
  view: EngineView;
  inventory: InventoryService;
  engine: MigrationEngine;
  audit: AuditLog;
  maintenance: MaintenanceService;
  clock: Clock;
  /** Where applied recommendations are kept. */
  applied: AppliedRecommendationRepository;
  /** What completed migrations taught about links: the cost of a move is predicted on them. */
  links?: Pick<LinkSpeeds, 'estimate'>;
  /** How often automated clusters are balanced, and how long one pass of advice holds still. */
  periodMs?: number;
}

const defaultPeriodMs = 5 * 60_000;
const automationLevel = { manual: 0, partial: 1, full: 2 } as const;

/**
 * What Ferry does without being asked, per cluster policy: balancing (manual: recommend only;
 * partial: apply except for mission-critical VMs; full: apply all), and reacting to host health
 * (a degraded host is recommended for evacuation or evacuated; a failed host's VMs are reported,
 * never "migrated"). Every move goes through the engine like any other.
 */
export class Automation {
  private readonly health = new Map<string, HostHealth>();
  private readonly advice = new Map<string, HostAdvice>();
  /** The recommendations last shown, so "apply" moves what the admin saw even if the loads moved since. */
  private shown = new Map<string, BalancingRecommendation>();
  private readonly stops: (() => void)[] = [];
  /** Recommendations or host advice may have changed. */
  readonly changed = new Emitter<void>();

  private readonly advisor: BalancingAdvisor;
  private readonly periodMs: number;

  constructor(private readonly o: AutomationOptions) {
    this.periodMs = o.periodMs ?? defaultPeriodMs;
    this.advisor = new BalancingAdvisor({
      view: o.view,
      pending: () => o.engine.tasks(),
      clock: o.clock,
      periodMs: this.periodMs,
      ...(o.links ? { links: o.links } : {}),
    });
  }

  /** Watches host health in the inventory and balances automated clusters now and then. */
  start(): void {
    this.stops.push(this.o.inventory.delta.on((delta) => this.onInventory(delta)));
    for (const host of this.o.view.allHosts()) {
      this.health.set(host.id, host.health);
      if (host.health !== 'ok' && host.health !== 'unknown') this.onHealthChange(host, 'ok', false);
    }
    this.stops.push(every(this.o.clock, this.periodMs, () => this.balanceAutomatically()));
  }

  halt(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  /**
   * Changes how a cluster is balanced and treats degraded hosts: the patch is merged into the policy
   * held here (the one source of truth), so a control changed after another never reverts it.
   */
  setClusterPolicy(clusterId: string, patch: ClusterPolicyPatch, actor: string): Cluster {
    const before = this.o.inventory.cluster(clusterId);
    if (!before) throw new FerryError('NOT_FOUND', `no cluster ${clusterId}`);
    const policy = { ...before.policy, ...patch };
    this.o.inventory.setClusterPolicy(clusterId, policy);
    this.o.audit.append({
      actor,
      action: 'settings.changed',
      details: `cluster ${before.name} policy: ${JSON.stringify(before.policy)} → ${JSON.stringify(policy)}`,
    });
    this.advisor.invalidate();
    // Made more automated, a cluster is balanced at once (as DRS does), not at the next period.
    if (automationLevel[policy.balancing] > automationLevel[before.policy.balancing]) this.balance([clusterId]);
    this.changed.emit();
    return this.o.inventory.cluster(clusterId) as Cluster;
  }

  recommendations(): Recommendations {
    const clusters = this.advisor.current();
    const balancing = clusters.flatMap((c) => c.recommendations);
    this.shown = new Map(balancing.map((r) => [r.id, r]));
    return {
      balancing,
      balancingPeriodMs: this.periodMs,
      advice: [...this.advice.values()],
      clusters: clusters.map(({ cluster, spread, tolerance }) => ({
        clusterId: cluster.id,
        clusterName: cluster.name,
        spread,
        tolerance,
      })),
    };
  }

  /** The recommendations applied, newest first, each with how its move went. */
  history(limit: number): AppliedRecommendation[] {
    return this.o.applied.recent(limit).map((row) => historyEntry(row, row.taskId ? this.o.engine.taskById(row.taskId) : undefined));
  }

  /** Applies recommendations by id, as last shown; the engine's prechecks still guard each move. */
  apply(ids: readonly string[], actor: string): Task[] {
    const missing = ids.filter((id) => !this.shown.has(id));
    if (missing.length > 0) this.recommendations();
    return this.applyAll(
      ids.map((id) => this.shown.get(id)).filter((r): r is BalancingRecommendation => r !== undefined),
      actor,
    );
  }

  private onInventory(delta: InventoryDelta): void {
    for (const host of delta.hosts) {
      const before = this.health.get(host.id) ?? 'ok';
      this.health.set(host.id, host.health);
      if (before !== host.health) this.onHealthChange(host, before, true);
    }
  }

  private onHealthChange(host: Host, before: HostHealth, act: boolean): void {
    const vms = this.o.view.allVms().filter((v) => v.hostId === host.id);
    const cluster = this.o.view.cluster(host.clusterId);
    if (host.health === 'ok') this.advice.delete(host.id);
    if (host.health === 'failed') {
      const down = vms.filter((v) => v.power !== 'running').map((v) => v.name);
      this.advice.set(host.id, {
        hostId: host.id,
        hostName: host.name,
        kind: 'failed-host',
        vmNames: down,
        message: `${host.name} failed: ${down.length === 1 ? '1 VM is' : `${down.length} VMs are`} down with it. They cannot be live-migrated; restart them on other hosts once you know the host is gone.`,
      });
    }
    if (host.health === 'degraded') {
      const evacuate = act && cluster?.policy.degradedHost === 'evacuate' && host.maintenance === 'off';
      this.advice.set(host.id, {
        hostId: host.id,
        hostName: host.name,
        kind: 'evacuate-degraded',
        vmNames: vms.filter((v) => v.power === 'running').map((v) => v.name),
        message: evacuate
          ? `${host.name} is degraded${because(host)}: evacuating it, as its cluster's policy asks.`
          : `${host.name} is degraded${because(host)}: evacuate it (enter maintenance mode) before it fails.`,
      });
      if (evacuate) this.o.maintenance.enter(host.id, `health monitor (policy of ${cluster?.name ?? host.clusterId})`);
    }
    if (act) {
      this.o.audit.append({
        actor: 'health monitor',
        action: 'host.health-changed',
        sourceHost: host.name,
        outcome: host.health,
        details: `${before} → ${host.health}${host.healthReason ? `: ${host.healthReason}` : ''}${host.health === 'failed' ? `; VMs down: ${vms.map((v) => v.name).join(', ') || 'none'}` : ''}`,
      });
    }
    this.changed.emit();
  }

  private balanceAutomatically(): void {
    // A new pass, on the loads of now: this is the balancing period DRS waits for.
    this.advisor.invalidate();
    this.balance(null);
    this.changed.emit();
  }

  /** Applies what each automated cluster's policy applies by itself (all clusters when null). */
  private balance(clusterIds: readonly string[] | null): void {
    for (const { cluster, recommendations } of this.advisor.current()) {
      if (cluster.policy.balancing === 'manual' || (clusterIds && !clusterIds.includes(cluster.id))) continue;
      const chosen = automaticallyApplied(this.o.view, cluster, recommendations);
      if (chosen.length > 0) this.applyAll(chosen, `balancer (policy of ${cluster.name})`);
    }
  }

  private applyAll(recommendations: readonly BalancingRecommendation[], actor: string): Task[] {
    const tasks: Task[] = [];
    // A bulk move goes by priority class: mission-critical VMs first.
    const ordered = [...recommendations].sort(
      (a, b) => Number(this.o.view.vm(b.vmId)?.missionCritical ?? false) - Number(this.o.view.vm(a.vmId)?.missionCritical ?? false),
    );
    const at = () => new Date(this.o.clock.now()).toISOString();
    for (const r of ordered) {
      try {
        const queued = this.o.engine.request(automatedMove(r.vmId, r.toHostId, 'low'), { requestedBy: actor });
        tasks.push(...queued);
        for (const task of queued) this.o.applied.record(r, at(), actor, { taskId: task.id });
        this.o.audit.append({
          actor,
          action: 'balancing.applied',
          vmId: r.vmId,
          vmName: r.vmName,
          sourceHost: r.fromHostName,
          destHost: r.toHostName,
          details: `${r.reason}; load spread ${r.spreadBefore.toFixed(3)} → ${r.spreadAfter.toFixed(3)}`,
        });
      } catch (error) {
        this.o.applied.record(r, at(), actor, { refusal: error instanceof Error ? error.message : String(error) });
        this.o.audit.append({
          actor,
          action: 'balancing.applied',
          vmId: r.vmId,
          vmName: r.vmName,
          sourceHost: r.fromHostName,
          destHost: r.toHostName,
          outcome: 'failed',
          errorMessage: error instanceof Error ? error.message : String(error),
        });
      }
    }
    this.advisor.invalidate();
    this.changed.emit();
    return tasks;
  }
}

/** The backend's reason for a host's health, as a clause: ` (3 inventory reads in a row failed …)`. */
const because = (host: Host): string => (host.healthReason ? ` (${host.healthReason})` : '');
