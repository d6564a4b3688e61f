import type { BalancingRecommendation } from '../../shared/model/operations';
import type { WritableDb } from './database';

export interface AppliedRecommendationRow {
  id: number;
  appliedAt: string;
  actor: string;
  clusterId: string;
  vmId: string;
  vmName: string;
  fromHostName: string;
  toHostName: string;
  reason: string;
  spreadBefore: number;
  spreadAfter: number;
  predictedDurationMs: number;
  taskId: string | null;
  refusal: string | null;
}

interface Row {
  id: number;
  applied_at: string;
  actor: string;
  cluster_id: string;
  vm_id: string;
  vm_name: string;
  from_host_name: string;
  to_host_name: string;
  reason: string;
  spread_before: number;
  spread_after: number;
  predicted_duration_ms: number;
  task_id: string | null;
  refusal: string | null;
}

/** The history of balancing recommendations applied, newest first; rows are only ever added. */
export class AppliedRecommendationRepository {
  constructor(private readonly db: WritableDb) {}

  /** One applied recommendation: the task it became, or why it was refused (exactly one of them). */
  record(r: BalancingRecommendation, at: string, actor: string, outcome: { taskId: string } | { refusal: string }): void {
    this.db
      .prepare(
        `INSERT INTO applied_recommendations (applied_at, actor, cluster_id, vm_id, vm_name, from_host_name, to_host_name, reason,
           spread_before, spread_after, predicted_duration_ms, task_id, refusal) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        at,
        actor,
        r.clusterId,
        r.vmId,
        r.vmName,
        r.fromHostName,
        r.toHostName,
        r.reason,
        r.spreadBefore,
        r.spreadAfter,
        r.predictedDurationMs,
        'taskId' in outcome ? outcome.taskId : null,
        'refusal' in outcome ? outcome.refusal : null,
      );
  }

  recent(limit: number): AppliedRecommendationRow[] {
    const rows = this.db.prepare('SELECT * FROM applied_recommendations ORDER BY applied_at DESC, id DESC LIMIT ?').all(limit) as Row[];
    return rows.map((r) => ({
      id: r.id,
      appliedAt: r.applied_at,
      actor: r.actor,
      clusterId: r.cluster_id,
      vmId: r.vm_id,
      vmName: r.vm_name,
      fromHostName: r.from_host_name,
      toHostName: r.to_host_name,
      reason: r.reason,
      spreadBefore: r.spread_before,
      spreadAfter: r.spread_after,
      predictedDurationMs: r.predicted_duration_ms,
      taskId: r.task_id,
      refusal: r.refusal,
    }));
  }
}
