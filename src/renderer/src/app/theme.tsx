import { CssBaseline, ThemeProvider, createTheme, useMediaQuery } from '@mui/material';
import { useMemo, type ReactNode } from 'react';

/** Light and dark follow the operating system. */
export function AppTheme({ children }: { children: ReactNode }) {
  const dark = useMediaQuery('(prefers-color-scheme: dark)');
  const theme = useMemo(
    () =>
      createTheme({
        palette: { mode: dark ? 'dark' : 'light', primary: { main: dark ? '#5eb3f6' : '#0b63b6' } },
        shape: { borderRadius: 6 },
        typography: { fontSize: 13 },
        components: { MuiButton: { defaultProps: { disableElevation: true } } },
      }),
    [dark],
  );
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      {children}
    </ThemeProvider>
  );
}
