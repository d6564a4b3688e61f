import type { ClusterCpuBaseline } from '../../../shared/model/cpu-baseline';
import type { WritableDb } from '../database';

interface Row {
  cluster_id: string;
  source: 'computed' | 'model';
  model: string;
  vendor: string | null;
  features: string;
  disabled_features: string;
  arch: string | null;
  virt_type: string | null;
  set_at: string;
  set_by: string;
}

const toBaseline = (r: Row): ClusterCpuBaseline => ({
  source: r.source,
  model: r.model,
  vendor: r.vendor,
  features: JSON.parse(r.features) as string[],
  disabledFeatures: JSON.parse(r.disabled_features) as string[],
  arch: r.arch,
  virtType: r.virt_type,
  setAt: r.set_at,
  setBy: r.set_by,
});

/** The CPU baseline set per cluster; a cluster without a row has none (off). */
export class CpuBaselineRepository {
  constructor(private readonly db: WritableDb) {}

  all(): Map<string, ClusterCpuBaseline> {
    const rows = this.db.prepare('SELECT * FROM cluster_cpu_baselines').all() as Row[];
    return new Map(rows.map((r) => [r.cluster_id, toBaseline(r)]));
  }

  set(clusterId: string, baseline: ClusterCpuBaseline | null): void {
    if (!baseline) {
      this.db.prepare('DELETE FROM cluster_cpu_baselines WHERE cluster_id = ?').run(clusterId);
      return;
    }
    this.db
      .prepare(
        `INSERT OR REPLACE INTO cluster_cpu_baselines
           (cluster_id, source, model, vendor, features, disabled_features, arch, virt_type, set_at, set_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        clusterId,
        baseline.source,
        baseline.model,
        baseline.vendor,
        JSON.stringify(baseline.features),
        JSON.stringify(baseline.disabledFeatures),
        baseline.arch,
        baseline.virtType,
        baseline.setAt,
        baseline.setBy,
      );
  }
}
