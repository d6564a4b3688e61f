import { MenuItem, Stack, TextField } from '@mui/material';
import { AuditAction, type AuditFilter } from '../../../../shared/model/audit';

const outcomes = ['completed', 'completed_with_problems', 'aborted', 'failed', 'queued'];

/** datetime-local holds local wall time; the filter wants ISO instants. */
const toIso = (local: string): string | undefined => (local ? new Date(local).toISOString() : undefined);
const toLocal = (iso?: string): string =>
  iso ? new Date(new Date(iso).getTime() - new Date(iso).getTimezoneOffset() * 60_000).toISOString().slice(0, 16) : '';

export function AuditFilters({ filter, onChange }: { filter: AuditFilter; onChange(filter: AuditFilter): void }) {
  const set = (patch: Partial<AuditFilter>) => {
    const next: AuditFilter = { ...filter, ...patch };
    for (const key of Object.keys(next) as (keyof AuditFilter)[]) if (next[key] === '' || next[key] === undefined) delete next[key];
    onChange(next);
  };
  const field = { size: 'small' as const, sx: { minWidth: 150 } };
  // From after To finds nothing: say so at the fields rather than leave "No rows" unexplained.
  const backwards = Boolean(filter.from && filter.to && filter.from > filter.to);
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', p: 1 }} role="search" aria-label="Audit filters">
      <TextField {...field} label="Search" value={filter.text ?? ''} onChange={(e) => set({ text: e.target.value })} />
      <TextField
        {...field}
        label="From"
        type="datetime-local"
        value={toLocal(filter.from)}
        onChange={(e) => set({ from: toIso(e.target.value) })}
        slotProps={{ inputLabel: { shrink: true } }}
        error={backwards}
      />
      <TextField
        {...field}
        label="To"
        type="datetime-local"
        value={toLocal(filter.to)}
        onChange={(e) => set({ to: toIso(e.target.value) })}
        slotProps={{ inputLabel: { shrink: true } }}
        error={backwards}
        helperText={backwards ? 'Before From: the range is backwards' : undefined}
      />
      <TextField {...field} label="Actor" value={filter.actor ?? ''} onChange={(e) => set({ actor: e.target.value })} />
      <TextField {...field} label="VM" value={filter.vm ?? ''} onChange={(e) => set({ vm: e.target.value })} />
      <TextField {...field} label="Host" value={filter.host ?? ''} onChange={(e) => set({ host: e.target.value })} />
      <TextField
        {...field}
        select
        label="Action"
        value={filter.action ?? ''}
        onChange={(e) => set({ action: (e.target.value || undefined) as AuditFilter['action'] })}
      >
        <MenuItem value="">Any</MenuItem>
        {AuditAction.options.map((a) => (
          <MenuItem key={a} value={a}>
            {a}
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
            {o}
          </MenuItem>
        ))}
      </TextField>
    </Stack>
  );
}
