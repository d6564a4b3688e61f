import type { Host, Vm } from '../../shared/model/inventory';
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
