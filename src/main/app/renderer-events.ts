import type { MigrationEngine } from '../engine/engine';
import type { TaskBoard } from '../engine/run/task-board';
import type { Automation } from '../operations/automation';
import type { MaintenanceService } from '../operations/maintenance';
import type { Scheduler } from '../operations/scheduler';
import type { SettingsService } from '../operations/settings-service';
import type { AuditLog } from '../store/audit/audit-log';
import type { InventoryService } from '../engine/fleet/inventory-service';
import type { EventHub } from './event-hub';
import { vmForConsole } from '../../shared/model/snapshot-vms';
import { noticeFor } from './notices';

export interface EventSources {
  inventory: InventoryService;
  board: TaskBoard;
  engine: MigrationEngine;
  audit: AuditLog;
  scheduler: Scheduler;
  maintenance: MaintenanceService;
  automation: Automation;
  settings: SettingsService;
}

/** What the renderer hears, and from which service: every event of the contract is published here. */
export function publishToRenderers(s: EventSources, hub: EventHub): void {
  s.inventory.delta.on((delta) => hub.publish('inventory.delta', { ...delta, vms: delta.vms.map(vmForConsole) }));
  s.inventory.metrics.on((update) => hub.publish('inventory.metrics', update));
  s.board.changed.on((tasks) => hub.publish('tasks.changed', { tasks }));
  s.engine.finished.on((task) => hub.publish('app.notice', noticeFor(task, s.inventory)));
  s.audit.appended.on((record) => hub.publish('audit.appended', { lastId: record.id }));
  s.scheduler.changed.on(() => hub.publish('schedules.changed', {}));
  s.maintenance.changed.on((progress) => hub.publish('maintenance.changed', progress));
  s.automation.changed.on(() => hub.publish('recommendations.changed', {}));
  s.settings.changed.on(({ next }) => hub.publish('settings.changed', next));
}
