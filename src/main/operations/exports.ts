import type { Writable } from 'node:stream';
import type { ExportResult } from '../../shared/api/app';
import type { AuditFilter } from '../../shared/model/audit';
import type { Clock } from '../base/clock/clock';
import type { MigrationEngine } from '../engine/engine';
import type { AuditLog } from '../store/audit/audit-log';
import type { AuditReader } from '../store/audit/audit-reader';

/** Streams an export's body into a writable; resolves once everything is written. */
export type Producer = (out: Writable) => Promise<void>;

/**
 * Where exports go: a file the user picks in Electron's save dialog, or a one-time download link in
 * the browser shell. The main process chooses the path; the renderer never names one.
 */
export interface ExportSink {
  save(defaultName: string, contentType: string, produce: Producer): Promise<ExportResult>;
}

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[:.]/g, '-').slice(0, 19);

/** What an admin can take away: the audit trail as CSV, a migration's timeline as JSON; each export is audited. */
export class Exports {
  constructor(
    private readonly sink: ExportSink,
    private readonly reader: AuditReader,
    private readonly audit: AuditLog,
    private readonly engine: MigrationEngine,
    private readonly clock: Clock,
  ) {}

  auditCsv(filter: AuditFilter, actor: string): Promise<ExportResult> {
    // The chain's head at the export goes into its name and its audit record: kept, it shows later whether records were cut off.
    const head = this.audit.head();
    const named = head && head.id > 0 ? `-head-${head.id}-${head.hash.slice(0, 12)}` : '';
    return this.sink.save(`ferry-audit-${stamp(this.clock.now())}${named}.csv`, 'text/csv; charset=utf-8', async (out) => {
      const rows = await this.reader.exportCsv(filter, out);
      // The export itself is an audited action, recorded once the file is complete.
      this.audit.append({
        actor,
        action: 'audit.exported',
        outcome: 'completed',
        details: `${rows} records; filter ${JSON.stringify(filter)}${head ? `; head: record ${head.id}, ${head.hash}` : ''}`,
      });
    });
  }

  taskTimeline(taskId: string, actor: string): Promise<ExportResult> {
    const detail = this.engine.taskDetail(taskId);
    const { task } = detail;
    return this.sink.save(`ferry-timeline-${task.vmName}-${stamp(this.clock.now())}.json`, 'application/json', async (out) => {
      out.write(`${JSON.stringify(detail, null, 2)}\n`);
      this.audit.append({
        actor,
        action: 'audit.exported',
        taskId,
        vmId: task.vmId,
        vmName: task.vmName,
        outcome: 'completed',
        details: 'migration timeline (JSON)',
      });
    });
  }
}
