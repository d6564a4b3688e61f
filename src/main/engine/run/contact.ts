import type { WaitReason } from '../../../shared/model/migration';
import { sleep } from '../../base/clock/clock';
import { DriverError } from '../../drivers/driver';
import { HaltSignal } from './errors';
import { taskOf, type RunContext } from './run-context';

/** Losing a host is not an answer: nothing may be decided from it. */
export const isUnreachable = (error: unknown): boolean =>
  error instanceof DriverError && (error.code === 'HOST_UNREACHABLE' || error.code === 'LINK_DOWN');

const retryMs = (attempt: number): number => Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));

/** The host of this migration that is not connected, as the task's wait reason names it. */
function unreachableHost(ctx: RunContext): WaitReason {
  const task = taskOf(ctx);
  const hosts = [task.sourceHostId, task.destHostId].map((id) => ctx.view.host(id) ?? { id, name: id, connection: 'unknown' });
  const host = hosts.find((h) => h.connection !== 'connected') ?? hosts[0];
  return { kind: 'unreachable', resourceId: host?.id ?? '', resourceName: host?.name ?? '', used: 0, cap: 0, cost: 0 };
}

/**
 * Asks until a host answers: a migration whose hosts do not answer waits, showing which host, and
 * decides only from an answer (reconnect, then ask the hypervisor about its job). Ferry stopping
 * ends the wait without a decision; the next start asks again.
 */
export async function untilAnswered<T>(ctx: RunContext, ask: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    if (ctx.halted()) throw new HaltSignal();
    try {
      const answer = await ask();
      if (taskOf(ctx).waitingFor?.kind === 'unreachable') ctx.board.update(ctx.taskId, { waitingFor: null });
      return answer;
    } catch (error) {
      if (!isUnreachable(error)) throw error;
      const waiting = unreachableHost(ctx);
      if (taskOf(ctx).waitingFor?.resourceId !== waiting.resourceId) ctx.board.update(ctx.taskId, { waitingFor: waiting });
      await sleep(ctx.clock, retryMs(attempt));
    }
  }
}
