import type { InventoryService } from '../../engine/fleet/inventory-service';
import type { VmAttributesService } from '../../operations/vm-attributes';
import type { Handlers } from '../router';

export function inventoryHandlers(
  inventory: InventoryService,
  vmAttributes: VmAttributesService,
): Pick<Handlers, 'inventory.snapshot' | 'vms.setAttributes'> {
  return {
    'inventory.snapshot': () => inventory.snapshot(),
    'vms.setAttributes': ({ vmId, attributes }, context) => vmAttributes.set(vmId, attributes, context.actor),
  };
}
