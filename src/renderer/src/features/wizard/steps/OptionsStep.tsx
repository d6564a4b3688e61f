import { Alert, Box, FormControlLabel, FormLabel, Radio, RadioGroup, Stack, Switch, TextField, Typography } from '@mui/material';
import type { ConvergencePolicy, Priority } from '../../../../../shared/model/migration';
import { useInventory } from '../../../state/inventory-store';
import { useCapabilities } from '../use-capabilities';
import type { StepProps } from './step-props';

const MiB = 1024 * 1024;
const priorities: { value: Priority; label: string; detail: string }[] = [
  {
    value: 'high',
    label: 'High',
    detail: 'Starts first; reserves half of each migration link and waits for it rather than start on a crowded one.',
  },
  { value: 'default', label: 'Default', detail: 'Starts when the cost caps allow, in request order.' },
  { value: 'low', label: 'Low', detail: 'Yields to any waiting high-priority migration.' },
];

function NumberField({
  label,
  value,
  onChange,
  unit,
  min,
  max,
}: {
  label: string;
  value: number;
  onChange(v: number): void;
  unit: string;
  min: number;
  max: number;
}) {
  return (
    <TextField
      label={label}
      type="number"
      size="small"
      value={value}
      onChange={(e) => {
        const n = Number(e.target.value);
        if (Number.isFinite(n)) onChange(Math.min(max, Math.max(min, n)));
      }}
      slotProps={{ htmlInput: { min, max }, input: { endAdornment: <Typography variant="caption">{unit}</Typography> } }}
      sx={{ width: 220 }}
    />
  );
}

export function OptionsStep({ state, dispatch }: StepProps) {
  const capabilities = useCapabilities(state.vmIds);
  const can = (what: 'postCopy' | 'bandwidthLimit' | 'downtimeLimit') => capabilities === null || capabilities[what];
  const policy = state.options.convergence;
  const setPolicy = (patch: Partial<ConvergencePolicy>) =>
    dispatch({ kind: 'options', options: { ...state.options, convergence: { ...policy, ...patch } } });
  const limited = state.options.bandwidthLimitBps !== null;
  const inv = useInventory();
  const poweredOff = state.vmIds.filter((id) => inv.vms.get(id)?.power === 'off').length;
  return (
    <Stack spacing={2.5}>
      {poweredOff > 0 && (
        <Alert severity="info">
          {poweredOff === state.vmIds.length ? (poweredOff === 1 ? 'This VM is' : 'These VMs are') : `${poweredOff} of these VMs are`}{' '}
          powered off: {poweredOff === 1 ? 'it moves' : 'they move'} cold (re-registered on the destination, disks copied if they move), so
          downtime and convergence do not apply to them.
        </Alert>
      )}
      <Box>
        <FormLabel id="priority-label">Priority</FormLabel>
        <RadioGroup
          aria-labelledby="priority-label"
          value={state.priority}
          onChange={(e) => dispatch({ kind: 'priority', priority: e.target.value as Priority })}
        >
          {priorities.map((p) => (
            <FormControlLabel
              key={p.value}
              value={p.value}
              control={<Radio size="small" />}
              label={
                <>
                  <b>{p.label}</b> — {p.detail}
                </>
              }
            />
          ))}
        </RadioGroup>
      </Box>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <NumberField
          label="Maximum downtime"
          unit="ms"
          min={10}
          max={60_000}
          value={policy.maxDowntimeMs}
          onChange={(v) => setPolicy({ maxDowntimeMs: v, downtimeRampMaxMs: Math.max(v, policy.downtimeRampMaxMs) })}
        />
        <NumberField
          label="Downtime ramp up to"
          unit="ms"
          min={policy.maxDowntimeMs}
          max={60_000}
          value={policy.downtimeRampMaxMs}
          onChange={(v) => setPolicy({ downtimeRampMaxMs: v })}
        />
        <Stack direction="row" sx={{ alignItems: 'center' }}>
          <FormControlLabel
            disabled={!can('bandwidthLimit')}
            control={
              <Switch
                checked={limited}
                onChange={(e) =>
                  dispatch({ kind: 'options', options: { ...state.options, bandwidthLimitBps: e.target.checked ? 500 * MiB : null } })
                }
              />
            }
            label="Limit bandwidth"
          />
          {limited && (
            <NumberField
              label="Bandwidth"
              unit="MiB/s"
              min={1}
              max={100_000}
              value={Math.round((state.options.bandwidthLimitBps ?? 0) / MiB)}
              onChange={(v) => dispatch({ kind: 'options', options: { ...state.options, bandwidthLimitBps: v * MiB } })}
            />
          )}
        </Stack>
      </Stack>
      <FormControlLabel
        control={
          <Switch
            checked={state.options.encryptStream === true}
            onChange={(e) => dispatch({ kind: 'options', options: { ...state.options, encryptStream: e.target.checked } })}
          />
        }
        label="Encrypt the migration stream (TLS): both hosts need QEMU's TLS certificates"
      />
      <Box>
        <FormLabel>Convergence policy</FormLabel>
        <Stack>
          <FormControlLabel
            control={<Switch checked={policy.autoConverge} onChange={(e) => setPolicy({ autoConverge: e.target.checked })} />}
            label="Auto-converge: throttle the guest's vCPUs if the copy does not converge"
          />
          <FormControlLabel
            disabled={!can('postCopy')}
            control={
              <Switch checked={policy.allowPostCopy && can('postCopy')} onChange={(e) => setPolicy({ allowPostCopy: e.target.checked })} />
            }
            label={
              can('postCopy')
                ? 'Allow post-copy as a last resort: switch over early and pull the rest from the source'
                : "Post-copy: these VMs' hosts cannot do it"
            }
          />
          {policy.allowPostCopy && can('postCopy') && (
            <Alert severity="warning" sx={{ mt: 1 }} role="note" aria-label="Post-copy risk">
              Once post-copy starts there is no way back: the guest runs on the destination while part of its memory is still on the source.
              If either host, or the link between them, fails before it ends, the guest stops with its state split between both hosts. Ferry
              resumes a broken post-copy when both hosts survive; if one is lost, so is the guest's running state, and it must be started
              again from its disks.
            </Alert>
          )}
        </Stack>
        <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', mt: 1 }} useFlexGap>
          <NumberField
            label="Give up after"
            unit="s per GiB"
            min={1}
            max={3600}
            value={policy.completionTimeoutSecPerGiB}
            onChange={(v) => setPolicy({ completionTimeoutSecPerGiB: v })}
          />
          <NumberField
            label="Stalled for"
            unit="s"
            min={1}
            max={3600}
            value={policy.progressTimeoutSec}
            onChange={(v) => setPolicy({ progressTimeoutSec: v })}
          />
        </Stack>
      </Box>
    </Stack>
  );
}
