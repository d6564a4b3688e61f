import FilterListIcon from '@mui/icons-material/FilterList';
import { Button, MenuItem, Stack, TextField } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { AuditAction, type AuditFilter } from '../../../../shared/model/audit';
import { auditActionWords } from '../../../../shared/model/audit-words';
import { outcomeLabel } from '../../components/task-labels';

/** Part of a name, or the whole name in quotes (audit-query.ts): vm1 alone also finds vm10 to vm19. */
const wholeNameHint = 'part, or "whole name"';

const outcomes = ['completed', 'completed_with_problems', 'aborted', 'failed', 'queued'];

/** Material's "calendar today" shape, as a mask for the date fields' picker icon. */
const calendarIcon =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'%3E%3Cpath d='M20 3h-1V1h-2v2H7V1H5v2H4c-1.1 0-2 .9-2 2v16c0 1.1.9 2 2 2h16c1.1 0 2-.9 2-2V5c0-1.1-.9-2-2-2zm0 18H4V8h16v13z'/%3E%3C/svg%3E";

/**
 * Chromium draws a date field's calendar icon dark whatever the theme (2:1 in the dark one, new-user review 7):
 * drawn instead in the colour the theme gives icons (action.active, as MUI's own), through that shape.
 */
const dateField = {
  sx: {
    // "11/27/2026, 08:05 AM" and the icon whole, no wider: the fields share one row with Actor at 1024 px (new-user review 7, 12).
    width: 216,
    '& input::-webkit-calendar-picker-indicator': {
      backgroundImage: 'none',
      bgcolor: 'action.active',
      mask: `url("${calendarIcon}") center / 16px no-repeat`,
      cursor: 'pointer',
    },
  },
};

/** datetime-local holds local wall time; the filter wants ISO instants. */
const toIso = (local: string): string | undefined => (local ? new Date(local).toISOString() : undefined);
const toLocal = (iso?: string): string =>
  iso ? new Date(new Date(iso).getTime() - new Date(iso).getTimezoneOffset() * 60_000).toISOString().slice(0, 16) : '';

/** The filters behind "More filters": the time range, and the columns Search already looks through. */
const lessUsed = ['from', 'to', 'actor', 'vm', 'host', 'action', 'outcome'] as const;

/**
 * Search in one row with `actions` (Verify and Export); the time range and the column filters one click away,
 * so that a short window (1024×768 under Recent tasks) keeps room for the records. Folded, the toggle counts
 * those in use. Unfolded they take the view's whole width in narrow fields (two rows at 1024 and 1280 px): beside
 * the actions, in fields as wide as Search, they took five rows and pushed the pager under Recent tasks (new-user review 7, 12).
 */
export function AuditFilters({
  filter,
  onChange,
  actions,
}: {
  filter: AuditFilter;
  onChange(filter: AuditFilter): void;
  actions: ReactNode;
}) {
  const [more, setMore] = useState(false);
  const inUse = lessUsed.filter((key) => filter[key]).length;
  const set = (patch: Partial<AuditFilter>) => {
    const next: AuditFilter = { ...filter, ...patch };
    for (const key of Object.keys(next) as (keyof AuditFilter)[]) if (next[key] === '' || next[key] === undefined) delete next[key];
    onChange(next);
  };
  const field = { size: 'small' as const, sx: { width: 150 } };
  // From after To finds nothing: say so at the fields rather than leave "No rows" unexplained.
  const backwards = Boolean(filter.from && filter.to && filter.from > filter.to);
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', p: 1 }} role="search" aria-label="Audit filters">
      <TextField
        size="small"
        sx={{ width: 220 }}
        label="Search"
        title="Looks through every column: actor, action (in words or as its code), VM, hosts, outcome, errors and details"
        value={filter.text ?? ''}
        onChange={(e) => set({ text: e.target.value })}
      />
      <Button
        size="small"
        startIcon={<FilterListIcon />}
        aria-expanded={more}
        aria-controls="audit-more-filters"
        onClick={() => setMore(!more)}
        sx={{ alignSelf: 'center', whiteSpace: 'nowrap' }}
      >
        {more ? 'Fewer filters' : `More filters${inUse ? ` (${inUse})` : ''}`}
      </Button>
      <Stack direction="row" spacing={1} sx={{ ml: 'auto' }}>
        {actions}
      </Stack>
      {more && (
        <Stack id="audit-more-filters" direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', width: '100%' }}>
          {/* "From date" and "To date": the hosts' columns below are From and To (new-user review 7). */}
          <TextField
            {...field}
            {...dateField}
            label="From date"
            type="datetime-local"
            value={toLocal(filter.from)}
            onChange={(e) => set({ from: toIso(e.target.value) })}
            slotProps={{ inputLabel: { shrink: true } }}
            error={backwards}
          />
          <TextField
            {...field}
            {...dateField}
            label="To date"
            type="datetime-local"
            value={toLocal(filter.to)}
            onChange={(e) => set({ to: toIso(e.target.value) })}
            slotProps={{ inputLabel: { shrink: true } }}
            error={backwards}
            helperText={backwards ? 'Before From date: the range is backwards' : undefined}
          />
          <TextField {...field} label="Actor" value={filter.actor ?? ''} onChange={(e) => set({ actor: e.target.value })} />
          <TextField
            {...field}
            label="VM"
            placeholder={wholeNameHint}
            value={filter.vm ?? ''}
            onChange={(e) => set({ vm: e.target.value })}
          />
          <TextField
            {...field}
            label="Host"
            placeholder={wholeNameHint}
            value={filter.host ?? ''}
            onChange={(e) => set({ host: e.target.value })}
          />
          <TextField
            {...field}
            select
            label="Action"
            value={filter.action ?? ''}
            onChange={(e) => set({ action: (e.target.value || undefined) as AuditFilter['action'] })}
          >
            <MenuItem value="">Any</MenuItem>
            {/* In the grid's words; the code (what the filter matches, and the export's column) in the title. */}
            {AuditAction.options.map((a) => (
              <MenuItem key={a} value={a} title={a}>
                {auditActionWords[a]}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            {...field}
            select
            label="Outcome"
            value={filter.outcome ?? ''}
            onChange={(e) => set({ outcome: e.target.value || undefined })}
          >
            <MenuItem value="">Any</MenuItem>
            {outcomes.map((o) => (
              <MenuItem key={o} value={o}>
                {outcomeLabel(o)}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
      )}
    </Stack>
  );
}
