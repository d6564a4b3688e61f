import { FerryError } from '../../../shared/api/errors';
import type { Vm } from '../../../shared/model/inventory';
import type { PrecheckResult } from '../../../shared/model/precheck';
import type { MigrationRequest } from '../../../shared/model/schedule';
import { blocking, warnings } from './prechecks';

export interface VmChecks {
  vmId: string;
  results: PrecheckResult[];
}

/** What the checks take: where the VMs go, and the move's options when known (the wizard's from its Options step, a request's). */
export type CheckedRequest = Pick<MigrationRequest, 'vmIds' | 'destHostId' | 'type' | 'destDatastoreId'> &
  Partial<Pick<MigrationRequest, 'options'>>;

/** What a request is checked against: the VMs, which of them already move, and each VM's prechecks. */
export interface RequestFacts {
  vmOf(vmId: string): Vm;
  isMigrating(vmId: string): boolean;
  checks(request: MigrationRequest): VmChecks[];
}

/** The request's VMs, once it may be queued: a destination, none of them moving, prechecks passed and warnings acknowledged. */
export function validatedVms(request: MigrationRequest, facts: RequestFacts): Vm[] {
  const vms = request.vmIds.map((id) => facts.vmOf(id));
  if (request.type !== 'storage' && !request.destHostId) throw new FerryError('VALIDATION_FAILED', 'a destination host is required');
  if (request.type !== 'compute' && !request.destDatastoreId)
    throw new FerryError('VALIDATION_FAILED', 'a destination datastore is required when disks move');
  const migrating = vms.filter((vm) => facts.isMigrating(vm.id));
  if (migrating.length > 0)
    throw new FerryError(
      'MIGRATION_IN_PROGRESS',
      `${migrating.map((v) => v.name).join(', ')} already ${migrating.length > 1 ? 'have' : 'has'} a migration queued or running`,
    );
  const checks = facts.checks(request);
  const errors = checks.filter((c) => blocking(c.results).length > 0);
  if (errors.length > 0)
    throw new FerryError('PRECHECK_FAILED', `prechecks block ${errors.length} of ${vms.length} VMs`, { checks: errors });
  const unacknowledged = checks
    .map((c) => ({ vmId: c.vmId, results: warnings(c.results).filter((w) => !request.acknowledgedWarnings.includes(w.code)) }))
    .filter((c) => c.results.length > 0);
  if (unacknowledged.length > 0)
    throw new FerryError('WARNINGS_NOT_ACKNOWLEDGED', 'some warnings need acknowledgement', { checks: unacknowledged });
  return vms;
}
