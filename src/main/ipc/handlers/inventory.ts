import type { InventoryService } from '../../engine/fleet/inventory-service';
import type { Handlers } from '../router';

export function inventoryHandlers(inventory: InventoryService): Pick<Handlers, 'inventory.snapshot'> {
  return {
    'inventory.snapshot': () => inventory.snapshot(),
  };
}
