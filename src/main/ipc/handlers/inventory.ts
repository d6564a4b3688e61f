import type { InventoryService } from '../../engine/fleet/inventory-service';
import type { LinkSpeeds } from '../../engine/planning/link-speeds';
import type { Handlers } from '../router';

export function inventoryHandlers(
  inventory: InventoryService,
  links: LinkSpeeds,
): Pick<Handlers, 'inventory.snapshot' | 'inventory.hostLinks'> {
  return {
    'inventory.snapshot': () => inventory.snapshot(),
    'inventory.hostLinks': ({ hostId }) => links.ofHost(hostId),
  };
}
