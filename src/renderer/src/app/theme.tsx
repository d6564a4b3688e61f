import { CssBaseline, ThemeProvider, createTheme, useMediaQuery } from '@mui/material';
import { useMemo, type ReactNode } from 'react';

const noMotion = { shortest: 0, shorter: 0, short: 0, standard: 0, complex: 0, enteringScreen: 0, leavingScreen: 0 };

/**
 * One visible keyboard focus for everything; a tree item outlines its own row, not its whole subtree.
 * `body` lifts each rule above MUI's own `outline: 0` on every button, tab and list item (one class).
 */
const focusOutline = (color: string) => ({
  'body *:focus-visible': { outline: `2px solid ${color}`, outlineOffset: 2 },
  'body [role="treeitem"]:focus-visible': { outline: 'none' },
  'body [role="treeitem"]:focus-visible > :first-child': { outline: `2px solid ${color}`, outlineOffset: -2 },
  // Controls that draw their own focus ring inside (text fields) keep it; their native input does not add a second.
  'body input:focus-visible, body textarea:focus-visible': { outline: 'none' },
});

/**
 * Light and dark follow the operating system; so does reduced motion (no animations at all).
 * Text on coloured chips, buttons and alerts is chosen for a 4.5:1 contrast (WCAG AA), in both modes.
 */
export function AppTheme({ children }: { children: ReactNode }) {
  const dark = useMediaQuery('(prefers-color-scheme: dark)');
  const reduceMotion = useMediaQuery('(prefers-reduced-motion: reduce)');
  const theme = useMemo(() => {
    const focus = dark ? '#90caf9' : '#0b63b6';
    return createTheme({
      palette: {
        mode: dark ? 'dark' : 'light',
        contrastThreshold: 4.5,
        primary: { main: dark ? '#5eb3f6' : '#0b63b6' },
        // The default light success, info and warning are too pale for text on white; these read at 4.5:1.
        ...(dark ? {} : { success: { main: '#2e7d32' }, info: { main: '#01579b' }, warning: { main: '#b45309' } }),
      },
      shape: { borderRadius: 6 },
      typography: { fontSize: 13 },
      ...(reduceMotion ? { transitions: { duration: noMotion, create: () => 'none' } } : {}),
      components: {
        MuiCssBaseline: { styleOverrides: focusOutline(focus) },
        MuiButton: { defaultProps: { disableElevation: true } },
        ...(reduceMotion
          ? { MuiCollapse: { defaultProps: { timeout: 0 } }, MuiButtonBase: { defaultProps: { disableRipple: true } } }
          : {}),
      },
    });
  }, [dark, reduceMotion]);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      {children}
    </ThemeProvider>
  );
}
