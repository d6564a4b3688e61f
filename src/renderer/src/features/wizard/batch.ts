import { useMemo } from 'react';
import type { PrecheckResult } from '../../../../shared/model/precheck';
import type { CommandRequest, CommandResponse } from '../../../../shared/api';
import { useEach } from '../../api/use-command';
import { groupsOf } from './batch-groups';
import type { WizardState } from './wizard-state';

export interface BatchAnswer<T> {
  /** Every group's answer, flattened, once all are in. */
  data: T[] | null;
  loading: boolean;
  error: Error | null;
}

/** Calls one command per group (by value), like useCommand, and joins the answers. */
export function useEachGroup<N extends 'migration.precheck' | 'migration.predict'>(
  name: N,
  requests: CommandRequest<N>[],
): BatchAnswer<CommandResponse<N>[number]> {
  const { data, error, loading } = useEach(name, requests);
  const joined = useMemo(() => (data ? (data.flat() as CommandResponse<N>[number][]) : null), [data]);
  return { data: joined, error, loading };
}

export interface BatchChecks {
  /** Results per VM, once every group's checks are in. */
  byVm: ReadonlyMap<string, PrecheckResult[]> | null;
  loading: boolean;
  error: Error | null;
}

/**
 * Runs the prechecks of every destination group, with the wizard's options (a bandwidth limit the
 * guest outruns, a give-up limit its copy outlasts: new-user review 16, 1 and 2), and merges them per VM.
 */
export function useBatchChecks(state: WizardState, enabled: boolean): BatchChecks {
  const groups = enabled ? groupsOf(state).filter((g) => g.type === 'storage' || g.destHostId !== null) : [];
  const checks = useEachGroup(
    'migration.precheck',
    groups.map((g) => ({ ...g, options: state.options })),
  );
  return {
    byVm: checks.data ? new Map(checks.data.map((c) => [c.vmId, c.results])) : null,
    loading: checks.loading,
    error: checks.error,
  };
}

/** A VM with a blocking check does not move; it is listed with its first reason. */
export function blockedOf(
  byVm: ReadonlyMap<string, PrecheckResult[]> | null,
  ignore: (r: PrecheckResult, vmId: string) => boolean = () => false,
) {
  const blocked = new Map<string, PrecheckResult>();
  for (const [vmId, results] of byVm ?? []) {
    const error = results.find((r) => r.severity === 'error' && !ignore(r, vmId));
    if (error) blocked.set(vmId, error);
  }
  return blocked;
}
