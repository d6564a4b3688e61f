import type { MaintenanceExitReport } from '../../shared/model/operations';
import type { MigrationEngine } from '../engine/engine';
import { isActive } from './maintenance-progress';

/**
 * Leaving maintenance while entering it: cancels the evacuation's moves that have not switched
 * over (each cancel journaled by the engine); those past the point of no return finish.
 */
export function cancelUnswitched(engine: MigrationEngine, taskIds: readonly string[], actor: string): MaintenanceExitReport {
  const report: MaintenanceExitReport = { cancelled: [], finishing: [], moved: [] };
  for (const taskId of taskIds) {
    const task = engine.taskById(taskId);
    if (task?.state === 'completed') report.moved.push(task.vmName);
    if (!isActive(task)) continue;
    try {
      engine.cancel(task.id, `${actor} (leaving maintenance)`);
      report.cancelled.push(task.vmName);
    } catch {
      // Refused past the switchover: the move finishes.
      report.finishing.push(task.vmName);
    }
  }
  return report;
}
