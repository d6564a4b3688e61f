import { Box } from '@mui/material';
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

/** A horizontal splitter above the pane: drag it, or focus it and use the arrow keys. */
export function ResizeHandle({
  label,
  height,
  min,
  max,
  onResize,
}: {
  label: string;
  height: number;
  /** The range a screen reader announces (how far it can go). */
  min: number;
  max: number;
  onResize(px: number): void;
}) {
  const drag = useRef<{ startY: number; startHeight: number } | null>(null);
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { startY: e.clientY, startHeight: height };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current) onResize(drag.current.startHeight + drag.current.startY - e.clientY);
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.key === 'ArrowUp' ? 24 : e.key === 'ArrowDown' ? -24 : 0;
    if (!step) return;
    e.preventDefault();
    onResize(height + step);
  };
  return (
    <Box
      role="separator"
      aria-label={label}
      aria-orientation="horizontal"
      aria-valuenow={height}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
      sx={{
        height: 6,
        flexShrink: 0,
        cursor: 'row-resize',
        touchAction: 'none',
        borderTop: 1,
        borderColor: 'divider',
        '&:hover, &:focus-visible': { bgcolor: 'action.hover' },
        '&:focus-visible': { outline: 2, outlineColor: 'primary.main', outlineStyle: 'solid', outlineOffset: -2 },
      }}
    />
  );
}
