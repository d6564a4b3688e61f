import SearchIcon from '@mui/icons-material/Search';
import { Box, InputBase, List, ListItemButton, ListItemText, Paper, Popper, Typography } from '@mui/material';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useInventory } from '../../state/inventory-store';
import { mergeResults, type SearchHit } from '../../state/search-index';
import { objectIndex, taskIndex } from '../../state/search-sources';
import { useSelection } from '../../state/selection';
import { useTasks } from '../../state/tasks-store';
import { hitDetail, kindLabels } from './hit-words';
import { TaskDialog } from './TaskDialog';

const LIMIT = 50;
const listboxId = 'global-search-results';
const optionId = (index: number) => `global-search-option-${index}`;

/** Typing in a field must type there: `/` only jumps to the search from elsewhere. */
const isEditable = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * The header's search over VMs, hosts, datastores, port groups and tasks. Ctrl+K or `/` focuses it;
 * arrows move through the results, Enter opens one (selects the object and shows its summary, or
 * opens the task), Escape closes.
 */
export function GlobalSearch({ onShowSummary }: { onShowSummary: () => void }) {
  const inv = useInventory();
  const { tasks } = useTasks();
  const { select } = useSelection();
  const input = useRef<HTMLInputElement>(null);
  const [anchor, setAnchor] = useState<HTMLDivElement | null>(null);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [taskId, setTaskId] = useState<string | null>(null);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      const ctrlK = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k';
      const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isEditable(event.target);
      if (!ctrlK && !slash) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // The index is built once per inventory snapshot (and kept while names stay), not per keystroke.
  const result = useMemo(
    () => (query.trim() ? mergeResults([objectIndex(inv).search(query, LIMIT), taskIndex(tasks).search(query, LIMIT)], LIMIT) : null),
    [query, inv, tasks],
  );
  const hits = result?.hits ?? [];
  const shown = open && result !== null;
  useEffect(() => {
    if (shown) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  }, [active, shown]);

  const openHit = (hit: SearchHit) => {
    setOpen(false);
    input.current?.blur();
    if (hit.entry.kind === 'task') {
      setTaskId(hit.entry.id);
      return;
    }
    select({ kind: hit.entry.kind, id: hit.entry.id });
    onShowSummary();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
      setQuery('');
      input.current?.blur();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      if (hits.length) setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length);
    } else if (event.key === 'Enter') {
      const hit = hits[active];
      if (shown && hit) {
        event.preventDefault();
        openHit(hit);
      }
    }
  };

  return (
    <>
      <Box
        ref={setAnchor}
        sx={{
          display: 'flex',
          alignItems: 'center',
          gap: 1,
          px: 1,
          borderRadius: 1,
          bgcolor: 'action.hover',
          width: 420,
          maxWidth: '40vw',
        }}
      >
        <SearchIcon fontSize="small" aria-hidden />
        <InputBase
          inputRef={input}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
          placeholder="Search VMs, hosts, datastores, port groups, tasks (Ctrl+K)"
          sx={{ flex: 1, fontSize: 14 }}
          inputProps={{
            role: 'combobox',
            'aria-label': 'Search the inventory and tasks',
            'aria-expanded': shown,
            'aria-controls': listboxId,
            'aria-autocomplete': 'list',
            'aria-activedescendant': shown && hits[active] ? optionId(active) : undefined,
          }}
        />
      </Box>
      <Popper open={shown} anchorEl={anchor} placement="bottom-start" sx={{ zIndex: (t) => t.zIndex.modal }}>
        <Paper elevation={8} sx={{ width: 560, maxHeight: '70vh', overflow: 'auto' }}>
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block', px: 2, pt: 1 }} role="status">
            {hits.length === 0
              ? `Nothing matches “${query.trim()}”`
              : `${result?.total.toLocaleString()} match${result?.total === 1 ? '' : 'es'}${(result?.total ?? 0) > hits.length ? `, best ${hits.length} shown` : ''}`}
          </Typography>
          <List dense id={listboxId} role="listbox" aria-label="Search results" data-query={query}>
            {hits.map((hit, index) => {
              const detail = hitDetail(hit, inv, tasks);
              return (
                <ListItemButton
                  key={`${hit.entry.kind}:${hit.entry.id}`}
                  id={optionId(index)}
                  role="option"
                  aria-label={`${kindLabels[hit.entry.kind]} ${hit.entry.name}${detail ? `, ${detail}` : ''}`}
                  aria-selected={index === active}
                  selected={index === active}
                  // Keep the focus in the field: a click must not blur it (and close the list) first.
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => openHit(hit)}
                >
                  <ListItemText
                    primary={
                      <>
                        <Box
                          component="span"
                          sx={{ fontSize: 11, fontWeight: 600, color: 'text.secondary', mr: 1, textTransform: 'uppercase' }}
                        >
                          {kindLabels[hit.entry.kind]}
                        </Box>
                        {hit.entry.name}
                      </>
                    }
                    secondary={detail}
                  />
                </ListItemButton>
              );
            })}
          </List>
        </Paper>
      </Popper>
      {taskId && <TaskDialog taskId={taskId} onClose={() => setTaskId(null)} />}
    </>
  );
}
