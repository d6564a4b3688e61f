import { agrees } from '../../components/plural';
import type { MaintenanceExitReport } from '../../../../shared/model/operations';

const names = (list: string[]) => list.join(', ');

/** What leaving maintenance did to the moves under way, in the admin's words. */
export function exitReportWords(r: MaintenanceExitReport): string[] {
  return [
    r.cancelled.length > 0
      ? `Cancelled the ${agrees(r.cancelled.length, 'move', 'moves')} of ${names(r.cancelled)}: ${agrees(r.cancelled.length, 'it stays', 'they stay')} on this host.`
      : null,
    r.finishing.length > 0
      ? `Past the point of no return, ${names(r.finishing)} ${agrees(r.finishing.length, 'finishes its move', 'finish their moves')}.`
      : null,
    r.moved.length > 0 ? `Already moved: ${names(r.moved)}.` : null,
  ].filter((w): w is string => w !== null);
}
