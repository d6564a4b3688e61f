import type { MaintenanceProgress } from '../../../../shared/model/operations';
import { agrees, counted } from '../../components/plural';

type Stage = MaintenanceProgress['stage'];

/**
 * The panel's line on an evacuation, in the status bar's words: once every move has ended with VMs
 * that cannot move, it "cannot finish entering maintenance" (new-user review, finding B), not
 * "Entering…" beside a full bar.
 */
export function evacuationWords(stage: Stage, p: Pick<MaintenanceProgress, 'moved' | 'total' | 'blocked'> | null): string {
  if (stage === 'on') return 'In maintenance: no VM runs on this host.';
  const moved = `(${p?.moved ?? 0} of ${p?.total ?? 0} moved)`;
  if (stage !== 'cannot-finish') return `Entering maintenance ${moved}`;
  const n = p?.blocked.length ?? 0;
  return `Cannot finish entering maintenance ${moved}: ${counted(n, 'VM')} cannot move; handle ${agrees(n, 'it', 'them')} below to finish`;
}

/** What the evacuation's bar says to a screen reader: a full bar is not a finished maintenance. */
export function evacuationBarText(stage: Stage, p: Pick<MaintenanceProgress, 'moved' | 'total' | 'blocked'>): string {
  const moved = `${p.moved} of ${p.total} moved`;
  return stage === 'cannot-finish' ? `${moved}; cannot finish: ${counted(p.blocked.length, 'VM')} cannot move` : moved;
}
