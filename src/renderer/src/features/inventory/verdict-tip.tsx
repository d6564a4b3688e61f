import { Box, Popper, alpha, type PopperProps, type Theme } from '@mui/material';
import { useMemo } from 'react';

/** One tooltip for the drag (Popper gives it the role), beside the host under the pointer, with its verdict's reason: not one per host row. */
export function VerdictTip({ hostName, message }: { hostName: string | null; message: string | undefined }) {
  const anchor = useMemo(() => (hostName ? hostRowAnchor(hostName) : null), [hostName]);
  return (
    <Popper
      open={anchor !== null && Boolean(message)}
      anchorEl={anchor}
      placement="right"
      sx={{ zIndex: 'tooltip', pointerEvents: 'none' }}
    >
      <Box sx={verdictTipLook}>{message}</Box>
    </Popper>
  );
}

/** The host's row where it is whenever Popper places the tip (the tree may scroll under a drag), read then, not at render. */
function hostRowAnchor(hostName: string): NonNullable<PopperProps['anchorEl']> {
  const row = () => document.querySelector(`[data-drop-host="${CSS.escape(hostName)}"]`);
  return {
    getBoundingClientRect: () => row()?.getBoundingClientRect() ?? new DOMRect(),
    // Popper watches this element's scrolling parents for the tip to follow the row.
    get contextElement() {
      return row() ?? undefined;
    },
  };
}

// MUI's own tooltip look.
const verdictTipLook = {
  bgcolor: (t: Theme) => alpha(t.palette.grey[700], 0.92),
  color: 'common.white',
  borderRadius: 1,
  px: 1,
  py: 0.5,
  ml: 1,
  maxWidth: 300,
  typography: 'caption',
} as const;
