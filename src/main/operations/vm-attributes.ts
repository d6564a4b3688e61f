import { FerryError } from '../../shared/api/errors';
import type { Vm } from '../../shared/model/inventory';
import type { VmAttributes } from '../../shared/model/vm-attributes';
import type { InventoryService } from '../engine/fleet/inventory-service';
import type { AuditLog } from '../store/audit/audit-log';

const attributesOf = (vm: Vm): VmAttributes => ({ missionCritical: vm.missionCritical, tags: vm.tags });

/**
 * An admin's edit of a VM's mission-critical flag and tags (affinity rules included), on any
 * backend; recorded in the audit trail like other settings: who, which VM, from what, to what.
 */
export class VmAttributesService {
  constructor(
    private readonly inventory: InventoryService,
    private readonly audit: AuditLog,
  ) {}

  set(vmId: string, attributes: VmAttributes, actor: string): Vm {
    const before = this.inventory.vm(vmId);
    if (!before) throw new FerryError('NOT_FOUND', `no VM ${vmId}`);
    const after = this.inventory.setVmAttributes(vmId, attributes);
    this.audit.append({
      actor,
      action: 'settings.changed',
      vmId,
      vmName: before.name,
      details: `VM ${before.name} attributes: ${JSON.stringify(attributesOf(before))} → ${JSON.stringify(attributesOf(after))}`,
    });
    return after;
  }
}
