import { FerryError } from '../../../shared/api';
import type { Services } from '../../app/services';
import type { Handlers } from '../router';

type MigrationCommands = 'migration.precheck' | 'migration.recommend' | 'migration.predict' | 'migration.start' | 'migration.cancel' | 'tasks.list' | 'tasks.detail' | 'inventory.vmHistory';

export function migrationHandlers(services: Services): Pick<Handlers, MigrationCommands> {
  const { engine, tasks } = services;
  return {
    'migration.precheck': (target) => engine.checks(target),
    'migration.recommend': ({ vmId, type }) => engine.recommend(vmId, type),
    'migration.predict': (request) => engine.predict(request),
    'migration.start': (request, context) => ({ taskIds: engine.request(request, { requestedBy: context.actor }).map((t) => t.id) }),
    'migration.cancel': ({ taskId }, context) => engine.cancel(taskId, context.actor),
    'tasks.list': ({ limit }) => tasks.recent(limit).map((t) => services.board.get(t.id) ?? t),
    'tasks.detail': ({ taskId }) => {
      const task = services.board.get(taskId);
      if (!task) throw new FerryError('NOT_FOUND', `no task ${taskId}`);
      return { task, journal: tasks.journalOf(taskId), timeline: tasks.timeline(taskId) };
    },
    'inventory.vmHistory': ({ vmId }) => tasks.forVm(vmId),
  };
}
