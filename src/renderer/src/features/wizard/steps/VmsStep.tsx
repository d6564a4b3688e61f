import { Autocomplete, Chip, TextField, Typography } from '@mui/material';
import type { Vm } from '../../../../../shared/model/inventory';
import { formatBytes } from '../../../components/format';
import { useInventory } from '../../../state/inventory-store';
import type { StepProps } from './step-props';

export function VmsStep({ state, dispatch }: StepProps) {
  const inv = useInventory();
  const vms = [...inv.vms.values()];
  const selected = state.vmIds.map((id) => inv.vms.get(id)).filter((v): v is Vm => v !== undefined);
  return (
    <>
      <Typography variant="body2" color="text.secondary" gutterBottom>
        Choose the virtual machines to move. Several move as one batch, each in its own task.
      </Typography>
      <Autocomplete
        multiple
        options={vms}
        value={selected}
        getOptionLabel={(vm) => vm.name}
        isOptionEqualToValue={(a, b) => a.id === b.id}
        onChange={(_e, value) => dispatch({ kind: 'vms', vmIds: value.map((v) => v.id) })}
        renderValue={(value, getItemProps) =>
          value.map((vm, index) => (
            <Chip {...getItemProps({ index })} key={vm.id} label={`${vm.name} (${formatBytes(vm.memoryBytes, 0)})`} />
          ))
        }
        renderInput={(params) => <TextField {...params} label="Virtual machines" placeholder="Type a name" />}
      />
    </>
  );
}
