import type { Scheduler } from '../../operations/scheduler';
import type { Handlers } from '../router';

type ScheduleCommands =
  'schedules.list' | 'schedules.preview' | 'schedules.create' | 'schedules.update' | 'schedules.setPaused' | 'schedules.delete';

export function scheduleHandlers(scheduler: Scheduler): Pick<Handlers, ScheduleCommands> {
  return {
    'schedules.list': () => scheduler.list(),
    'schedules.preview': ({ timing }) => scheduler.preview(timing),
    'schedules.create': (input, context) => scheduler.create(input, context.actor),
    'schedules.update': ({ id, schedule }, context) => scheduler.update(id, schedule, context.actor),
    'schedules.setPaused': ({ id, paused }, context) => scheduler.setPaused(id, paused, context.actor),
    'schedules.delete': ({ id }, context) => (scheduler.remove(id, context.actor), null),
  };
}
