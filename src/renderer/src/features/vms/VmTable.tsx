import { Box, alpha, type SxProps, type Theme } from '@mui/material';
import { memo, useRef, useState, type MouseEvent } from 'react';
import { useSize } from '../../components/use-fitted-columns';
import { useVirtualWindow } from '../../components/use-virtual-window';
import { windowOrder } from '../../components/window-order';
import type { Vm } from '../../../../shared/model/inventory';
import { useActiveRow } from './use-active-row';
import type { VmSelectionControls } from './use-vm-selection';
import { hostNameOf, type Sort, type SortField, type VmFacts } from './vm-rows';
import { VmTableRow } from './VmTableRow';

export const ROW_HEIGHT = 34;
// The minimums fit the 900 px the list has at 1280 px beside the tree, Migrate column included;
// the headers wrap ("Mission-/critical") instead of widening their columns. Memory and Migrating are wide enough for their word and sort arrow on a line.
const template = 'minmax(130px, 2fr) minmax(100px, 1.4fr) 64px 80px minmax(90px, 1.4fr) 76px 92px 88px';
// Narrower (1024 px beside the tree): Tags and Mission-critical give way, the name and Migrate… stay in view (review 2, F9).
const narrowBelow = 780;
const narrowTemplate = 'minmax(130px, 2fr) minmax(100px, 1.4fr) 64px 80px 92px 88px';
const columns: { field: SortField | null; label: string }[] = [
  { field: 'name', label: 'Name' },
  { field: 'hostName', label: 'Host' },
  { field: 'power', label: 'Power' },
  { field: 'memoryBytes', label: 'Memory' },
  { field: 'tags', label: 'Tags' },
  { field: 'missionCritical', label: 'Mission-critical' },
  { field: 'migrating', label: 'Migrating' },
  { field: null, label: 'Actions' },
];

// Plain elements styled once here: emotion per cell would cost on every scroll.
const styles: SxProps<Theme> = (t) => ({
  display: 'flex',
  flexDirection: 'column',
  height: '100%',
  minHeight: 0,
  border: 1,
  borderColor: 'divider',
  borderRadius: 1,
  fontSize: 13,
  '& .row': { display: 'grid', gridTemplateColumns: template, alignItems: 'center', height: ROW_HEIGHT, px: 1, gap: 1 },
  '&.narrow .row': { gridTemplateColumns: narrowTemplate },
  '&.narrow .row > :nth-of-type(5), &.narrow .row > :nth-of-type(6)': { display: 'none' },
  '& .head': {
    borderBottom: 1,
    borderColor: 'divider',
    fontWeight: 600,
    bgcolor: t.palette.background.paper,
    height: 'auto',
    minHeight: ROW_HEIGHT,
    py: 0.25,
  },
  '& .head .nowrap': { whiteSpace: 'nowrap' },
  '& .head .cell': { whiteSpace: 'normal', lineHeight: 1.2, alignSelf: 'stretch', display: 'flex', alignItems: 'center' },
  // The whole header cell sorts, not only its words (review 5, 9).
  '& .head button': {
    font: 'inherit',
    fontWeight: 600,
    border: 0,
    background: 'none',
    color: t.palette.text.primary,
    cursor: 'pointer',
    p: 0,
    textAlign: 'left',
    width: '100%',
    height: '100%',
  },
  '& .viewport': { flex: 1, overflow: 'auto', position: 'relative', minHeight: 0 },
  // Each row placed by a wrapper of its own (window-order.ts keeps elements in their DOM places while
  // scrolling): an inline style on the row itself kept Blink from reusing its cached cascade, and its
  // style recalculation took 3-4 ms a frame instead of 0.1.
  '& .body': { position: 'relative', overflow: 'hidden' },
  '& .body .slot': { position: 'absolute', left: 0, right: 0 },
  // Not text-selectable: a Shift-click selects rows, not the words between two clicks.
  '& .body .row': { cursor: 'pointer', borderBottom: `1px solid ${t.palette.divider}`, boxSizing: 'border-box', userSelect: 'none' },
  '& .body .row:hover': { bgcolor: t.palette.action.hover },
  // Selected: tinted, and marked by a bar in the primary colour at its start, which stands out at 3:1 or
  // more in both themes (the theme's grey `action.selected` alone hardly told three selected rows from the rest).
  '& .body .row[aria-selected="true"]': {
    bgcolor: alpha(t.palette.primary.main, t.palette.mode === 'dark' ? 0.28 : 0.14),
    boxShadow: `inset 4px 0 0 ${t.palette.primary.main}`,
  },
  '& .body .row[aria-selected="true"]:hover': { bgcolor: alpha(t.palette.primary.main, t.palette.mode === 'dark' ? 0.36 : 0.2) },
  '& .row:focus-visible, & button:focus-visible, & .viewport:focus-visible': {
    outline: `2px solid ${t.palette.primary.main}`,
    outlineOffset: -2,
  },
  '& .cell': { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  '& .tag': { display: 'inline-block', px: 0.75, mr: 0.5, borderRadius: 8, fontSize: 12, bgcolor: t.palette.action.selected },
  '& .migrate': {
    font: 'inherit',
    border: `1px solid ${t.palette.primary.main}`,
    borderRadius: 4,
    background: 'none',
    color: t.palette.primary.main,
    cursor: 'pointer',
    px: 1,
  },
});

interface Props {
  vms: Vm[];
  facts: VmFacts;
  sort: Sort | null;
  onSort: (field: SortField) => void;
  /** The rows chosen (clicks, Space, Shift+arrows, Ctrl+A) and the ways to change them. */
  selecting: VmSelectionControls;
  /** Enter on a row: the VM opened (its Summary). */
  onOpen: (vmId: string) => void;
  onMigrate: (vmId: string) => void;
  /** A row's context menu asked for (right-click, Shift+F10, the menu key), to open at that place on screen. */
  onMenu: (index: number, at: { top: number; left: number }) => void;
}

/**
 * The scrolled rows, a component of their own: scrolling re-renders these, not the table around them
 * (its styles, serialised again on each render, cost more per scrolled frame than the rows).
 */
const RowWindow = memo(function RowWindow({ vms, facts, selecting, onOpen, onMigrate, onMenu }: Omit<Props, 'sort' | 'onSort'>) {
  const { selection, pick, move, selectAll } = selecting;
  const count = selection.vms.size;
  const viewport = useRef<HTMLDivElement>(null);
  // Rows are rendered in the scroll event's own frame, so a few beyond the edges suffice: each extra
  // row is work again on a jump (every row then is new).
  const { start, end, totalHeight, scrolling, onScroll, showRow } = useVirtualWindow(viewport, vms.length, ROW_HEIGHT, 3);
  const { activeIndex, bodyTabIndex, onKeyDown, onFocus } = useActiveRow({
    vms,
    body: viewport,
    start,
    end,
    rowHeight: ROW_HEIGHT,
    showRow,
    onPick: pick,
    onMove: move,
    onSelectAll: selectAll,
    onMenu,
    onOpen,
  });
  const onContextMenu = (event: MouseEvent<HTMLElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[role="row"][data-vm-id]');
    if (!row) return;
    event.preventDefault();
    onMenu(Number(row.getAttribute('aria-rowindex')) - 2, { top: event.clientY, left: event.clientX });
  };
  const size = end - start;
  return (
    // The rows' group is the scrolled element: it takes the keyboard while the active row is scrolled
    // away, and a focusable element without a role is not allowed in a grid (axe, critical).
    <div
      className="viewport"
      role="rowgroup"
      ref={viewport}
      tabIndex={bodyTabIndex}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      onContextMenu={onContextMenu}
      data-testid="vm-list-viewport"
    >
      <div className="body" role="presentation" style={{ height: totalHeight }}>
        {windowOrder(start, end, scrolling).map((index) => {
          const vm = vms[index] as Vm;
          const selected = selection.vms.has(vm.id);
          return (
            <VmTableRow
              key={index % size}
              vm={vm}
              hostName={hostNameOf(vm, facts)}
              migrating={facts.migrating.has(vm.id)}
              index={index}
              top={index * ROW_HEIGHT}
              selected={selected}
              migrateCount={selected ? count : 1}
              active={index === activeIndex}
              onPick={pick}
              onMigrate={onMigrate}
            />
          );
        })}
      </div>
    </div>
  );
});

/**
 * A header's words with its sort arrow held to the last one ("Mission-" / "critical ▲"): in its own line the arrow
 * read as belonging to nothing ("Memory" / "▲" at 1280 px, new-user review 9, 4).
 */
function SortLabel({ label, arrow }: { label: string; arrow: string | null }) {
  if (!arrow) return label;
  const last = Math.max(label.lastIndexOf(' '), label.lastIndexOf('-')) + 1;
  return (
    <>
      {label.slice(0, last)}
      <span className="nowrap">
        {label.slice(last)}
        {'\u00a0'}
        {arrow}
      </span>
    </>
  );
}

/** The VM list: a grid that renders only the rows in view, so 40,000 scroll like 40. */
export function VmTable({ vms, facts, sort, onSort, selecting, onOpen, onMigrate, onMenu }: Props) {
  const [root, setRoot] = useState<HTMLDivElement | null>(null);
  const { width } = useSize(root);
  return (
    <Box
      ref={setRoot}
      className={width > 0 && width < narrowBelow ? 'narrow' : undefined}
      sx={styles}
      role="grid"
      aria-label="Virtual machines"
      aria-multiselectable
      aria-rowcount={vms.length + 1}
      aria-colcount={columns.length}
    >
      <div className="row head" role="row" aria-rowindex={1}>
        {columns.map((c) => (
          <span
            key={c.label}
            className="cell"
            role="columnheader"
            aria-sort={c.field && sort?.field === c.field ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
          >
            {c.field ? (
              <button type="button" onClick={() => onSort(c.field as SortField)}>
                <SortLabel label={c.label} arrow={sort?.field === c.field ? (sort.direction === 'asc' ? '▲' : '▼') : null} />
              </button>
            ) : (
              c.label
            )}
          </span>
        ))}
      </div>
      <RowWindow vms={vms} facts={facts} selecting={selecting} onOpen={onOpen} onMigrate={onMigrate} onMenu={onMenu} />
    </Box>
  );
}
