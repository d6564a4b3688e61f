import type { Task } from '../../../../shared/model/migration';

/**
 * What a move whose cancel was asked for is doing, while the engine gets to its next safe point: the State read
 * "Running Copying memory, pass 1" as its progress kept rising, and only the Cancel column said "Cancelling…"
 * (new-user review 9, 2). Null when no cancel is pending.
 */
export function cancellingWords(task: Task, hostName: (id: string) => string): { phase: string; title: string } | null {
  if (!task.cancelRequested || (task.state !== 'running' && task.state !== 'queued')) return null;
  const source = hostName(task.sourceHostId);
  if (task.state === 'queued')
    return { phase: `will not start, stays on ${source}`, title: `Cancelling: the move will not start; the VM stays on ${source}` };
  return {
    phase: `rolling back to ${source}`,
    title: `Cancelling: the migration is rolled back at its next safe point (the copy may run on until then); the VM stays on ${source}`,
  };
}
