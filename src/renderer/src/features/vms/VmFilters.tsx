import { Button, Stack, TextField, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { noFilter, type Tristate, type VmFilter } from './vm-rows';

interface Props {
  filter: VmFilter;
  onChange: (filter: VmFilter) => void;
  shown: number;
  total: number;
}

function Choice({
  label,
  value,
  onChange,
  children,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  children: ReactNode;
}) {
  return (
    <TextField
      select
      size="small"
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      slotProps={{ select: { native: true } }}
      sx={{ width: 118 }}
    >
      {children}
    </TextField>
  );
}

const tristate = (
  <>
    <option value="any">Any</option>
    <option value="yes">Yes</option>
    <option value="no">No</option>
  </>
);

const gib = (text: string): number | null => (text.trim() === '' || Number.isNaN(Number(text)) ? null : Number(text));

/** A filter per column of the VM list; all of them apply together. */
export function VmFilters({ filter, onChange, shown, total }: Props) {
  const set = (patch: Partial<VmFilter>) => onChange({ ...filter, ...patch });
  return (
    <Stack
      direction="row"
      spacing={1}
      useFlexGap
      sx={{ flexWrap: 'wrap', alignItems: 'center' }}
      role="search"
      aria-label="Filter virtual machines"
    >
      <TextField size="small" label="Name" value={filter.name} onChange={(e) => set({ name: e.target.value })} sx={{ width: 150 }} />
      <TextField size="small" label="Host" value={filter.host} onChange={(e) => set({ host: e.target.value })} sx={{ width: 130 }} />
      <Choice label="Power" value={filter.power} onChange={(v) => set({ power: v as VmFilter['power'] })}>
        <option value="any">Any</option>
        <option value="running">Running</option>
        <option value="paused">Paused</option>
        <option value="off">Off</option>
        <option value="unknown">Unknown</option>
      </Choice>
      {/* Wide enough for the whole label at 1280 px ("Memory ≥ ..." was cut). */}
      <TextField
        size="small"
        type="number"
        label="Memory ≥ GiB"
        value={filter.minMemoryGiB ?? ''}
        onChange={(e) => set({ minMemoryGiB: gib(e.target.value) })}
        sx={{ width: 150 }}
      />
      <TextField
        size="small"
        type="number"
        label="Memory ≤ GiB"
        value={filter.maxMemoryGiB ?? ''}
        onChange={(e) => set({ maxMemoryGiB: gib(e.target.value) })}
        sx={{ width: 150 }}
      />
      <TextField size="small" label="Tag" value={filter.tag} onChange={(e) => set({ tag: e.target.value })} sx={{ width: 110 }} />
      <Choice label="Mission-critical" value={filter.missionCritical} onChange={(v) => set({ missionCritical: v as Tristate })}>
        {tristate}
      </Choice>
      <Choice label="Migrating" value={filter.migrating} onChange={(v) => set({ migrating: v as Tristate })}>
        {tristate}
      </Choice>
      <Button size="small" onClick={() => onChange(noFilter)} disabled={filter === noFilter}>
        Clear filters
      </Button>
      <Typography variant="body2" color="text.secondary" role="status" aria-label="Shown virtual machines">
        {shown === total ? `${total.toLocaleString()} VMs` : `${shown.toLocaleString()} of ${total.toLocaleString()} VMs`}
      </Typography>
    </Stack>
  );
}
