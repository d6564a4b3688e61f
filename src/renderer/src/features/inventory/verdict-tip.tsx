import { Box, Popper, alpha, type Theme } from '@mui/material';

/** One tooltip for the drag (Popper gives it the role), beside the host under the pointer, with its verdict's reason: not one per host row. */
export function VerdictTip({ hostName, message }: { hostName: string | null; message: string | undefined }) {
  const anchor = hostName && message ? document.querySelector(`[data-drop-host="${CSS.escape(hostName)}"]`) : null;
  return (
    <Popper open={anchor !== null} anchorEl={anchor} placement="right" sx={{ zIndex: 'tooltip', pointerEvents: 'none' }}>
      <Box sx={verdictTipLook}>{message}</Box>
    </Popper>
  );
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
