import type { Host, Vm } from '../../shared/model/inventory';
import type { PlannedMove } from '../../shared/model/operations';
import type { PrecheckResult } from '../../shared/model/precheck';

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
export function crowdedLinkWarning(move: PlannedMove, endedBy: string | null): PlannedMove {
  const alreadyWarned = move.warnings?.some((w) => w.code === 'WILL_NOT_CONVERGE') ?? false;
  if (alreadyWarned || (endedBy !== 'auto-converge' && endedBy !== 'post-copy')) return move;
  const warning: PrecheckResult = {
    code: 'WILL_NOT_CONVERGE',
    severity: 'warning',
    message: `${move.vmName} dirties memory faster than its share of the link copies it while the plan's other moves share the link: it may need throttling (auto-converge) or post-copy to finish`,
    hint: 'Ferry will raise the downtime limit, throttle the guest (auto-converge) and switch to post-copy if the policy allows; moving it on its own avoids that.',
  };
  return { ...move, warnings: [...(move.warnings ?? []), warning] };
}
