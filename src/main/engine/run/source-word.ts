// The guest's word before the move (its boot id, its agent's clock), the yardstick of the
// verification after it. Asking it takes a guest a moment (a TCG lab guest about 350 ms), so it
// is asked as the migration prepares and read once the hypervisor's job has started: the prechecks,
// the reservation and libvirt's own setup run meanwhile. An answer counts as "before the move"
// only if the source still runs the guest AFTER it came (the source pauses at the switchover, before
// the destination resumes): a word that may have come from the destination vouches for nothing.

import type { ProbeResult } from '../../drivers/driver';
import { untilAnswered } from './contact';
import { HaltSignal } from './errors';
import type { RunContext } from './run-context';

interface Asked {
  answer: ProbeResult | null;
  atMs: number;
}

const asking = new WeakMap<RunContext, Promise<Asked>>();

/** Asks the guest on its source, in the background. */
export function askSourceWord(ctx: RunContext): void {
  const asked = untilAnswered(ctx, () => ctx.driver.probeVm(ctx.spec.vmId, ctx.spec.sourceHostId)).then(
    (answer) => ({ answer, atMs: ctx.clock.now() }),
    () => ({ answer: null, atMs: ctx.clock.now() }),
  );
  asking.set(ctx, asked);
}

/** Records the word asked for by askSourceWord, once (nothing when this run did not ask: a resumed run). */
export async function recordSourceWord(ctx: RunContext): Promise<void> {
  const asked = asking.get(ctx);
  if (!asked) return;
  asking.delete(ctx);
  const { answer, atMs } = await asked;
  const alive = answer?.alive && (await stillOnSource(ctx)) ? answer : null;
  ctx.board.update(ctx.taskId, {
    sourceBootId: alive?.bootId ?? null,
    sourceAgentClock: alive && alive.guestClockMs !== null ? { guestMs: alive.guestClockMs, hostMs: atMs } : null,
  });
}

/** The guest runs, unpaused, on its source now: so it did when it answered. */
async function stillOnSource(ctx: RunContext): Promise<boolean> {
  try {
    const placements = await untilAnswered(ctx, () => ctx.driver.locateVm(ctx.spec.vmId));
    return placements.some((p) => p.hostId === ctx.spec.sourceHostId && p.power === 'running' && p.copy === 'whole');
  } catch (error) {
    if (error instanceof HaltSignal) throw error;
    return false;
  }
}
