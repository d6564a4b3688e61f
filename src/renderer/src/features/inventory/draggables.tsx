import { useDraggable, useDroppable } from '@dnd-kit/core';
import { GlobalStyles, alpha } from '@mui/material';
import type { ReactElement } from 'react';
import type { Host, Vm } from '../../../../shared/model/inventory';
import { useDrag } from './drag-and-drop';

/** A VM label that can be dragged onto a host (running VMs only). */
export function DraggableVm({ vm, children }: { vm: Vm; children: ReactElement }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: `vm:${vm.id}`,
    data: { vmId: vm.id, vmName: vm.name },
    disabled: vm.power !== 'running' && vm.power !== 'off',
  });
  // dnd-kit's own attributes would turn the label into a second focusable button inside the tree item.
  const { role: _role, tabIndex: _tabIndex, ...rest } = attributes;
  return (
    <div ref={setNodeRef} {...listeners} {...rest} data-vm-drag={vm.name} style={{ opacity: isDragging ? 0.4 : 1, touchAction: 'none' }}>
      {children}
    </div>
  );
}

const verdictPalette = { ok: 'success', warning: 'warning', error: 'error' } as const;

/**
 * The colours of host rows while a VM is dragged, once for the whole tree: a row only sets its
 * verdict and whether the pointer is over it. At 2,000 hosts a drag re-renders every row in sight
 * at its start and many at each move; styles worked out per row and render were a good part of it.
 */
export function DropHostStyles() {
  return (
    <GlobalStyles
      styles={(theme) => ({
        '.ferry-drop-host': { borderRadius: theme.shape.borderRadius, transition: 'background-color 80ms' },
        ...Object.fromEntries(
          Object.entries(verdictPalette).map(([level, palette]) => {
            const main = theme.palette[palette].main;
            return [
              `.ferry-drop-host[data-verdict="${level}"]`,
              {
                boxShadow: `inset 4px 0 0 ${main}`,
                backgroundColor: alpha(main, 0.12),
                '&[data-over]': { backgroundColor: alpha(main, 0.35) },
              },
            ];
          }),
        ),
      })}
    />
  );
}

/** A host label that accepts a dropped VM and, while dragging, shows if it is a valid destination (the reason: `VerdictTip`). */
export function DroppableHost({ host, children }: { host: Host; children: ReactElement }) {
  const { setNodeRef, isOver } = useDroppable({ id: `host:${host.id}`, data: { hostId: host.id, hostName: host.name } });
  const { vmIds, verdicts } = useDrag();
  const verdict = vmIds.length > 0 ? verdicts.get(host.id) : undefined;
  return (
    <div
      ref={setNodeRef}
      className="ferry-drop-host"
      data-drop-host={host.name}
      data-verdict={verdict?.level ?? ''}
      data-over={isOver || undefined}
    >
      {children}
    </div>
  );
}
