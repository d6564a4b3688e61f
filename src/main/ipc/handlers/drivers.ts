import type { Fleet } from '../../engine/fleet/fleet';
import type { Handlers } from '../router';

export function driverHandlers(
  fleet: Fleet,
): Pick<Handlers, 'drivers.list' | 'faults.list' | 'faults.add' | 'faults.remove' | 'faults.clear'> {
  return {
    'drivers.list': () => fleet.describe(),
    'faults.list': ({ driverId }) => fleet.faults(driverId).list(),
    'faults.add': ({ driverId, rule }) => fleet.faults(driverId).add(rule),
    'faults.remove': ({ driverId, ruleId }) => (fleet.faults(driverId).remove(ruleId), null),
    'faults.clear': ({ driverId }) => (fleet.faults(driverId).clear(), null),
  };
}
