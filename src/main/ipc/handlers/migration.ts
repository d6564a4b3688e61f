import type { MigrationEngine } from '../../engine/engine';
import type { BatchPredictions } from '../../operations/batch-prediction';
import type { Handlers } from '../router';

type MigrationCommands =
  | 'migration.precheck'
  | 'migration.recommend'
  | 'migration.predict'
  | 'migration.start'
  | 'migration.startBatch'
  | 'migration.cancel'
  | 'tasks.list'
  | 'tasks.detail'
  | 'inventory.vmHistory';

export function migrationHandlers(engine: MigrationEngine, predictions: BatchPredictions): Pick<Handlers, MigrationCommands> {
  return {
    'migration.precheck': (target) => engine.checksJudged(target),
    'migration.recommend': ({ vmId, type }) => engine.recommend(vmId, type),
    'migration.predict': (request) => predictions.predict(request),
    'migration.start': (request, context) => ({ taskIds: engine.request(request, { requestedBy: context.actor }).map((t) => t.id) }),
    // Each task keeps its prediction as the batch runs (the Ready page's), not its VM's alone.
    'migration.startBatch': async ({ requests }, context) => ({
      taskIds: engine.requestBatch(requests, { requestedBy: context.actor }, await predictions.forQueueing(requests)).map((t) => t.id),
    }),
    'migration.cancel': ({ taskId }, context) => engine.cancel(taskId, context.actor),
    'tasks.list': ({ limit }) => engine.recentTasks(limit),
    'tasks.detail': ({ taskId }) => engine.taskDetail(taskId),
    'inventory.vmHistory': ({ vmId }) => engine.vmHistory(vmId),
  };
}
