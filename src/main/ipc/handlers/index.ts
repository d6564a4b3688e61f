import type { Services } from '../../app/services';
import type { Handlers } from '../router';
import { appHandlers } from './app';
import { auditHandlers } from './audit';
import { driverHandlers } from './drivers';
import { hostHandlers } from './hosts';
import { inventoryHandlers } from './inventory';
import { migrationHandlers } from './migration';
import { operationHandlers } from './operations';
import { scheduleHandlers } from './schedules';

/** All command handlers; the type makes a command without a handler a compile error. */
export function createHandlers(services: Services): Handlers {
  return { ...appHandlers(services), ...inventoryHandlers(services), ...driverHandlers(services), ...migrationHandlers(services), ...scheduleHandlers(services), ...auditHandlers(services), ...operationHandlers(services), ...hostHandlers(services) };
}
