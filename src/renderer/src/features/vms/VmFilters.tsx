import { Button, Stack, TextField, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useInventorySelector } from '../../state/inventory-store';
import { isNoFilter, noFilter, shownWords, type Tristate, type VmFilter } from './vm-rows';

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

/** A memory bound as typed: null for none (empty), undefined for no amount of GiB (-5, 1e309), which filters nothing and is said at the field. */
const gib = (text: string): number | null | undefined => {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};
const notGib = 'A number of GiB, 0 or more';

/** A filter per column of the VM list; all of them apply together. */
export function VmFilters({ filter, onChange, shown, total }: Props) {
  const set = (patch: Partial<VmFilter>) => onChange({ ...filter, ...patch });
  // What was typed in a memory field that is no amount (the filter then has no bound there).
  const [badMemory, setBadMemory] = useState<{ min?: string; max?: string }>({});
  const loading = useInventorySelector((s) => s.status === 'loading');
  // The browser gives '' for what it cannot read as a number (1e309), and says so in badInput.
  const setMemory = (bound: 'min' | 'max', { value: text, validity }: HTMLInputElement) => {
    const value = validity.badInput ? undefined : gib(text);
    setBadMemory((was) => ({ ...was, [bound]: value === undefined ? text : undefined }));
    set(bound === 'min' ? { minMemoryGiB: value ?? null } : { maxMemoryGiB: value ?? null });
  };
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
        value={badMemory.min ?? filter.minMemoryGiB ?? ''}
        onChange={(e) => setMemory('min', e.target as HTMLInputElement)}
        error={badMemory.min !== undefined}
        helperText={badMemory.min !== undefined ? notGib : undefined}
        sx={{ width: 150 }}
      />
      <TextField
        size="small"
        type="number"
        label="Memory ≤ GiB"
        value={badMemory.max ?? filter.maxMemoryGiB ?? ''}
        onChange={(e) => setMemory('max', e.target as HTMLInputElement)}
        error={badMemory.max !== undefined}
        helperText={badMemory.max !== undefined ? notGib : undefined}
        sx={{ width: 150 }}
      />
      <TextField
        size="small"
        label="Tag"
        value={filter.tag}
        onChange={(e) => set({ tag: e.target.value })}
        slotProps={{ htmlInput: { title: `Part of a tag, or one whole tag in quotes ("web" or 'web')` } }}
        sx={{ width: 110 }}
      />
      <Choice label="Mission-critical" value={filter.missionCritical} onChange={(v) => set({ missionCritical: v as Tristate })}>
        {tristate}
      </Choice>
      <Choice label="Migrating" value={filter.migrating} onChange={(v) => set({ migrating: v as Tristate })}>
        {tristate}
      </Choice>
      <Button
        size="small"
        onClick={() => {
          setBadMemory({});
          onChange(noFilter);
        }}
        disabled={isNoFilter(filter) && badMemory.min === undefined && badMemory.max === undefined}
      >
        Clear filters
      </Button>
      <Typography variant="body2" color="text.secondary" role="status" aria-label="Shown virtual machines">
        {shownWords(shown, total, loading)}
      </Typography>
    </Stack>
  );
}
