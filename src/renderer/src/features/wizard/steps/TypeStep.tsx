import { FormControlLabel, Radio, RadioGroup, Typography } from '@mui/material';
import type { MigrationType } from '../../../../../shared/model/migration';
import { useCapabilities } from '../use-capabilities';
import type { StepProps } from './step-props';

const choices: {
  type: MigrationType;
  label: string;
  detail: string;
  needs: 'liveMigration' | 'storageMigration' | 'sharedNothingMigration';
}[] = [
  {
    type: 'compute',
    label: 'Change compute resource only',
    detail: 'Memory and CPU state move to another host; the disks stay where they are (shared storage).',
    needs: 'liveMigration',
  },
  {
    type: 'storage',
    label: 'Change storage only',
    detail: 'The disks move to another datastore while the VM keeps running on its host.',
    needs: 'storageMigration',
  },
  {
    type: 'both',
    label: 'Change both compute resource and storage',
    detail:
      'Shared-nothing: the disks are copied first (guest writes mirrored), then memory, to a host that cannot see the current storage.',
    needs: 'sharedNothingMigration',
  },
];

export function TypeStep({ state, dispatch }: StepProps) {
  const capabilities = useCapabilities(state.vmIds);
  return (
    <RadioGroup
      value={state.type}
      onChange={(e) => dispatch({ kind: 'type', type: e.target.value as MigrationType })}
      aria-label="Migration type"
    >
      {choices.map((c) => (
        <FormControlLabel
          key={c.type}
          value={c.type}
          control={<Radio />}
          disabled={capabilities !== null && !capabilities[c.needs]}
          sx={{ alignItems: 'flex-start', mb: 1.5 }}
          label={
            <>
              <Typography>{c.label}</Typography>
              <Typography variant="body2" color="text.secondary">
                {capabilities !== null && !capabilities[c.needs] ? "These VMs' hosts cannot do this." : c.detail}
              </Typography>
            </>
          }
        />
      ))}
    </RadioGroup>
  );
}
