import { Autocomplete, Chip, TextField, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import type { Vm } from '../../../../../shared/model/inventory';
import { formatBytes } from '../../../components/format';
import { useInventory } from '../../../state/inventory-store';
import { vmIndex } from '../../../state/search-sources';
import type { StepProps } from './step-props';

/** The list shows the best matches only: rendering 40,000 options took seconds, typing a few letters finds any VM. */
const LISTED = 200;

export function VmsStep({ state, dispatch }: StepProps) {
  const inv = useInventory();
  const vms = useMemo(() => [...inv.vms.values()], [inv.vms]);
  const selected = useMemo(() => state.vmIds.map((id) => inv.vms.get(id)).filter((v): v is Vm => v !== undefined), [state.vmIds, inv.vms]);
  // The typed text is the admin's: MUI clears it whenever `value` is a new array, and a live inventory
  // makes one on every update (a resync has no event); only a choice, a removal or leaving the field clears it.
  const [typed, setTyped] = useState('');
  const filterOptions = (options: Vm[], { inputValue }: { inputValue: string }): Vm[] =>
    inputValue.trim()
      ? vmIndex(inv)
          .search(inputValue, LISTED)
          .hits.map((h) => inv.vms.get(h.entry.id))
          .filter((v): v is Vm => v !== undefined)
      : options.slice(0, LISTED);
  return (
    <>
      <Typography variant="body2" color="text.secondary" gutterBottom>
        Choose the virtual machines to move. Several move as one batch, each in its own task.
      </Typography>
      <Autocomplete
        multiple
        options={vms}
        value={selected}
        inputValue={typed}
        onInputChange={(event, text, reason) => {
          if (event || reason !== 'reset') setTyped(text);
        }}
        filterOptions={filterOptions}
        getOptionLabel={(vm) => vm.name}
        getOptionKey={(vm) => vm.id}
        isOptionEqualToValue={(a, b) => a.id === b.id}
        onChange={(_e, value) => dispatch({ kind: 'vms', vmIds: value.map((v) => v.id) })}
        renderValue={(value, getItemProps) =>
          value.map((vm, index) => (
            <Chip {...getItemProps({ index })} key={vm.id} label={`${vm.name} (${formatBytes(vm.memoryBytes, 0)})`} />
          ))
        }
        renderInput={(params) => (
          <TextField
            {...params}
            label="Virtual machines"
            placeholder="Type a name"
            helperText={
              vms.length > LISTED
                ? `${vms.length.toLocaleString()} VMs: type part of a name or id; the best ${LISTED} matches are listed`
                : undefined
            }
          />
        )}
      />
    </>
  );
}
