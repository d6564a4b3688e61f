import { Box, List, ListItemButton, ListItemText } from '@mui/material';
import { memo } from 'react';
import { useInventory } from '../../state/inventory-store';
import type { SearchEntry, SearchHit } from '../../state/search-index';
import { useTasks } from '../../state/tasks-store';
import { hitDetail, kindLabels } from './hit-words';

export const listboxId = 'global-search-results';
export const optionId = (index: number) => `global-search-option-${index}`;

interface OptionProps {
  /** The index's own entry (the same object from keystroke to keystroke), not the per-search hit. */
  entry: SearchEntry;
  index: number;
  detail: string;
  selected: boolean;
  onOpen: (entry: SearchEntry) => void;
}

/** One result; memoised: a keystroke that keeps a result (or a metrics update that keeps its line) does not render it again. */
const HitOption = memo(function HitOption({ entry, index, detail, selected, onOpen }: OptionProps) {
  return (
    <ListItemButton
      id={optionId(index)}
      role="option"
      aria-label={`${kindLabels[entry.kind]} ${entry.name}${detail ? `, ${detail}` : ''}`}
      aria-selected={selected}
      selected={selected}
      // Keep the focus in the field: a click must not blur it (and close the list) first.
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => onOpen(entry)}
    >
      <ListItemText
        primary={
          <>
            <Box component="span" sx={{ fontSize: 11, fontWeight: 600, color: 'text.secondary', mr: 1, textTransform: 'uppercase' }}>
              {kindLabels[entry.kind]}
            </Box>
            {entry.name}
          </>
        }
        secondary={detail}
      />
    </ListItemButton>
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
    <List dense id={listboxId} role="listbox" aria-label="Search results" data-query={query}>
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
    </List>
  );
}
