import type { MigrationOptions } from '../../../shared/model/migration';
import { rate } from '../planning/precheck-words';
import { PhaseError } from './errors';

/**
 * The copy outlasted its give-up limit. The way out names what this move's own options held it to:
 * "Allow post-copy or auto-converge" beside both already on, with a 20 MiB/s bandwidth limit and
 * 1 s per GiB unnamed, sent the admin nowhere (new-user review 16, 3).
 */
export function completionTimeout(options: MigrationOptions, budgetMs: number): PhaseError {
  const policy = options.convergence;
  const ways = [
    ...(options.bandwidthLimitBps === null ? [] : [`raise its bandwidth limit (${rate(options.bandwidthLimitBps)})`]),
    `raise "Give up after" (${policy.completionTimeoutSecPerGiB} s per GiB)`,
    ...(policy.allowPostCopy ? [] : ['allow post-copy']),
    ...(policy.autoConverge ? [] : ['allow auto-converge']),
    'or migrate when the guest is less busy',
  ];
  const hint = ways.join(', ');
  return new PhaseError(
    'COMPLETION_TIMEOUT',
    `the memory copy did not converge within ${Math.round(budgetMs / 1000)} s, its limit of ${policy.completionTimeoutSecPerGiB} s per GiB of memory`,
    `${hint.charAt(0).toUpperCase()}${hint.slice(1)}.`,
  );
}
