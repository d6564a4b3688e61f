import type { Host, Vm } from '../../shared/model/inventory';
import type { PlannedMove } from '../../shared/model/operations';
import type { PrecheckResult } from '../../shared/model/precheck';
import { rate } from '../engine/planning/precheck-words';
import type { MoveCopy } from './move-copy';

/**
 * The prechecks' warnings an evacuation plan shows beside a move: the engine's own convergence
 * check (the wizard's WILL_NOT_CONVERGE), its words naming the host at the far end of the link,
 * since a plan lists many links (new-user review 12, 12b). The other warnings are the planner's to
 * weigh when it picks the host, not the admin's.
 */
export function warningsForPlan(vm: Vm, dest: Host, checks: readonly PrecheckResult[]): PrecheckResult[] {
  return checks
    .filter((c) => c.code === 'WILL_NOT_CONVERGE')
    .map((c) => ({
      ...c,
      message: `${vm.name} dirties memory about as fast as the link to ${dest.name} can copy it, or faster: it may need throttling (auto-converge) or post-copy to finish`,
    }));
}

/**
 * A move the plan's own replay ends by throttling or post-copy, at the share of the link the plan's
 * other moves leave it, warned of as the prechecks warn of a guest that outruns the whole link: the
 * prechecks judge each move alone (review 12, 12b).
 */
export function crowdedLinkWarning(
  move: PlannedMove,
  copy: Pick<MoveCopy, 'endedBy' | 'policyRateBps'> | null,
  dirtyRateBps: number,
): PlannedMove {
  const alreadyWarned = move.warnings?.some((w) => w.code === 'WILL_NOT_CONVERGE') ?? false;
  const endedBy = copy?.endedBy ?? null;
  if (alreadyWarned || (endedBy !== 'auto-converge' && endedBy !== 'post-copy')) return move;
  // Its figures, as the wizard's words give them, and a way out the admin can take (new-user review 14, 12).
  const shareBps = copy?.policyRateBps ?? 0;
  const pace = dirtyRateBps > shareBps * 1.1 ? 'faster than' : 'about as fast as';
  const warning: PrecheckResult = {
    code: 'WILL_NOT_CONVERGE',
    severity: 'warning',
    message: `${move.vmName} dirties memory at ${rate(dirtyRateBps)}, ${pace} the ${rate(shareBps)} its share of the link gets while the plan's other moves run beside it: it may need throttling (auto-converge) or post-copy to finish`,
    hint: 'Ferry will raise the downtime limit, throttle the guest (auto-converge) and switch to post-copy if the policy allows. To avoid that, move it on its own before entering maintenance (Migrate… from its menu).',
  };
  return { ...move, warnings: [...(move.warnings ?? []), warning] };
}
