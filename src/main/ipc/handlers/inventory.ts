import type { InventoryService } from '../../engine/fleet/inventory-service';
import type { LinkSpeeds } from '../../engine/planning/link-speeds';
import type { VmAttributesService } from '../../operations/vm-attributes';
import type { Handlers } from '../router';

export function inventoryHandlers(
  inventory: InventoryService,
  vmAttributes: VmAttributesService,
  links: LinkSpeeds,
): Pick<Handlers, 'inventory.snapshot' | 'inventory.hostLinks' | 'vms.setAttributes'> {
  return {
    'inventory.snapshot': () => inventory.snapshot(),
    'inventory.hostLinks': ({ hostId }) => links.ofHost(hostId),
    'vms.setAttributes': ({ vmId, attributes }, context) => vmAttributes.set(vmId, attributes, context.actor),
  };
}
