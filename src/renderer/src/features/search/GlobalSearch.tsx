import SearchIcon from '@mui/icons-material/Search';
import { Box, InputBase, Paper, Typography } from '@mui/material';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { formatCount } from '../../components/format';
import { currentInventory, useInventorySelector } from '../../state/inventory-store';
import { mergeResults, type SearchEntry } from '../../state/search-index';
import { groupIndex, objectIndex, taskIndex } from '../../state/search-sources';
import { useSelection } from '../../state/selection';
import { useTasks } from '../../state/tasks-store';
import { openEntry } from './open-entry';
import { listboxId, optionId, SearchResults } from './SearchResults';
import { TaskDialog } from './TaskDialog';

const LIMIT = 50;

/** Typing in a field must type there: `/` only jumps to the search from elsewhere. */
const isEditable = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * The header's search over VMs, hosts, datacenters, clusters, datastores, port groups, tags and
 * tasks. Ctrl+K or `/` focuses it; arrows move through the results, Enter opens one (selects the
 * object and shows its summary, lists a tag's VMs, or opens the task), Escape closes and gives
 * the focus back to where it was. What opens takes the keyboard focus: the tree item, the summary,
 * the list or the task's dialog.
 */
export function GlobalSearch({ onShowSummary, onShowVmList }: { onShowSummary: () => void; onShowVmList: () => void }) {
  // What the index is built from; host metrics (every 2 s) change none of it.
  const status = useInventorySelector((s) => s.status);
  const vms = useInventorySelector((s) => s.vms);
  const structureVersion = useInventorySelector((s) => s.structureVersion);
  // The groupings (datacenters, clusters, tags): a few entries, indexed when one changes.
  const datacenters = useInventorySelector((s) => s.datacenters);
  const clusters = useInventorySelector((s) => s.clusters);
  const tags = useInventorySelector((s) => s.tags);
  const { tasks } = useTasks();
  const { select, showAll } = useSelection();
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  // The field follows each keystroke at once; the results follow as soon as they are ready (a
  // keystroke typed meanwhile starts the next search instead of waiting for this one's list).
  const searched = useDeferredValue(query);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [taskId, setTaskId] = useState<string | null>(null);
  // A task's dialog opens after the field let go of the focus, so the dialog alone would hand it to
  // the page when it closes: the field takes it back once the dialog is gone (its focus trap would
  // pull the focus back in while it is open) (review 5, 14).
  const taskWasOpen = useRef(false);
  useEffect(() => {
    if (taskId !== null) taskWasOpen.current = true;
    else if (taskWasOpen.current) {
      taskWasOpen.current = false;
      input.current?.focus();
    }
  }, [taskId]);
  const closeTask = useCallback(() => setTaskId(null), []);
  // Where the keyboard was before the field took it (a tree item, a grid row): Escape gives it back
  // there, not to the page's body (review 8, m5). Nothing before: Escape leaves it in the field.
  const focusedBefore = useRef<HTMLElement | null>(null);

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

  // The index is built once per inventory snapshot (and kept while names stay), not per keystroke:
  // ahead of the first keystroke, when the browser is idle after the inventory arrives or changes.
  useEffect(() => {
    if (status !== 'ready') return;
    const idle = requestIdleCallback(() => objectIndex(currentInventory()), { timeout: 5000 });
    return () => cancelIdleCallback(idle);
  }, [status, vms, structureVersion]);
  const result = useMemo(
    () =>
      searched.trim()
        ? mergeResults(
            [
              groupIndex(currentInventory()).search(searched, LIMIT),
              objectIndex(currentInventory()).search(searched, LIMIT),
              taskIndex(tasks).search(searched, LIMIT),
            ],
            LIMIT,
          )
        : null,
    // The indexes follow the VMs, the structure and the groupings (what they key on), not every metrics update.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- these stand for currentInventory()
    [searched, vms, structureVersion, datacenters, clusters, tags, tasks],
  );
  const hits = useMemo(() => result?.hits ?? [], [result]);
  // Cleared: closed at once, not when the deferred results catch up.
  const shown = open && result !== null && query.trim() !== '';
  useEffect(() => {
    if (shown) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  }, [active, shown]);

  // Stable for the memoised result rows; it calls the latest handlers.
  const latest = useRef({ select, showAll, onShowSummary, onShowVmList });
  useEffect(() => {
    latest.current = { select, showAll, onShowSummary, onShowVmList };
  });
  // A chosen result empties the field and closes the list, as vSphere's search does: the query served its turn.
  const openHit = useCallback((entry: SearchEntry) => {
    setOpen(false);
    setQuery('');
    setActive(0);
    input.current?.blur();
    openEntry(entry, { ...latest.current, showTask: setTaskId });
  }, []);

  // Enter pressed before the results of what is typed were ready (typing fast on a large estate):
  // it opens the first match of that text once they are, unless the admin typed on or moved on.
  const enterFor = useRef<string | null>(null);
  useEffect(() => {
    if (enterFor.current === null || searched !== enterFor.current) return;
    enterFor.current = null;
    const hit = hits[active];
    // The admin's Enter, completed when its results arrive: one action, not a render cascade.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (shown && hit) openHit(hit.entry);
  }, [searched, hits, active, shown, openHit]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
      setQuery('');
      const before = focusedBefore.current;
      focusedBefore.current = null;
      if (before?.isConnected) before.focus();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      if (hits.length) setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length);
    } else if (event.key === 'Enter') {
      const hit = hits[active];
      // Results still of an earlier keystroke are not what Enter means: it waits for those of the text.
      if (searched !== query && query.trim() !== '') {
        event.preventDefault();
        enterFor.current = query;
      } else if (shown && hit) {
        event.preventDefault();
        openHit(hit.entry);
      }
    }
  };

  return (
    <>
      {/* A bare InputBase draws no ring of its own: the theme outlines this box while the field has the keyboard. */}
      <Box
        data-focus-ring
        sx={{
          position: 'relative',
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
            enterFor.current = null;
            setActive(0);
            setOpen(true);
          }}
          onFocus={(event) => {
            focusedBefore.current = event.relatedTarget instanceof HTMLElement ? event.relatedTarget : null;
            setOpen(true);
          }}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
          // Whole at 1280 px: the label names every kind; the shortcut is what the placeholder must say.
          placeholder="Search VMs, hosts, tasks… (Ctrl+K)"
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
        {/* Laid out under the field by CSS: a positioning engine measuring the page on every keystroke cost more than the search. */}
        {shown && (
          <Paper
            elevation={8}
            sx={{
              position: 'absolute',
              top: '100%',
              right: 0,
              mt: 0.5,
              zIndex: (t) => t.zIndex.modal,
              width: 560,
            }}
          >
            <Typography variant="caption" color="text.secondary" sx={{ display: 'block', px: 2, pt: 1 }} role="status">
              {hits.length === 0
                ? `Nothing matches “${searched.trim()}”`
                : `${formatCount(result?.total ?? 0)} match${result?.total === 1 ? '' : 'es'}${(result?.total ?? 0) > hits.length ? `, best ${hits.length} shown` : ''}`}
            </Typography>
            <SearchResults hits={hits} query={searched} active={active} onOpen={openHit} />
          </Paper>
        )}
      </Box>
      {taskId && <TaskDialog taskId={taskId} onClose={closeTask} />}
    </>
  );
}
