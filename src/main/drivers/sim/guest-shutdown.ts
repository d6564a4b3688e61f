// A simulated guest asked to shut down, as real ones behave: it takes a few seconds of its own
// (more for a larger guest), ignores the request when its kernel died or a guest.shutdown rule
// says so, and is off once that time has passed, unless the caller stopped waiting first.

import type { FaultRule } from '../../../shared/model/faults';
import type { SimVm } from './state';

const GiB = 1024 ** 3;

/** How long the guest takes to shut down, in sim time; Infinity when it never will. */
export function shutdownTakesMs(vm: SimVm, rule: FaultRule | null): number {
  if (vm.crashed || rule?.fail) return Number.POSITIVE_INFINITY;
  const own = Math.min(20_000, 3_000 + (vm.memoryBytes / (4 * GiB)) * 1_000);
  return own + (rule?.delayMs ?? 0);
}
