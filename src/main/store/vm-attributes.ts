import type { VmAttributes } from '../../shared/model/vm-attributes';
import type { WritableDb } from './database';

interface Row {
  vm_id: string;
  mission_critical: 0 | 1;
  tags: string;
}

/** The attributes Ferry keeps per VM id; a VM without a row shows what its driver reports. */
export class VmAttributeRepository {
  constructor(private readonly db: WritableDb) {}

  all(): Map<string, VmAttributes> {
    const rows = this.db.prepare('SELECT vm_id, mission_critical, tags FROM vm_attributes').all() as Row[];
    return new Map(rows.map((r) => [r.vm_id, { missionCritical: r.mission_critical === 1, tags: JSON.parse(r.tags) as string[] }]));
  }

  set(vmId: string, attributes: VmAttributes): void {
    this.db
      .prepare(
        `INSERT INTO vm_attributes (vm_id, mission_critical, tags) VALUES (?, ?, ?)
         ON CONFLICT(vm_id) DO UPDATE SET mission_critical = excluded.mission_critical, tags = excluded.tags`,
      )
      .run(vmId, attributes.missionCritical ? 1 : 0, JSON.stringify(attributes.tags));
  }
}
