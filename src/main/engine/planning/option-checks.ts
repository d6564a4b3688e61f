import { formatDuration } from '../../../shared/model/duration';
import type { Vm } from '../../../shared/model/inventory';
import type { MigrationOptions, Prediction } from '../../../shared/model/migration';
import type { PrecheckResult } from '../../../shared/model/precheck';
import { paceWords, rate } from './precheck-words';

/**
 * What a move's own options do to it, beside what the hosts allow (prechecks.ts): a bandwidth limit
 * the guest dirties memory faster than, or a copy longer than its give-up limit. Ready to complete
 * said "Ready" beside its own "does not finish", and a 28-minute prediction rolled back after 8 s
 * (new-user review 16, 1 and 2). `linkWarned`: the hosts' link alone already gave WILL_NOT_CONVERGE.
 */
export function optionChecks(vm: Vm, options: MigrationOptions, prediction: Prediction, linkWarned: boolean): PrecheckResult[] {
  const results: PrecheckResult[] = [];
  const limit = options.bandwidthLimitBps;
  if (!linkWarned && limit !== null && vm.dirtyRateBps >= limit * 0.8)
    results.push({
      code: 'WILL_NOT_CONVERGE',
      severity: 'warning',
      message: `${vm.name} dirties memory at ${rate(vm.dirtyRateBps)}, ${paceWords(vm.dirtyRateBps, limit)} its bandwidth limit lets through (${rate(limit)}).`,
      hint: 'Raise or lift the bandwidth limit (Priority and options); else Ferry raises the downtime limit, throttles the guest and switches to post-copy where the policy allows.',
    });
  const copyMs = prediction.givesUp?.copyMs;
  if (copyMs !== undefined && copyMs !== null) {
    const perGiB = options.convergence.completionTimeoutSecPerGiB;
    const gib = Math.max(1, Math.round(vm.memoryBytes / 1024 ** 3));
    results.push({
      code: 'WILL_TIME_OUT',
      severity: 'warning',
      message: `${vm.name}'s memory copy needs about ${formatDuration(copyMs)}; it gives up after ${formatDuration(perGiB * gib * 1000)} (${perGiB} s per GiB of its ${gib} GiB) and rolls back.`,
      hint: `Raise "Give up after" to at least ${Math.ceil(copyMs / 1000 / gib)} s per GiB${limit === null ? '' : ', or raise the bandwidth limit'}, or migrate when the guest is less busy.`,
    });
  }
  return results;
}
