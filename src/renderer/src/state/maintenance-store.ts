import { useSyncExternalStore } from 'react';
import type { Host } from '../../../shared/model/inventory';
import type { MaintenanceProgress } from '../../../shared/model/operations';
import { api } from '../api/client';

/** Every host's maintenance as main reports it, shared by the maintenance panel and the status bar. */
let statuses = new Map<string, MaintenanceProgress>();
const listeners = new Set<() => void>();
const set = (next: Map<string, MaintenanceProgress>): void => {
  statuses = next;
  for (const listener of listeners) listener();
};

let started = false;
/** Loads the statuses on first use and keeps them current from main's events. */
function start(): void {
  if (started) return;
  started = true;
  api.on('maintenance.changed', (progress) => set(new Map(statuses).set(progress.hostId, progress)));
  api.invoke('maintenance.status', {}).then(
    (all) => set(new Map([...all.map((p) => [p.hostId, p] as const), ...statuses])),
    () => undefined,
  );
}

const subscribe = (listener: () => void) => {
  start();
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function useMaintenanceStatuses(): Map<string, MaintenanceProgress> {
  return useSyncExternalStore(subscribe, () => statuses);
}

export function useMaintenance(hostId: string): MaintenanceProgress | null {
  return useMaintenanceStatuses().get(hostId) ?? null;
}

export type MaintenanceStage = MaintenanceProgress['stage'];

/** The one word the panel and the status bar show: main's stage, or the host's own state until main has said more. */
export function maintenanceStage(host: Host, progress: MaintenanceProgress | null | undefined): MaintenanceStage {
  if (host.maintenance === 'off') return 'off';
  if (host.maintenance === 'on') return 'on';
  return progress?.state === 'entering' ? progress.stage : 'entering';
}

/** One host's stage; re-renders only when that host's progress changes (a tree row each). */
export function useMaintenanceStage(host: Host): MaintenanceStage {
  const progress = useSyncExternalStore(subscribe, () => statuses.get(host.id));
  return maintenanceStage(host, progress);
}

/** The tree's badge for a stage, in the status bar's words; null when the host is not in maintenance. */
export const maintenanceBadge = (stage: MaintenanceStage): string | null =>
  stage === 'off' ? null : stage === 'on' ? 'maint.' : stage === 'cannot-finish' ? 'cannot finish' : 'entering';
