import type { Services } from '../../app/services';
import type { Handlers } from '../router';

export function inventoryHandlers(services: Services): Pick<Handlers, 'inventory.snapshot'> {
  return {
    'inventory.snapshot': () => services.inventory.snapshot(),
  };
}
