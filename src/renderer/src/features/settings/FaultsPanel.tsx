import { Box, Button, Chip, FormControlLabel, MenuItem, Stack, Switch, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { FaultOperation, type FaultRuleInput } from '../../../../shared/model/faults';
import { api } from '../../api/client';
import { useCommand } from '../../api/use-command';
import { ErrorAlert } from '../../components/ErrorAlert';
import { faultRuleProblems } from './settings-checks';

/** Fault rules of a backend that supports them (the simulated datacenter): make any step fail, on purpose. */
export function FaultsPanel({ driverId }: { driverId: string }) {
  const rules = useCommand('faults.list', { driverId });
  const [draft, setDraft] = useState<FaultRuleInput>({
    operation: 'memory.copy',
    target: '*',
    probability: 1,
    count: 1,
    delayMs: 0,
    fail: true,
  });
  const [failure, setFailure] = useState<unknown>(null);
  // Numbers as typed (NaN when emptied): a probability of 2 is said at its field, not made 1.
  const problems = faultRuleProblems(draft);
  const number = (value: string) => (value === '' ? NaN : Number(value));
  const act = (promise: Promise<unknown>) =>
    promise.then(() => {
      setFailure(null);
      rules.reload();
    }, setFailure);
  return (
    <Box role="region" aria-label="Fault injection">
      <Typography variant="subtitle1" component="h3">
        Fault injection ({driverId})
      </Typography>
      <Typography variant="caption" color="text.secondary">
        Rules make the next matching steps fail (or wait), to see rollbacks and recovery happen. Host events (host.fail, host.degrade)
        happen after their delay.
      </Typography>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', my: 1 }}>
        <TextField
          select
          size="small"
          label="Operation"
          value={draft.operation}
          onChange={(e) => setDraft({ ...draft, operation: e.target.value as FaultRuleInput['operation'] })}
          sx={{ width: 170 }}
        >
          {FaultOperation.options.map((o) => (
            <MenuItem key={o} value={o}>
              {o}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          size="small"
          label="Target (VM or host, * ?)"
          value={draft.target}
          onChange={(e) => setDraft({ ...draft, target: e.target.value })}
          error={Boolean(problems.target)}
          helperText={problems.target}
          sx={{ width: 190 }}
        />
        <TextField
          size="small"
          label="Probability"
          type="number"
          value={Number.isNaN(draft.probability) ? '' : draft.probability}
          onChange={(e) => setDraft({ ...draft, probability: number(e.target.value) })}
          error={Boolean(problems.probability)}
          helperText={problems.probability ?? '0 to 1'}
          sx={{ width: 110 }}
        />
        <TextField
          size="small"
          label="Times"
          type="number"
          value={draft.count ?? ''}
          onChange={(e) => setDraft({ ...draft, count: e.target.value ? Number(e.target.value) : null })}
          error={Boolean(problems.count)}
          helperText={problems.count ?? 'empty: always'}
          sx={{ width: problems.count ? 200 : 90 }}
        />
        <TextField
          size="small"
          label="Delay (ms)"
          type="number"
          value={Number.isNaN(draft.delayMs) ? '' : draft.delayMs}
          onChange={(e) => setDraft({ ...draft, delayMs: number(e.target.value) })}
          error={Boolean(problems.delayMs)}
          helperText={problems.delayMs}
          sx={{ width: 110 }}
        />
        <FormControlLabel
          control={<Switch checked={draft.fail ?? true} onChange={(e) => setDraft({ ...draft, fail: e.target.checked })} />}
          label="Fail"
        />
        <Button
          variant="outlined"
          disabled={Object.keys(problems).length > 0}
          onClick={() => void act(api.invoke('faults.add', { driverId, rule: draft }))}
        >
          Add rule
        </Button>
      </Stack>
      {failure !== null && <ErrorAlert title="Fault rules not changed" error={failure} />}
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {rules.data?.map((r) => (
          <Chip
            key={r.id}
            label={`${r.operation} on ${r.target} (${r.struck}/${r.count ?? '∞'} struck)`}
            onDelete={() => void act(api.invoke('faults.remove', { driverId, ruleId: r.id }))}
          />
        ))}
        {rules.data?.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            No rules: everything works.
          </Typography>
        )}
      </Stack>
    </Box>
  );
}
