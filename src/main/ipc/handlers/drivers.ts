import { FerryError } from '../../../shared/api';
import type { Services } from '../../app/services';
import type { FaultControl } from '../../drivers/driver';
import type { Handlers } from '../router';

export function driverHandlers(services: Services): Pick<Handlers, 'drivers.list' | 'faults.list' | 'faults.add' | 'faults.remove' | 'faults.clear'> {
  /** Fault injection exists only where a driver declares it; no driver kind is special-cased. */
  const faults = (driverId: string): FaultControl => {
    const driver = services.drivers.get(driverId);
    if (!driver) throw new FerryError('NOT_FOUND', `no driver ${driverId}`);
    if (!driver.capabilities.faultInjection || !driver.faults) throw new FerryError('CONFLICT', `${driverId} does not support fault injection`);
    return driver.faults;
  };
  return {
    'drivers.list': () => [...services.drivers.values()].map((d) => ({ id: d.id, kind: d.kind, capabilities: d.capabilities })),
    'faults.list': ({ driverId }) => faults(driverId).list(),
    'faults.add': ({ driverId, rule }) => faults(driverId).add(rule),
    'faults.remove': ({ driverId, ruleId }) => (faults(driverId).remove(ruleId), null),
    'faults.clear': ({ driverId }) => (faults(driverId).clear(), null),
  };
}
