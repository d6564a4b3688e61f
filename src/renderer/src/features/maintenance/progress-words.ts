import type { MaintenanceProgress } from '../../../../shared/model/operations';
import { agrees, counted } from '../../components/plural';

type Stage = MaintenanceProgress['stage'];
type Counts = Pick<MaintenanceProgress, 'moved' | 'total' | 'blocked' | 'leavingWithOwnMove'>;

/**
 * "; 5 more leaving with the failback of H2": the VMs the host also waits for, which a move other
 * than its evacuation takes away (new-user review 16, 7); empty when there are none.
 */
function leavingWords(leaving: Counts['leavingWithOwnMove']): string {
  const n = leaving?.length ?? 0;
  if (n === 0) return '';
  const homes = new Set(leaving?.map((vm) => vm.withFailbackOf));
  const [home] = homes;
  const move = homes.size === 1 && home ? `the failback of ${home}` : agrees(n, 'its own move', 'their own moves');
  return `; ${n} more leaving with ${move}`;
}

/**
 * The panel's line on an evacuation, in the status bar's words: once every move has ended with VMs
 * that cannot move, it "cannot finish entering maintenance" (new-user review, finding B), not
 * "Entering…" beside a full bar.
 */
export function evacuationWords(stage: Stage, p: Counts | null): string {
  if (stage === 'on') return 'In maintenance: no VM runs on this host.';
  const moved = `(${p?.moved ?? 0} of ${p?.total ?? 0} moved${leavingWords(p?.leavingWithOwnMove)})`;
  if (stage !== 'cannot-finish') return `Entering maintenance ${moved}`;
  const n = p?.blocked.length ?? 0;
  return `Cannot finish entering maintenance ${moved}: ${counted(n, 'VM')} cannot move; handle ${agrees(n, 'it', 'them')} below to finish`;
}

/** What the evacuation's bar says to a screen reader: a full bar is not a finished maintenance. */
export function evacuationBarText(stage: Stage, p: Counts): string {
  const moved = `${p.moved} of ${p.total} moved${leavingWords(p.leavingWithOwnMove)}`;
  return stage === 'cannot-finish' ? `${moved}; cannot finish: ${counted(p.blocked.length, 'VM')} cannot move` : moved;
}
