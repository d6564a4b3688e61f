import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import { Box, IconButton, Tooltip } from '@mui/material';
import type { ReactNode } from 'react';
import { isBoolean, usePersistedState } from '../state/persisted';

/** The inventory's width when shown; hidden, a rail with the button that brings it back. */
const shownWidth = 360;
const railWidth = 40;

/**
 * The inventory beside the views, which the admin may hide as vSphere's navigator: at 1024 px the
 * tree's 360 px left the Tasks view too narrow for the docked pane's columns (new-user review 10, 8).
 * Remembered across reloads. Hidden, its content stays mounted (its tree keeps what is open).
 */
export function InventoryNav({ children }: { children: ReactNode }) {
  const [shown, setShown] = usePersistedState<boolean>('inventory.shown', true, isBoolean);
  return (
    <Box
      component="nav"
      aria-label="Inventory"
      sx={{ width: shown ? shownWidth : railWidth, flexShrink: 0, borderRight: 1, borderColor: 'divider', position: 'relative' }}
    >
      <Tooltip title={shown ? 'Hide the inventory' : 'Show the inventory'} placement="right">
        <IconButton
          size="small"
          aria-label={shown ? 'Hide the inventory' : 'Show the inventory'}
          aria-expanded={shown}
          onClick={() => setShown((s) => !s)}
          sx={{ position: 'absolute', top: 6, right: 4, zIndex: 1 }}
        >
          {shown ? <ChevronLeftIcon fontSize="small" /> : <ChevronRightIcon fontSize="small" />}
        </IconButton>
      </Tooltip>
      <Box sx={{ display: shown ? 'contents' : 'none' }}>{children}</Box>
    </Box>
  );
}
