import { FerryError } from '../../../shared/api';
import type { Services } from '../../app/services';
import type { Handlers } from '../router';

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[:.]/g, '-').slice(0, 19);

export function auditHandlers(services: Services): Pick<Handlers, 'audit.query' | 'audit.verify' | 'audit.exportCsv' | 'tasks.exportTimeline'> {
  const { audit, auditReader, exportSink, clock } = services;
  return {
    'audit.query': ({ filter, page, pageSize, sort }) => auditReader.page(filter, sort, page, pageSize),
    'audit.verify': () => audit.verify(),
    'audit.exportCsv': ({ filter }, context) =>
      exportSink.save(`ferry-audit-${stamp(clock.now())}.csv`, 'text/csv; charset=utf-8', async (out) => {
        const rows = await auditReader.exportCsv(filter, out);
        // The export itself is an audited action, recorded once the file is complete.
        audit.append({ actor: context.actor, action: 'audit.exported', outcome: 'completed', details: `${rows} records; filter ${JSON.stringify(filter)}` });
      }),
    'tasks.exportTimeline': ({ taskId }, context) => {
      const task = services.board.get(taskId);
      if (!task) throw new FerryError('NOT_FOUND', `no task ${taskId}`);
      return exportSink.save(`ferry-timeline-${task.vmName}-${stamp(clock.now())}.json`, 'application/json', async (out) => {
        const body = { task, journal: services.tasks.journalOf(taskId), timeline: services.tasks.timeline(taskId) };
        out.write(`${JSON.stringify(body, null, 2)}\n`);
        audit.append({ actor: context.actor, action: 'audit.exported', taskId, vmId: task.vmId, vmName: task.vmName, outcome: 'completed', details: 'migration timeline (JSON)' });
      });
    },
  };
}
