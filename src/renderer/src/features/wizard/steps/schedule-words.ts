import { describeRecurring } from '../../../components/describe-cron';
import { counted } from '../../../components/plural';
import { formatFullInZone } from '../../../components/zone-time';
import type { WizardState } from '../wizard-state';

/**
 * A scheduled migration as Ready to complete ends: its name, when it runs in words (the row above reads the cron so;
 * the raw "30 2 * * 1-5" beside it read as another schedule), its window and its grace (new-user review 9, 6).
 * Null for a migration that starts now.
 */
export function scheduleWords(state: WizardState): string | null {
  const s = state.schedule;
  if (s.kind === 'now') return null;
  const name = state.name.trim();
  const saved = name ? `Saved as the schedule "${name}"` : 'Saved as a schedule named after its VMs';
  const minutes = (n: number) => counted(n, 'minute');
  if (s.kind === 'once') {
    const window = state.windowMinutes
      ? `it is rolled back if it has not switched over within ${minutes(state.windowMinutes)}`
      : 'it has no time limit to switch over';
    const grace = state.graceMinutes
      ? `if missed while Ferry was not running, it still starts up to ${minutes(state.graceMinutes)} late`
      : 'if missed while Ferry was not running, it is skipped';
    return `${saved}, it starts at ${formatFullInZone(s.at, s.timezone)}; ${window}; ${grace}.`;
  }
  const window = state.windowMinutes
    ? `each run is rolled back if it has not switched over within ${minutes(state.windowMinutes)}`
    : 'a run has no time limit to switch over';
  const grace = state.graceMinutes
    ? `a run missed while Ferry was not running still starts up to ${minutes(state.graceMinutes)} late`
    : 'a run missed while Ferry was not running is skipped';
  return `${saved}, it runs ${describeRecurring(s.cron, s.timezone)}; ${window}; ${grace}.`;
}
