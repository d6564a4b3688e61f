import { defaultConvergencePolicy, type Priority } from '../../shared/model/migration';
import { PrecheckCode } from '../../shared/model/precheck';
import type { MigrationRequest } from '../../shared/model/schedule';

/**
 * A move Ferry asks for on an admin's behalf (maintenance, balancing): default
 * convergence, no bandwidth cap, and every warning acknowledged since no one is there to read
 * them; the engine's prechecks still refuse what cannot work.
 */
export function automatedMove(
  vmId: string,
  destHostId: string,
  priority: Priority,
  destDatastoreId: string | null = null,
): MigrationRequest {
  return {
    vmIds: [vmId],
    destHostId,
    // With a datastore, memory and disks move together (shared-nothing; cold for a powered-off VM).
    type: destDatastoreId ? 'both' : 'compute',
    destDatastoreId,
    priority,
    options: { bandwidthLimitBps: null, convergence: defaultConvergencePolicy },
    acknowledgedWarnings: PrecheckCode.options,
  };
}
