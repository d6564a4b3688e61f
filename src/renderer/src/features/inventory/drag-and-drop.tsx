import {
  DndContext,
  DragOverlay,
  PointerSensor,
  pointerWithin,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { Chip } from '@mui/material';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { HostRating } from '../../../../shared/model/precheck';
import { api } from '../../api/client';
import { useNotify } from '../../state/notices';
import { useOpenWizard } from '../../state/wizard-opener';

export type Verdict = { level: 'ok' | 'warning' | 'error'; message: string; hint: string };

interface DragState {
  vmId: string | null;
  vmName: string | null;
  /** Precheck verdict per host while a VM is dragged; empty until the checks arrive. */
  verdicts: ReadonlyMap<string, Verdict>;
}

const DragContext = createContext<DragState>({ vmId: null, vmName: null, verdicts: new Map() });
export const useDrag = () => useContext(DragContext);

function verdictOf(rating: HostRating): Verdict {
  const error = rating.checks.find((c) => c.severity === 'error');
  if (error) return { level: 'error', message: error.message, hint: error.hint };
  const warning = rating.checks.find((c) => c.severity === 'warning');
  if (warning) return { level: 'warning', message: warning.message, hint: warning.hint };
  return { level: 'ok', message: `Rated ${rating.rating} of 5: ${rating.reasons[0] ?? ''}`, hint: '' };
}

/**
 * Dragging a VM runs the prechecks against every host, so each host shows whether it is a valid
 * destination; dropping opens the wizard with that destination, or explains why not.
 */
export function DragAndDrop({ children }: { children: ReactNode }) {
  const [drag, setDrag] = useState<DragState>({ vmId: null, vmName: null, verdicts: new Map() });
  const openWizard = useOpenWizard();
  const notify = useNotify();
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));

  const onDragStart = useCallback(
    (event: DragStartEvent) => {
      const vmId = String(event.active.data.current?.vmId ?? '');
      const vmName = String(event.active.data.current?.vmName ?? vmId);
      setDrag({ vmId, vmName, verdicts: new Map() });
      api.invoke('migration.recommend', { vmId, type: 'compute' }).then(
        (ratings) => setDrag((d) => (d.vmId === vmId ? { ...d, verdicts: new Map(ratings.map((r) => [r.hostId, verdictOf(r)])) } : d)),
        (error: unknown) => notify({ level: 'error', title: 'Could not check destinations', error }),
      );
    },
    [notify],
  );

  const onDragEnd = useCallback(
    async (event: DragEndEvent) => {
      const { vmId, vmName } = drag;
      setDrag({ vmId: null, vmName: null, verdicts: new Map() });
      const hostId = event.over?.data.current?.hostId as string | undefined;
      const hostName = (event.over?.data.current?.hostName as string | undefined) ?? hostId;
      if (!vmId || !hostId) return;
      // The drop may beat the checks: ask for this host's verdict if it is not in yet.
      let verdict = drag.verdicts.get(hostId);
      if (!verdict) {
        const ratings = await api.invoke('migration.recommend', { vmId, type: 'compute' });
        const rating = ratings.find((r) => r.hostId === hostId);
        verdict = rating ? verdictOf(rating) : undefined;
      }
      if (verdict?.level === 'error') {
        notify({ level: 'error', title: `${vmName} cannot move to ${hostName}`, body: `${verdict.message} ${verdict.hint}` });
        return;
      }
      openWizard({ vmIds: [vmId], destHostId: hostId, type: 'compute' });
    },
    [drag, notify, openWizard],
  );

  const value = useMemo(() => drag, [drag]);
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={pointerWithin}
      onDragStart={onDragStart}
      onDragEnd={(e) => void onDragEnd(e)}
      onDragCancel={() => setDrag({ vmId: null, vmName: null, verdicts: new Map() })}
    >
      <DragContext.Provider value={value}>{children}</DragContext.Provider>
      <DragOverlay dropAnimation={null}>
        {drag.vmName ? <Chip color="primary" label={`Migrate ${drag.vmName}`} sx={{ boxShadow: 3 }} /> : null}
      </DragOverlay>
    </DndContext>
  );
}
