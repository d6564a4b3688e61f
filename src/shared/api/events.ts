import { Notice, Settings } from './app';
import { z } from 'zod';
import { HostMetricsUpdate, InventoryDelta } from '../model/inventory';
import { Task } from '../model/migration';
import { MaintenanceProgress } from '../model/operations';

/** Everything main pushes to the renderer, by dotted name. */
export const events = {
  'inventory.delta': InventoryDelta,
  /** [hostId, cpuUsage, memoryUsedBytes, health, connection] per host whose metrics moved. */
  'inventory.metrics': HostMetricsUpdate,
  'app.notice': Notice,
  /** Tasks that changed in the last 100 ms: at most 10 updates per second per task. */
  'tasks.changed': z.object({ tasks: z.array(Task) }),
  /** Schedules were added, changed, removed or fired: reload them. */
  'schedules.changed': z.object({}),
  /** A host's maintenance progress (n of m moved, what cannot move). */
  'maintenance.changed': MaintenanceProgress,
  /** Balancing recommendations or host advice may have changed: reload them. */
  'recommendations.changed': z.object({}),
  /** New audit records exist (the newest id): views reload their page. */
  'audit.appended': z.object({ lastId: z.number().int() }),
  /** The settings changed (the operator name...): what shows them reloads, in every open console. */
  'settings.changed': Settings,
};

type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export const eventNames = Object.keys(events) as EventName[];
