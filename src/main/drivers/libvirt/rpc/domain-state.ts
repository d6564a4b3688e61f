// libvirt enums mapped into closed unions with an explicit UNKNOWN branch, so a newer daemon
// sending a value we do not know yet never crashes a `switch` (libvirt-domain.h).

/** virDomainState. */
const DOMAIN_STATES = ['NOSTATE', 'RUNNING', 'BLOCKED', 'PAUSED', 'SHUTDOWN', 'SHUTOFF', 'CRASHED', 'PMSUSPENDED'] as const;
export type DomainStateName = (typeof DOMAIN_STATES)[number] | 'UNKNOWN';

export function domainStateFromNumber(raw: number): DomainStateName {
  return DOMAIN_STATES[raw] ?? 'UNKNOWN';
}

/** virDomainRunningReason and virDomainPausedReason: why a domain runs or is paused (libvirt-domain.h). */
const RUNNING_REASONS = [
  'UNKNOWN',
  'BOOTED',
  'MIGRATED',
  'RESTORED',
  'FROM_SNAPSHOT',
  'UNPAUSED',
  'MIGRATION_CANCELED',
  'SAVE_CANCELED',
  'WAKEUP',
  'CRASHED',
  'POSTCOPY',
  'POSTCOPY_FAILED',
] as const;
const PAUSED_REASONS = [
  'UNKNOWN',
  'USER',
  'MIGRATION',
  'SAVE',
  'DUMP',
  'IOERROR',
  'WATCHDOG',
  'FROM_SNAPSHOT',
  'SHUTTING_DOWN',
  'SNAPSHOT',
  'CRASHED',
  'STARTING_UP',
  'POSTCOPY',
  'POSTCOPY_FAILED',
  'API_ERROR',
] as const;
export type RunningReasonName = (typeof RUNNING_REASONS)[number];
export type PausedReasonName = (typeof PAUSED_REASONS)[number];

export const runningReasonFromNumber = (raw: number): RunningReasonName => RUNNING_REASONS[raw] ?? 'UNKNOWN';
export const pausedReasonFromNumber = (raw: number): PausedReasonName => PAUSED_REASONS[raw] ?? 'UNKNOWN';

/** virDomainEventType, the `event` of a lifecycle event. */
const LIFECYCLE_EVENTS = [
  'DEFINED',
  'UNDEFINED',
  'STARTED',
  'SUSPENDED',
  'RESUMED',
  'STOPPED',
  'SHUTDOWN',
  'PMSUSPENDED',
  'CRASHED',
] as const;
export type LifecycleEventName = (typeof LIFECYCLE_EVENTS)[number] | 'UNKNOWN';

export function lifecycleEventFromNumber(raw: number): LifecycleEventName {
  return LIFECYCLE_EVENTS[raw] ?? 'UNKNOWN';
}

/** virDomainJobType, the `type` of job stats. */
const JOB_TYPES = ['NONE', 'BOUNDED', 'UNBOUNDED', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;
export type JobTypeName = (typeof JOB_TYPES)[number] | 'UNKNOWN';

export function jobTypeFromNumber(raw: number): JobTypeName {
  return JOB_TYPES[raw] ?? 'UNKNOWN';
}

/** virStoragePoolState. */
const POOL_STATES = ['INACTIVE', 'BUILDING', 'RUNNING', 'DEGRADED', 'INACCESSIBLE'] as const;
export type StoragePoolStateName = (typeof POOL_STATES)[number] | 'UNKNOWN';

export function storagePoolStateFromNumber(raw: number): StoragePoolStateName {
  return POOL_STATES[raw] ?? 'UNKNOWN';
}
