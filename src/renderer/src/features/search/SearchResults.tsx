import { Box, type SxProps, type Theme } from '@mui/material';
import { memo } from 'react';
import { useInventory } from '../../state/inventory-store';
import type { SearchEntry, SearchHit } from '../../state/search-index';
import { useTasks } from '../../state/tasks-store';
import { hitDetail, kindLabels } from './hit-words';

export const listboxId = 'global-search-results';
export const optionId = (index: number) => `global-search-option-${index}`;

// Plain elements styled once here: 50 MUI list items (ripple, emotion per item) cost more per
// keystroke at 40,000 VMs than finding the matches.
// The list itself scrolls, not the popup around it: a combobox's list is reached with the arrow keys
// from the field, while a scrolling box with nothing focusable in it is out of a keyboard's reach.
const styles: SxProps<Theme> = (t) => ({
  listStyle: 'none',
  m: 0,
  py: 0.5,
  px: 0,
  maxHeight: 'calc(70vh - 32px)',
  overflow: 'auto',
  '& .option': {
    px: 2,
    py: 0.5,
    cursor: 'pointer',
    fontSize: 14,
    lineHeight: 1.43,
    color: t.palette.text.primary,
  },
  '& .option:hover': { bgcolor: t.palette.action.hover },
  '& .option[aria-selected="true"]': { bgcolor: t.palette.action.selected },
  '& .kind': { fontSize: 11, fontWeight: 600, color: t.palette.text.secondary, mr: 0.5, textTransform: 'uppercase' },
  '& .detail': { display: 'block', fontSize: 12, color: t.palette.text.secondary },
});

interface OptionProps {
  /** The index's own entry (the same object from keystroke to keystroke), not the per-search hit. */
  entry: SearchEntry;
  index: number;
  detail: string;
  selected: boolean;
  onOpen: (entry: SearchEntry) => void;
}

/**
 * One result; memoised: a keystroke that keeps a result (or a metrics update that keeps its line) does
 * not render it again. Its name is its own text ("VM DC0_C0_H0_VM1 on DC0_C0_H0 · …", the detail a line
 * of its own), so what a screen reader says is what the eye reads.
 */
const HitOption = memo(function HitOption({ entry, index, detail, selected, onOpen }: OptionProps) {
  return (
    <li
      id={optionId(index)}
      className="option"
      role="option"
      aria-selected={selected}
      // Keep the focus in the field: a click must not blur it (and close the list) first.
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => onOpen(entry)}
    >
      <span className="kind">{kindLabels[entry.kind]} </span>
      {entry.name}
      {detail && <span className="detail">{detail}</span>}
    </li>
  );
});

/**
 * The open list of results. It alone follows the whole inventory (each line shows the object's
 * state), so the closed search does not re-render at every metrics update.
 */
export function SearchResults({
  hits,
  query,
  active,
  onOpen,
}: {
  hits: SearchHit[];
  query: string;
  active: number;
  onOpen: (entry: SearchEntry) => void;
}) {
  const inv = useInventory();
  const { tasks } = useTasks();
  return (
    <Box component="ul" sx={styles} id={listboxId} role="listbox" aria-label="Search results" data-query={query}>
      {hits.map((hit, index) => (
        <HitOption
          key={`${hit.entry.kind}:${hit.entry.id}`}
          entry={hit.entry}
          index={index}
          detail={hitDetail(hit, inv, tasks)}
          selected={index === active}
          onOpen={onOpen}
        />
      ))}
    </Box>
  );
}
