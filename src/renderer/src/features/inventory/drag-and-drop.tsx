import {
  DndContext,
  DragOverlay,
  PointerSensor,
  pointerWithin,
  useSensor,
  useSensors,
  type DragEndEvent,
  type Modifier,
  type DragStartEvent,
} from '@dnd-kit/core';
import { getEventCoordinates } from '@dnd-kit/utilities';
import { Chip } from '@mui/material';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { api } from '../../api/client';
import { useInventorySelector } from '../../state/inventory-store';
import { useNotify } from '../../state/notices';
import { useSelection } from '../../state/selection';
import { useOpenWizard } from '../../state/wizard-opener';
import { announcementsFor } from './drag-announcements';
import { combinedVerdicts, type Verdict } from './drag-verdicts';
import { VerdictTip } from './verdict-tip';
import { compareNames } from '../../../../shared/model/names';

export type { Verdict } from './drag-verdicts';

/**
 * The chip follows the pointer below and to the right of it, clear of the row under the pointer:
 * where the row was grabbed, it sat on the host's name (review 2, F13).
 */
const besidePointer: Modifier[] = [
  ({ activatorEvent, draggingNodeRect, transform }) => {
    const grabbed = activatorEvent ? getEventCoordinates(activatorEvent) : null;
    if (!grabbed || !draggingNodeRect) return transform;
    return {
      ...transform,
      x: transform.x + grabbed.x - draggingNodeRect.left + 16,
      y: transform.y + grabbed.y - draggingNodeRect.top + 22,
    };
  },
];

interface DragState {
  /** The VMs being dragged: the grabbed one, or every selected VM when it is part of a multi-selection. */
  vmIds: string[];
  label: string | null;
  /** Precheck verdict per host while dragging; empty until the checks arrive. */
  verdicts: ReadonlyMap<string, Verdict>;
}

const idle: DragState = { vmIds: [], label: null, verdicts: new Map() };
const DragContext = createContext<DragState>(idle);
export const useDrag = () => useContext(DragContext);

/** Dragging many VMs checks the first ones only: enough to judge a host while the pointer moves. */
const checkedWhileDragging = 20;

/**
 * Dragging VMs runs the prechecks against every host, so each host shows whether it is a valid
 * destination; dropping opens the wizard's short path with that destination, or explains why not.
 */
/**
 * The tree scrolls only while the pointer is at its very edge (6% of its height, a row or so): at
 * dnd-kit's default 20%, a host low in the panel slid away under a pointer held on it, and the drop
 * landed on another row or on nothing (new-user review 8, M1). Never sideways.
 */
const edgeScroll = { threshold: { x: 0, y: 0.06 } };

/** The host a droppable stands for (its data, set in DroppableHost). */
const hostOf = (data: Record<string, unknown> | undefined): { id: string; name: string } | null =>
  typeof data?.['hostId'] === 'string' ? { id: data['hostId'], name: String(data['hostName'] ?? data['hostId']) } : null;

export function DragAndDrop({ children }: { children: ReactNode }) {
  const [drag, setDrag] = useState<DragState>(idle);
  const [overHost, setOverHost] = useState<{ id: string; name: string } | null>(null);
  const openWizard = useOpenWizard();
  const notify = useNotify();
  // The VMs' names only: host metrics (every 2 s) must not re-render the drag context.
  const vms = useInventorySelector((s) => s.vms);
  const { selected } = useSelection();
  // The last dragged label outlives the drag, so the drop is announced by name too.
  const [announced, setAnnounced] = useState<string | null>(null);
  const announcements = useMemo(() => announcementsFor(announced), [announced]);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));

  const onDragStart = useCallback(
    (event: DragStartEvent) => {
      const grabbed = String(event.active.data.current?.vmId ?? '');
      // In the order the tree shows them, whatever order they were clicked in.
      const selectedVms = selected
        .filter((s) => s.kind === 'vm' && vms.has(s.id))
        .map((s) => s.id)
        .sort((a, b) => compareNames(vms.get(a)?.name ?? a, vms.get(b)?.name ?? b));
      const vmIds = selectedVms.length > 1 && selectedVms.includes(grabbed) ? selectedVms : [grabbed];
      const names = vmIds.map((id) => vms.get(id)?.name ?? id);
      const label = vmIds.length === 1 ? (names[0] ?? grabbed) : `${vmIds.length} VMs`;
      setDrag({ vmIds, label, verdicts: new Map() });
      setAnnounced(label);
      const checked = vmIds.slice(0, checkedWhileDragging);
      Promise.all(checked.map((vmId) => api.invoke('migration.recommend', { vmId, type: 'compute' }))).then(
        (ratings) =>
          setDrag((d) => (d.vmIds[0] === vmIds[0] && d.label === label ? { ...d, verdicts: combinedVerdicts(ratings, names) } : d)),
        (error: unknown) => notify({ level: 'error', title: 'Could not check destinations', error }),
      );
    },
    [notify, selected, vms],
  );

  const onDragEnd = useCallback(
    async (event: DragEndEvent) => {
      const { vmIds, label } = drag;
      setDrag(idle);
      const target = hostOf(event.over?.data.current);
      if (vmIds.length === 0 || !target) return;
      const { id: hostId, name: host } = target;
      // The drop may beat the checks: ask for this host's verdict if it is not in yet.
      let verdict = drag.verdicts.get(hostId);
      if (!verdict) {
        const names = vmIds.map((id) => vms.get(id)?.name ?? id);
        try {
          const ratings = await Promise.all(
            vmIds.slice(0, checkedWhileDragging).map((vmId) => api.invoke('migration.recommend', { vmId, type: 'compute' })),
          );
          verdict = combinedVerdicts(ratings, names).get(hostId);
        } catch (error) {
          // Nothing awaits a drop: its failure is shown here or nowhere (and would be an unhandled rejection).
          notify({ level: 'error', title: `${label} was not moved to ${host}`, error });
          return;
        }
      }
      if (verdict?.level === 'error') {
        notify({ level: 'error', title: `${label} cannot move to ${host}`, body: `${verdict.message} ${verdict.hint}` });
        return;
      }
      openWizard({ vmIds, destHostId: hostId, type: 'compute' });
    },
    [drag, notify, openWizard, vms],
  );

  const value = useMemo(() => drag, [drag]);
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={pointerWithin}
      autoScroll={edgeScroll}
      onDragStart={onDragStart}
      onDragOver={(e) => setOverHost(hostOf(e.over?.data.current))}
      onDragEnd={(e) => {
        setOverHost(null);
        void onDragEnd(e);
      }}
      onDragCancel={() => {
        setOverHost(null);
        setDrag(idle);
      }}
      accessibility={{
        announcements,
        screenReaderInstructions: { draggable: 'Drag a VM onto a host to migrate it, or press Ctrl+M for Move to….' },
      }}
    >
      <DragContext.Provider value={value}>{children}</DragContext.Provider>
      <VerdictTip hostName={overHost?.name ?? null} message={overHost ? drag.verdicts.get(overHost.id)?.message : undefined} />
      <DragOverlay dropAnimation={null} modifiers={besidePointer}>
        {drag.label ? <Chip color="primary" label={`Migrate ${drag.label}`} sx={{ boxShadow: 3 }} /> : null}
      </DragOverlay>
    </DndContext>
  );
}
