import { api } from '../../api/client';
import type { useNotify } from '../../state/notices';
import { exitReportWords } from './exit-report-words';

const names = (list: string[]) => list.join(', ');

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
