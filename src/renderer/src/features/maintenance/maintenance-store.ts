import { useEffect, useState } from 'react';
import type { MaintenanceProgress } from '../../../../shared/model/operations';
import { api } from '../../api/client';

/** Live maintenance progress of one host ("entering maintenance, n of m moved"). */
export function useMaintenance(hostId: string): MaintenanceProgress | null {
  const [progress, setProgress] = useState<MaintenanceProgress | null>(null);
  useEffect(() => {
    let live = true;
    api.invoke('maintenance.status', {}).then(
      (all) => live && setProgress(all.find((p) => p.hostId === hostId) ?? null),
      () => undefined,
    );
    const off = api.on('maintenance.changed', (p) => p.hostId === hostId && setProgress(p));
    return () => {
      live = false;
      off();
    };
  }, [hostId]);
  return progress;
}
