import { defaultConvergencePolicy, type MigrationOptions, type MigrationType, type Priority } from '../../../../shared/model/migration';
import type { PrecheckCode } from '../../../../shared/model/precheck';

export type ScheduleChoice =
  | { kind: 'now' }
  /** `wall`: the zone's wall-clock time as typed ("2026-11-27T02:00"), which a change of zone keeps; `at` is the instant it means. */
  | { kind: 'once'; at: string; timezone: string; wall?: string }
  | { kind: 'recurring'; cron: string; timezone: string };

export const localTimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export interface WizardState {
  vmIds: string[];
  type: MigrationType;
  destHostId: string | null;
  /** Per-VM destinations of a compute batch that differ from destHostId. */
  vmDestinations: Record<string, string>;
  destDatastoreId: string | null;
  /** Per-VM datastores of a batch whose disks move that differ from destDatastoreId: each a store its own (destination) host reaches. */
  vmDatastores: Record<string, string>;
  priority: Priority;
  options: MigrationOptions;
  acknowledged: PrecheckCode[];
  schedule: ScheduleChoice;
  windowMinutes: number | null;
  graceMinutes: number;
  name: string;
}

/** Where each VM goes: its own destination when the admin gave one, else the batch's. */
export function destinationOf(state: WizardState, vmId: string): string | null {
  if (state.type === 'storage') return null;
  return state.vmDestinations[vmId] ?? state.destHostId;
}

/** Where each VM's disks go: its own datastore when the admin gave one, else the batch's; null when they stay. */
export function datastoreOf(state: WizardState, vmId: string): string | null {
  if (state.type === 'compute') return null;
  return state.vmDatastores[vmId] ?? state.destDatastoreId;
}

/** Whether every VM whose disks move has a datastore, its own or the batch's (compute-only: none needed). */
export function everyVmHasDatastore(state: WizardState): boolean {
  return state.type === 'compute' || state.vmIds.every((id) => datastoreOf(state, id) !== null);
}

/** `overrides` without `vmId`, or with it set to `value` unless that is the batch's own (null: the batch's). */
function withOverride(overrides: Record<string, string>, vmId: string, value: string | null, batchValue: string | null) {
  const { [vmId]: _previous, ...others } = overrides;
  return value === null || value === batchValue ? others : { ...others, [vmId]: value };
}

/** Only the overrides of VMs still in the batch. */
const keptFor = (overrides: Record<string, string>, vmIds: readonly string[]) =>
  Object.fromEntries(Object.entries(overrides).filter(([vmId]) => vmIds.includes(vmId)));

export const steps = [
  'Virtual machines',
  'Migration type',
  'Destination',
  'Datastore',
  'Network',
  'Priority and options',
  'Schedule',
  'Ready to complete',
] as const;
export const readyStep = steps.length - 1;

export function initialWizardState(
  vmIds: string[],
  destHostId: string | null = null,
  type: MigrationType = 'compute',
  scheduled = false,
): WizardState {
  return {
    vmIds,
    type,
    destHostId,
    vmDestinations: {},
    destDatastoreId: null,
    vmDatastores: {},
    priority: 'default',
    options: { bandwidthLimitBps: null, convergence: { ...defaultConvergencePolicy } },
    acknowledged: [],
    schedule: scheduled ? { kind: 'once', at: new Date(Date.now() + 3600_000).toISOString(), timezone: localTimeZone } : { kind: 'now' },
    windowMinutes: null,
    graceMinutes: 15,
    name: '',
  };
}

export type WizardAction =
  | { kind: 'vms'; vmIds: string[] }
  | { kind: 'type'; type: MigrationType }
  | { kind: 'destination'; hostId: string | null }
  | { kind: 'vmDestination'; vmId: string; hostId: string | null }
  | { kind: 'datastore'; datastoreId: string | null }
  | { kind: 'vmDatastore'; vmId: string; datastoreId: string | null }
  | { kind: 'acknowledge'; code: PrecheckCode; on: boolean }
  | { kind: 'priority'; priority: Priority }
  | { kind: 'options'; options: MigrationOptions }
  | { kind: 'schedule'; schedule: ScheduleChoice }
  | { kind: 'window'; windowMinutes: number | null; graceMinutes: number; name: string };

/**
 * Changing what moves or where resets what depended on it (acknowledged warnings, datastores): a VM's
 * own datastore is one its host reaches, so a new destination or type drops them all. A datastore
 * keeps the warnings acknowledged on Destination: they were unticked where no checkbox shows them
 * (new-user review 14, 1); a new warning it brings is a new code, still to be acknowledged.
 */
export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  switch (action.kind) {
    case 'vms':
      return {
        ...state,
        vmIds: action.vmIds,
        vmDestinations: keptFor(state.vmDestinations, action.vmIds),
        vmDatastores: keptFor(state.vmDatastores, action.vmIds),
        acknowledged: [],
      };
    case 'vmDestination': {
      const { [action.vmId]: _datastore, ...otherDatastores } = state.vmDatastores;
      return {
        ...state,
        vmDestinations: withOverride(state.vmDestinations, action.vmId, action.hostId, state.destHostId),
        vmDatastores: otherDatastores,
        acknowledged: [],
      };
    }
    case 'type':
      return {
        ...state,
        type: action.type,
        destDatastoreId: null,
        vmDatastores: {},
        acknowledged: [],
        destHostId: action.type === 'storage' ? null : state.destHostId,
        vmDestinations: action.type === 'compute' ? state.vmDestinations : {},
      };
    case 'destination':
      return { ...state, destHostId: action.hostId, destDatastoreId: null, vmDatastores: {}, acknowledged: [] };
    case 'datastore': {
      // A VM given the store the batch now takes goes with the batch again.
      const differing = Object.entries(state.vmDatastores).filter(([, id]) => id !== action.datastoreId);
      return { ...state, destDatastoreId: action.datastoreId, vmDatastores: Object.fromEntries(differing) };
    }
    case 'vmDatastore':
      return {
        ...state,
        vmDatastores: withOverride(state.vmDatastores, action.vmId, action.datastoreId, state.destDatastoreId),
      };
    case 'acknowledge':
      return {
        ...state,
        acknowledged: action.on ? [...new Set([...state.acknowledged, action.code])] : state.acknowledged.filter((c) => c !== action.code),
      };
    case 'priority':
      return { ...state, priority: action.priority };
    case 'options':
      return { ...state, options: action.options };
    case 'schedule':
      return { ...state, schedule: action.schedule };
    case 'window':
      return { ...state, windowMinutes: action.windowMinutes, graceMinutes: action.graceMinutes, name: action.name };
  }
}
