import type { MaintenanceExitReport } from '../../../../shared/model/operations';
import { api } from '../../api/client';
import type { useNotify } from '../../state/notices';

const names = (list: string[]) => list.join(', ');

/** What leaving maintenance did to the moves under way, in the admin's words. */
export function exitReportWords(r: MaintenanceExitReport): string[] {
  return [
    r.cancelled.length > 0 ? `Cancelled the moves of ${names(r.cancelled)}: they stay on this host.` : null,
    r.finishing.length > 0 ? `Past the point of no return, ${names(r.finishing)} finish their move.` : null,
    r.moved.length > 0 ? `Already moved: ${names(r.moved)}.` : null,
  ].filter((w): w is string => w !== null);
}

/** Leaves maintenance (from the panel or the tree's menu) and says what it did, wherever the admin is. */
export async function exitMaintenance(hostId: string, hostName: string, notify: ReturnType<typeof useNotify>): Promise<void> {
  try {
    const progress = await api.invoke('maintenance.exit', { hostId });
    const words = progress.exitReport ? exitReportWords(progress.exitReport) : [];
    if (progress.failbackCount > 0)
      words.push(`${progress.failbackCount} VM${progress.failbackCount === 1 ? '' : 's'} can move back: see the host's Summary.`);
    const cannot = progress.failbackBlocked ?? [];
    if (cannot.length > 0) words.push(`${names(cannot.map((c) => c.vmName))} cannot move back now: see the host's Summary.`);
    notify({ level: 'info', title: `${hostName} left maintenance`, body: words.join(' ') || 'No move was under way.' });
  } catch (error) {
    notify({ level: 'error', title: 'Could not leave maintenance', error });
  }
}
