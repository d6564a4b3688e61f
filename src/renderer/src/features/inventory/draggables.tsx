import { useDraggable, useDroppable } from '@dnd-kit/core';
import { Box, Tooltip, alpha } from '@mui/material';
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
    <Box ref={setNodeRef} {...listeners} {...rest} data-vm-drag={vm.name} sx={{ opacity: isDragging ? 0.4 : 1, touchAction: 'none' }}>
      {children}
    </Box>
  );
}

const verdictPalette = { ok: 'success', warning: 'warning', error: 'error' } as const;

/** A host label that accepts a dropped VM and, while dragging, shows if it is a valid destination. */
export function DroppableHost({ host, children }: { host: Host; children: ReactElement }) {
  const { setNodeRef, isOver } = useDroppable({ id: `host:${host.id}`, data: { hostId: host.id, hostName: host.name } });
  const { vmIds, verdicts } = useDrag();
  const verdict = vmIds.length > 0 ? verdicts.get(host.id) : undefined;
  const palette = verdict ? verdictPalette[verdict.level] : undefined;
  return (
    <Tooltip open={Boolean(isOver && verdict)} title={verdict ? verdict.message : ''} placement="right">
      <Box
        ref={setNodeRef}
        data-drop-host={host.name}
        data-verdict={verdict?.level ?? ''}
        sx={{
          borderRadius: 1,
          boxShadow: (t) => (palette ? `inset 4px 0 0 ${t.palette[palette].main}` : 'none'),
          bgcolor: (t) => (palette ? alpha(t.palette[palette].main, isOver ? 0.35 : 0.12) : undefined),
          transition: 'background-color 80ms',
        }}
      >
        {children}
      </Box>
    </Tooltip>
  );
}
