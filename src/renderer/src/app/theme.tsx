import { CssBaseline, ThemeProvider, createTheme, useMediaQuery } from '@mui/material';
import { useMemo, type ReactNode } from 'react';

const noMotion = { shortest: 0, shorter: 0, short: 0, standard: 0, complex: 0, enteringScreen: 0, leavingScreen: 0 };

/** Light and dark follow the operating system; so does reduced motion (no animations at all). */
export function AppTheme({ children }: { children: ReactNode }) {
  const dark = useMediaQuery('(prefers-color-scheme: dark)');
  const reduceMotion = useMediaQuery('(prefers-reduced-motion: reduce)');
  const theme = useMemo(
    () =>
      createTheme({
        palette: { mode: dark ? 'dark' : 'light', primary: { main: dark ? '#5eb3f6' : '#0b63b6' } },
        shape: { borderRadius: 6 },
        typography: { fontSize: 13 },
        ...(reduceMotion ? { transitions: { duration: noMotion, create: () => 'none' } } : {}),
        components: {
          MuiButton: { defaultProps: { disableElevation: true } },
          ...(reduceMotion
            ? { MuiCollapse: { defaultProps: { timeout: 0 } }, MuiButtonBase: { defaultProps: { disableRipple: true } } }
            : {}),
        },
      }),
    [dark, reduceMotion],
  );
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      {children}
    </ThemeProvider>
  );
}
