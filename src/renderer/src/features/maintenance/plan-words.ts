import { formatDuration } from '../../components/format';

/** When a planned move starts and ends, from the plan's start: words where a figure would read "+0 ms". */
export const startWords = (ms: number): string => (ms < 1000 ? 'at once' : `+${formatDuration(ms)}`);
export const endWords = (ms: number): string => (ms < 1000 ? 'within a second' : `+${formatDuration(ms)}`);
