import type { FaultRuleInput } from '../../src/shared/model/faults';
import type { TaskState } from '../../src/shared/model/migration';
import type { MigrationRequest } from '../../src/shared/model/schedule';

export interface MigrationCase {
  /** <vm-state>_<feature>_<failure> */
  name: string;
  preset?: 'tiny' | 'demo';
  request: Partial<MigrationRequest> & Pick<MigrationRequest, 'vmIds'>;
  faults?: FaultRuleInput[];
  /** Cancel once the task reaches this phase. */
  cancelAt?: 'storage' | 'memory';
  state: TaskState;
  errorCode?: string;
  /** Where the VM must run at the end, and on which datastore its disks must be. */
  runsOn: string;
  disksOn?: string;
  problems?: boolean;
  /** Power these VMs off before the request: they move cold and must end up registered, still off. */
  poweredOff?: string[];
  /** A paused copy a failed cleanup left behind (reported as a problem, never resumed). */
  pausedLeftoverOn?: string[];
}

const vm0 = 'DC0_C0_H0_VM0';
const localVm = 'DC0_C0_H0_VM1';
const sharedNothing: MigrationCase['request'] = { vmIds: [localVm], type: 'both', destDatastoreId: 'DC0_C0_H1_DS0' };
const storageOnly: MigrationCase['request'] = { vmIds: [localVm], type: 'storage', destHostId: null, destDatastoreId: 'DC0_C0_DS0' };

/** Every phase with and without a failure, and where the VM must end up (Proxmox's migrate tests in spirit). */
export const migrationCases: MigrationCase[] = [
  { name: 'running_compute_none', request: { vmIds: [vm0] }, state: 'completed', runsOn: 'DC0_C0_H1' },
  {
    name: 'running_compute_reserveFails',
    request: { vmIds: [vm0] },
    faults: [{ operation: 'destination.reserve' }],
    state: 'aborted',
    errorCode: 'DESTINATION_FAILED',
    runsOn: 'DC0_C0_H0',
  },
  {
    name: 'running_compute_startFails',
    request: { vmIds: [vm0] },
    faults: [{ operation: 'migration.start' }],
    state: 'aborted',
    errorCode: 'OPERATION_FAILED',
    runsOn: 'DC0_C0_H0',
  },
  {
    name: 'running_compute_memoryCopyFails',
    request: { vmIds: [vm0] },
    faults: [{ operation: 'memory.copy', delayMs: 800 }],
    state: 'aborted',
    errorCode: 'MEMORY_COPY_FAILED',
    runsOn: 'DC0_C0_H0',
  },
  {
    name: 'running_compute_linkCut',
    request: { vmIds: [vm0] },
    faults: [{ operation: 'link.cut', delayMs: 1500 }],
    state: 'aborted',
    errorCode: 'LINK_DOWN',
    runsOn: 'DC0_C0_H0',
  },
  {
    name: 'running_compute_switchoverFails',
    request: { vmIds: [vm0] },
    faults: [{ operation: 'switchover' }],
    state: 'aborted',
    errorCode: 'SWITCHOVER_FAILED',
    runsOn: 'DC0_C0_H0',
  },
  {
    name: 'running_compute_guestCrashesOnDestination',
    request: { vmIds: [vm0] },
    faults: [{ operation: 'guest.crash' }],
    state: 'aborted',
    errorCode: 'GUEST_NOT_ALIVE',
    runsOn: 'DC0_C0_H0',
  },
  {
    name: 'running_compute_destinationHostFails',
    request: { vmIds: [vm0] },
    faults: [{ operation: 'host.fail', target: 'DC0_C0_H1', delayMs: 1200 }],
    state: 'aborted',
    errorCode: 'LINK_DOWN',
    runsOn: 'DC0_C0_H0',
  },
  {
    name: 'running_compute_sourceCleanupFails',
    request: { vmIds: [vm0] },
    faults: [{ operation: 'commit' }],
    state: 'completed_with_problems',
    runsOn: 'DC0_C0_H1',
    problems: true,
    pausedLeftoverOn: ['DC0_C0_H0'],
  },
  {
    name: 'running_compute_rollbackCleanupFails',
    request: { vmIds: [vm0] },
    faults: [{ operation: 'memory.copy', delayMs: 500 }, { operation: 'rollback' }],
    state: 'aborted',
    errorCode: 'MEMORY_COPY_FAILED',
    runsOn: 'DC0_C0_H0',
    problems: true,
  },
  {
    name: 'running_compute_cancelled',
    request: {
      vmIds: [vm0],
      options: {
        bandwidthLimitBps: 64 * 1024 ** 2,
        convergence: {
          maxDowntimeMs: 300,
          downtimeRampMaxMs: 1000,
          autoConverge: true,
          allowPostCopy: true,
          completionTimeoutSecPerGiB: 60,
          progressTimeoutSec: 30,
        },
      },
    },
    cancelAt: 'memory',
    state: 'aborted',
    errorCode: 'CANCELLED',
    runsOn: 'DC0_C0_H0',
  },
  { name: 'running_sharedNothing_none', request: sharedNothing, state: 'completed', runsOn: 'DC0_C0_H1', disksOn: 'DC0_C0_H1_DS0' },
  {
    name: 'running_sharedNothing_storageCopyFails',
    request: sharedNothing,
    faults: [{ operation: 'storage.copy', delayMs: 1000 }],
    state: 'aborted',
    errorCode: 'STORAGE_COPY_FAILED',
    runsOn: 'DC0_C0_H0',
    disksOn: 'DC0_C0_H0_DS0',
  },
  {
    name: 'running_sharedNothing_cancelledDuringStorage',
    request: sharedNothing,
    cancelAt: 'storage',
    state: 'aborted',
    errorCode: 'CANCELLED',
    runsOn: 'DC0_C0_H0',
    disksOn: 'DC0_C0_H0_DS0',
  },
  { name: 'running_storageOnly_none', request: storageOnly, state: 'completed', runsOn: 'DC0_C0_H0', disksOn: 'DC0_C0_DS0' },
  {
    name: 'running_storageOnly_storageCopyFails',
    request: storageOnly,
    faults: [{ operation: 'storage.copy', delayMs: 1000 }],
    state: 'aborted',
    errorCode: 'STORAGE_COPY_FAILED',
    runsOn: 'DC0_C0_H0',
    disksOn: 'DC0_C0_H0_DS0',
  },
  // Powered-off guests move cold: re-registered on the destination, disks copied when they move.
  {
    name: 'off_cold_none',
    request: { vmIds: [vm0], acknowledgedWarnings: ['VM_POWERED_OFF'] },
    poweredOff: [vm0],
    state: 'completed',
    runsOn: 'DC0_C0_H1',
  },
  {
    name: 'off_cold_startFails',
    request: { vmIds: [vm0], acknowledgedWarnings: ['VM_POWERED_OFF'] },
    poweredOff: [vm0],
    faults: [{ operation: 'migration.start' }],
    state: 'aborted',
    errorCode: 'OPERATION_FAILED',
    runsOn: 'DC0_C0_H0',
  },
  {
    name: 'off_cold_registerFails',
    request: { vmIds: [vm0], acknowledgedWarnings: ['VM_POWERED_OFF'] },
    poweredOff: [vm0],
    faults: [{ operation: 'switchover' }],
    state: 'aborted',
    errorCode: 'SWITCHOVER_FAILED',
    runsOn: 'DC0_C0_H0',
  },
  {
    name: 'off_cold_sourceCleanupFails',
    request: { vmIds: [vm0], acknowledgedWarnings: ['VM_POWERED_OFF'] },
    poweredOff: [vm0],
    faults: [{ operation: 'commit' }],
    state: 'completed_with_problems',
    runsOn: 'DC0_C0_H1',
    problems: true,
  },
  {
    name: 'off_coldSharedNothing_none',
    request: { ...sharedNothing, acknowledgedWarnings: ['VM_POWERED_OFF'] },
    poweredOff: [localVm],
    state: 'completed',
    runsOn: 'DC0_C0_H1',
    disksOn: 'DC0_C0_H1_DS0',
  },
  {
    name: 'off_coldSharedNothing_storageCopyFails',
    request: { ...sharedNothing, acknowledgedWarnings: ['VM_POWERED_OFF'] },
    poweredOff: [localVm],
    faults: [{ operation: 'storage.copy', delayMs: 1000 }],
    state: 'aborted',
    errorCode: 'STORAGE_COPY_FAILED',
    runsOn: 'DC0_C0_H0',
    disksOn: 'DC0_C0_H0_DS0',
  },
  {
    name: 'off_coldStorageOnly_none',
    request: { ...storageOnly, acknowledgedWarnings: ['VM_POWERED_OFF'] },
    poweredOff: [localVm],
    state: 'completed',
    runsOn: 'DC0_C0_H0',
    disksOn: 'DC0_C0_DS0',
  },
  // The demo guest that dirties memory faster than its link: the default policy still moves it.
  {
    name: 'hot_compute_none',
    preset: 'demo',
    request: { vmIds: ['DC0_C0_H0_VM3'], destHostId: 'DC0_C0_H1', acknowledgedWarnings: ['WILL_NOT_CONVERGE'] },
    state: 'completed',
    runsOn: 'DC0_C0_H1',
  },
];
