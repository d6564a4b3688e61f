import type { Services } from '../../app/services';
import type { Handlers } from '../router';
import { appHandlers } from './app';
import { auditHandlers } from './audit';
import { driverHandlers } from './drivers';
import { hostHandlers } from './hosts';
import { inventoryHandlers } from './inventory';
import { cpuBaselineHandlers } from './cpu-baseline';
import { migrationHandlers } from './migration';
import { operationHandlers } from './operations';
import { scheduleHandlers } from './schedules';

/** All command handlers, each given only the services it uses; the type makes a missing one a compile error. */
export function createHandlers(s: Services): Handlers {
  return {
    ...appHandlers(s.info, s.settings),
    ...inventoryHandlers(s.inventory, s.vmAttributes, s.links),
    ...cpuBaselineHandlers(s.cpuBaselines),
    ...driverHandlers(s.fleet),
    ...migrationHandlers(s.engine, s.predictions),
    ...scheduleHandlers(s.scheduler),
    ...auditHandlers(s.audit, s.auditReader, s.exports),
    ...operationHandlers(s.maintenance, s.automation),
    ...hostHandlers(s.hostConnections),
  };
}
