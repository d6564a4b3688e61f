import type { Notice } from '../../shared/api/app';
import type { Task } from '../../shared/model/migration';
import type { InventoryService } from '../engine/fleet/inventory-service';

/** The one-line message an admin sees (OS notification or snackbar) when a migration ends. */
export function noticeFor(task: Task, inventory: InventoryService): Notice {
  const dest = inventory.host(task.destHostId)?.name ?? task.destHostId;
  const source = inventory.host(task.sourceHostId)?.name ?? task.sourceHostId;
  const base = { taskId: task.id, ...(task.error ? { error: task.error } : {}) };
  switch (task.state) {
    case 'completed':
      // A powered-off VM moved cold: it is on the destination, not running there unless powered on after (new-user review).
      return {
        ...base,
        level: 'success',
        title: task.cold ? `${task.vmName} moved cold` : `${task.vmName} migrated`,
        body:
          task.type === 'storage'
            ? 'Its disks moved to the new datastore.'
            : task.cold
              ? `It is now on ${dest}.`
              : `It now runs on ${dest}.`,
      };
    case 'completed_with_problems':
      return { ...base, level: 'warning', title: `${task.vmName} migrated, with problems`, body: task.problems.join(' ') };
    case 'aborted':
      return {
        ...base,
        level: 'info',
        title: `Migration of ${task.vmName} rolled back`,
        body: `${task.error?.message ?? 'cancelled'}. ${task.cold ? 'It stays on' : 'It keeps running on'} ${source}.`,
      };
    default:
      return {
        ...base,
        level: 'error',
        title: `Migration of ${task.vmName} failed`,
        body: `${task.error?.message ?? 'unknown error'}. ${task.problems.join(' ')}`,
      };
  }
}
