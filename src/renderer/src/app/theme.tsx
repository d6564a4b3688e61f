import { CssBaseline, ThemeProvider, createTheme, useMediaQuery } from '@mui/material';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { oneOf, usePersistedState } from '../state/persisted';

export type ThemeChoice = 'system' | 'light' | 'dark';
const isThemeChoice = oneOf<ThemeChoice>('system', 'light', 'dark');
const ThemeChoiceContext = createContext<{ choice: ThemeChoice; choose: (choice: ThemeChoice) => void }>({
  choice: 'system',
  choose: () => undefined,
});
/** The header's theme menu reads and sets the choice here. */
export const useThemeChoice = () => useContext(ThemeChoiceContext);

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
  // A bare field (no outlined border of its own, as the header's search) is outlined by the box drawn around it.
  'body [data-focus-ring]:has(input:focus-visible)': { outline: `2px solid ${color}`, outlineOffset: 2 },
  // A bare select (no border or underline of its own, as a grid's "Rows per page") draws none either: its input's
  // `:focus { outline: 0 }` outranks the rule above, and a faint grey fill was all it showed (new-user review 16, 9).
  'body .MuiInputBase-root:not(.MuiOutlinedInput-root, .MuiFilledInput-root, .MuiInput-root) > .MuiSelect-select:focus-visible': {
    outline: `2px solid ${color}`,
    outlineOffset: 2,
  },
});

/**
 * MUI X 9.14 sizes a grid's horizontal filler to its outer width less the columns, and adds a scrollbar
 * filler as wide as the vertical scrollbar beside it: with a scrollbar that takes room (a Linux or
 * Windows desktop) and flexible columns filling the rows' width, each row came out one scrollbar too
 * wide, and the grid scrolled sideways by 15 px (new-user review 10, finding 9). The filler is what is
 * left of the rows' width, the scrollbar's taken out.
 */
const gridFiller = {
  '.MuiDataGrid-root .MuiDataGrid-filler.MuiDataGrid-filler--horizontal': {
    width: 'max(0px, calc(var(--DataGrid-horizontalFiller) - var(--DataGrid-hasScrollY) * var(--DataGrid-scrollbarSize)))',
  },
};

/**
 * Light and dark follow the operating system unless the admin chose one in the header (kept across
 * reloads); reduced motion always follows the system (no animations at all).
 * Text on coloured chips, buttons and alerts is chosen for a 4.5:1 contrast (WCAG AA), in both modes.
 */
export function AppTheme({ children }: { children: ReactNode }) {
  const [choice, choose] = usePersistedState<ThemeChoice>('theme', 'system', isThemeChoice);
  const systemDark = useMediaQuery('(prefers-color-scheme: dark)');
  const dark = choice === 'system' ? systemDark : choice === 'dark';
  const chosen = useMemo(() => ({ choice, choose }), [choice, choose]);
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
        MuiCssBaseline: { styleOverrides: { ...focusOutline(focus), ...gridFiller } },
        MuiButton: { defaultProps: { disableElevation: true } },
        // A spinner is a progressbar: without a name axe flags it, and a screen reader hears only "progress bar".
        MuiCircularProgress: { defaultProps: { 'aria-label': 'Loading' } },
        ...(reduceMotion
          ? { MuiCollapse: { defaultProps: { timeout: 0 } }, MuiButtonBase: { defaultProps: { disableRipple: true } } }
          : {}),
      },
    });
  }, [dark, reduceMotion]);
  return (
    <ThemeChoiceContext.Provider value={chosen}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        {children}
      </ThemeProvider>
    </ThemeChoiceContext.Provider>
  );
}
