// Balancing advice that holds still: a DRS-like pass is computed once and kept until what it stands
// on changes (where guests run, moves queued or running, hosts' state, a cluster's policy) or the
// pass is older than the balancing period. Metric noise alone never reshuffles what the admin sees.

import type { Cluster } from '../../../shared/model/inventory';
import type { Task } from '../../../shared/model/migration';
import type { BalancingRecommendation } from '../../../shared/model/operations';
import type { Clock } from '../../base/clock/clock';
import type { LinkSpeeds } from '../../engine/planning/link-speeds';
import type { EngineView } from '../../engine/planning/view';
import { recommendBalancing } from '../balancer';
import { candidatesByHost } from './host-loads';
import { predictMoveWith } from './move-cost';
import { compareNames } from '../../../shared/model/names';

export interface ClusterAdvice {
  cluster: Cluster;
  recommendations: BalancingRecommendation[];
  spread: number;
  tolerance: number;
}

export interface AdvisorOptions {
  view: EngineView;
  /** Migrations queued or running. */
  pending(): readonly Task[];
  links?: Pick<LinkSpeeds, 'estimate'>;
  clock: Clock;
  periodMs: number;
}

export class BalancingAdvisor {
  private last: { key: string; at: number; advice: ClusterAdvice[] } | null = null;

  constructor(private readonly o: AdvisorOptions) {}

  /** The current pass: the cached one while nothing it stands on changed, else a new one. */
  current(): ClusterAdvice[] {
    const pending = this.o.pending().filter((t) => t.state === 'queued' || t.state === 'running');
    const clusters = this.clusters();
    const key = this.keyOf(clusters, pending);
    const now = this.o.clock.now();
    if (this.last && this.last.key === key && now - this.last.at < this.o.periodMs) return this.last.advice;
    const predict = predictMoveWith({ view: this.o.view, active: () => pending, ...(this.o.links ? { links: this.o.links } : {}) });
    const candidates = candidatesByHost(this.o.view, pending);
    const advice = clusters.map((cluster) => ({ cluster, ...recommendBalancing(this.o.view, cluster, { pending, predict, candidates }) }));
    this.last = { key, at: now, advice };
    return advice;
  }

  /** Forget the pass: the next one is computed afresh (a policy changed, moves were applied). */
  invalidate(): void {
    this.last = null;
  }

  clusters(): Cluster[] {
    return [...new Set(this.o.view.allHosts().map((h) => h.clusterId))]
      .map((id) => this.o.view.cluster(id))
      .filter((c): c is Cluster => c !== undefined)
      .sort((a, b) => compareNames(a.name, b.name));
  }

  /** What a pass stands on, other than metrics. */
  private keyOf(clusters: readonly Cluster[], pending: readonly Task[]): string {
    const parts: string[] = clusters.map((c) => `${c.id}:${JSON.stringify(c.policy)}`);
    for (const h of this.o.view.allHosts()) parts.push(`${h.id}:${h.clusterId}:${h.maintenance}:${h.health}:${h.connection}`);
    for (const v of this.o.view.allVms()) parts.push(`${v.id}@${v.hostId}:${v.power}`);
    for (const t of pending) parts.push(`${t.id}:${t.state}:${t.vmId}>${t.destHostId}`);
    return parts.join('|');
  }
}
