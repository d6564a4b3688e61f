import type { SxProps, Theme } from '@mui/material';

const chip = (t: Theme, background: string) => ({ bgcolor: background, color: t.palette.getContrastText(background) });

/** Words over two lines of 12 px, then an ellipsis (the whole text is in the cell's title). */
const twoLines = {
  display: '-webkit-box',
  WebkitBoxOrient: 'vertical',
  WebkitLineClamp: 2,
  overflow: 'hidden',
  lineHeight: '13px',
  fontSize: 12,
  whiteSpace: 'normal',
} as const;

// Cells use plain elements styled once by the grid's sx: 200 live rows would otherwise pay emotion's styling per cell per update.
export const taskGridStyles: SxProps<Theme> = (t) => ({
  // Narrower cell padding than MUI's 10 px: the columns' widths above are counted with 6 px a side.
  '& .MuiDataGrid-cell[data-field], & .MuiDataGrid-columnHeader[data-field]': { px: '6px' },
  '& .MuiDataGrid-cell[data-field="state"]': { display: 'flex', alignItems: 'center' },
  // The state chip flows with the words after it and wraps (its text too) rather than be cut: two lines of 13 px fit
  // a row (taskRowPx), more a taller one (below); past them an ellipsis, the words in the title.
  // A VM's name wraps anywhere over two lines rather than be cut: rows are told apart by it (new-user review 8, m3).
  '& .MuiDataGrid-cell[data-field="vmName"]': { display: 'flex', alignItems: 'center' },
  '& .name-text, & .cell-button.name-text': { ...twoLines, overflowWrap: 'anywhere', textAlign: 'left' },
  '& .state-text': twoLines,
  // A taller row's cells wrap over its lines (taskRowLines): a wait reason, a route's ", cold", a struggling copy's policy.
  '& .task-lines-3 .state-text, & .task-lines-3 .route-text': { WebkitLineClamp: 3 },
  '& .task-lines-5 .state-text, & .task-lines-5 .route-text': { WebkitLineClamp: 5 },
  // A route wraps at its arrow when the column is narrow, in the State's size; its words whole in the title.
  '& .MuiDataGrid-cell[data-field="route"]': { display: 'flex', alignItems: 'center' },
  '& .route-text': twoLines,
  '& .state': {
    px: 1,
    borderRadius: 8,
    fontWeight: 500,
    color: 'common.white',
    bgcolor: 'grey.600',
    boxDecorationBreak: 'clone',
    WebkitBoxDecorationBreak: 'clone',
  },
  // Text on each chip as the theme picks it (4.5:1): white on the dark greens of the dark theme reads 4.1:1.
  '& .state-primary': chip(t, t.palette.primary.dark),
  '& .state-success': chip(t, t.palette.success.dark),
  '& .state-warning': chip(t, t.palette.warning.dark),
  '& .state-error': chip(t, t.palette.error.dark),
  '& .state-info': chip(t, t.palette.info.dark),
  '& .state-default': chip(t, t.palette.grey[700]),
  '& .phase': { color: t.palette.text.secondary },
  '& .note': { color: t.palette.mode === 'dark' ? t.palette.warning.light : t.palette.warning.dark },
  '& .initiator': { display: 'flex', alignItems: 'center', gap: '4px', minWidth: 0, fontSize: 12 },
  '& .initiator svg': { width: 14, height: 14, flexShrink: 0, fill: 'currentColor', color: t.palette.text.secondary },
  '& .initiator-word': { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  '& .bar': { display: 'flex', alignItems: 'center', gap: '6px', width: '100%', height: '100%' },
  '& .bar .track': { flex: 1, height: 6, borderRadius: 3, bgcolor: t.palette.action.hover, overflow: 'hidden' },
  '& .bar .fill': { display: 'block', height: '100%', bgcolor: t.palette.primary.main },
  '& .bar .value': { fontSize: 12, minWidth: 28, textAlign: 'right' },
  '& .cell-button': {
    font: 'inherit',
    border: 0,
    background: 'none',
    color: t.palette.text.primary,
    cursor: 'pointer',
    borderRadius: 4,
    padding: '2px 4px',
    maxWidth: '100%',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    '&:hover': { bgcolor: t.palette.action.hover },
    '&:focus-visible': { outline: `2px solid ${t.palette.primary.main}` },
  },
  '& .cell-button.cancel': {
    color: t.palette.mode === 'dark' ? t.palette.warning.light : t.palette.warning.dark,
    fontSize: 13,
    fontWeight: 600,
  },
  '& .cancelling': { fontSize: 12, color: t.palette.text.secondary },
  // The last column's separator would stick out past the grid and make it scroll sideways by a few pixels; so would the
  // menu button of whichever column is last when Cancel has given way (Downtime at 1024 px), as in the Audit grid.
  '& .MuiDataGrid-columnHeader[data-field="actions"] .MuiDataGrid-columnSeparator': { display: 'none' },
  '& .MuiDataGrid-columnHeader--last': { overflow: 'hidden' },
});
