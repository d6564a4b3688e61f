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
  | { kind: 'acknowledge'; code: PrecheckCode; on: boolean }
  | { kind: 'priority'; priority: Priority }
  | { kind: 'options'; options: MigrationOptions }
  | { kind: 'schedule'; schedule: ScheduleChoice }
  | { kind: 'window'; windowMinutes: number | null; graceMinutes: number; name: string };

/** Changing what moves or where resets what depended on it (acknowledged warnings, datastore). */
export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  switch (action.kind) {
    case 'vms':
      return { ...state, vmIds: action.vmIds, acknowledged: [] };
    case 'vmDestination': {
      const { [action.vmId]: _previous, ...others } = state.vmDestinations;
      const same = action.hostId === null || action.hostId === state.destHostId;
      return { ...state, vmDestinations: same ? others : { ...others, [action.vmId]: action.hostId as string }, acknowledged: [] };
    }
    case 'type':
      return {
        ...state,
        type: action.type,
        destDatastoreId: null,
        acknowledged: [],
        destHostId: action.type === 'storage' ? null : state.destHostId,
        vmDestinations: action.type === 'compute' ? state.vmDestinations : {},
      };
    case 'destination':
      return { ...state, destHostId: action.hostId, destDatastoreId: null, acknowledged: [] };
    case 'datastore':
      return { ...state, destDatastoreId: action.datastoreId, acknowledged: [] };
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
