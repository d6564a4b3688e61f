import { formatDuration } from '../../components/format';
import { agrees, counted } from '../../components/plural';

/** When a planned move starts and ends, from the plan's start: words where a figure would read "+0 ms". */
export const startWords = (ms: number): string => (ms < 1000 ? 'at once' : `+${formatDuration(ms)}`);
export const endWords = (ms: number): string => (ms < 1000 ? 'within a second' : `+${formatDuration(ms)}`);

/** The failback plan's summary, its verb agreeing with its count ("1 VM … goes back": new-user review 9, 5). */
export const failbackWords = (moves: number, makespanMs: number): string =>
  `${counted(moves, 'VM')} that maintenance moved ${agrees(moves, 'goes', 'go')} back, mission-critical first: about ${formatDuration(makespanMs)} in all.`;
