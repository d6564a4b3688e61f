import type { HypervisorDriver } from '../../drivers/driver';
import type { InventoryService } from '../../store/inventory/inventory-service';
import type { EngineView } from '../planning/view';

/** The engine's view over Ferry's inventory and its drivers. */
export function inventoryView(inventory: InventoryService, drivers: ReadonlyMap<string, HypervisorDriver>): EngineView {
  return {
    host: (id) => inventory.host(id),
    allHosts: () => inventory.allHosts(),
    vm: (id) => inventory.vm(id),
    allVms: () => inventory.allVms(),
    cluster: (id) => inventory.cluster(id),
    datastore: (id) => inventory.datastore(id),
    driver: (id) => drivers.get(id),
  };
}
