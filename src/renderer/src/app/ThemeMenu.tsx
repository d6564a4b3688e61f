import BrightnessAutoIcon from '@mui/icons-material/BrightnessAuto';
import DarkModeIcon from '@mui/icons-material/DarkMode';
import LightModeIcon from '@mui/icons-material/LightMode';
import { IconButton, ListItemIcon, ListItemText, Menu, MenuItem, Tooltip } from '@mui/material';
import { useId, useState } from 'react';
import { useThemeChoice, type ThemeChoice } from './theme';

const choices: Record<ThemeChoice, { label: string; Icon: typeof DarkModeIcon }> = {
  system: { label: 'System', Icon: BrightnessAutoIcon },
  light: { label: 'Light', Icon: LightModeIcon },
  dark: { label: 'Dark', Icon: DarkModeIcon },
};
const order: ThemeChoice[] = ['system', 'light', 'dark'];

/**
 * The header's theme choice (System, Light, Dark), as vSphere Client has one. One icon button, not
 * three toggles: the header must still fit at 1024 px. Its name says the current choice, so a
 * screen reader hears it without opening the menu; the menu marks it checked.
 */
export function ThemeMenu() {
  const { choice, choose } = useThemeChoice();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const open = anchor !== null;
  const menuId = useId();
  const current = choices[choice];
  const label = `Theme: ${current.label}`;
  return (
    <>
      <Tooltip title={label}>
        <IconButton
          aria-label={label}
          aria-haspopup="menu"
          aria-expanded={open}
          aria-controls={open ? menuId : undefined}
          onClick={(event) => setAnchor(event.currentTarget)}
        >
          <current.Icon />
        </IconButton>
      </Tooltip>
      <Menu id={menuId} anchorEl={anchor} open={open} onClose={() => setAnchor(null)} slotProps={{ list: { 'aria-label': 'Theme' } }}>
        {order.map((value) => {
          const { label: name, Icon } = choices[value];
          return (
            <MenuItem
              key={value}
              role="menuitemradio"
              aria-checked={value === choice}
              selected={value === choice}
              onClick={() => {
                choose(value);
                setAnchor(null);
              }}
            >
              <ListItemIcon>
                <Icon fontSize="small" />
              </ListItemIcon>
              <ListItemText>{name}</ListItemText>
            </MenuItem>
          );
        })}
      </Menu>
    </>
  );
}
