import {
  Alert,
  AlertTitle,
  CircularProgress,
  List,
  ListItem,
  ListItemText,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@mui/material';
import { describeRecurring } from '../../../components/describe-cron';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatRate } from '../../../components/format';
import { namesItsVms } from '../../../components/named-reason';
import { formatFullInZone } from '../../../components/zone-time';
import { useInventory } from '../../../state/inventory-store';
import { blockedOf } from '../batch';
import type { WizardState } from '../wizard-state';
import { ChecksList } from './ChecksList';
import { consequences } from './consequences';
import { MovesTable } from './MovesTable';
import { PredictionTable } from './PredictionTable';
import type { StepProps } from './step-props';

const types = { compute: 'Compute only (disks stay)', storage: 'Storage only (VM stays on its host)', both: 'Compute and storage' };
const priorities = { high: 'High', default: 'Default', low: 'Low' };

function scheduleText(state: WizardState): string {
  const s = state.schedule;
  if (s.kind === 'now') return 'Now';
  const window = state.windowMinutes ? `, within ${state.windowMinutes} minute${state.windowMinutes === 1 ? '' : 's'}` : '';
  if (s.kind === 'once') return `Once, at ${formatFullInZone(s.at, s.timezone)}${window}`;
  return `Recurring: ${describeRecurring(s.cron, s.timezone)}${window}`;
}

function settingsOf(state: WizardState): [string, string][] {
  const policy = state.options.convergence;
  return [
    ['Migration type', types[state.type]],
    ['Priority', priorities[state.priority]],
    ['Schedule', scheduleText(state)],
    ['Bandwidth', state.options.bandwidthLimitBps === null ? 'Unlimited' : `Capped at ${formatRate(state.options.bandwidthLimitBps)}`],
    ['Encryption', state.options.encryptStream === true ? 'TLS between the hosts' : 'Off'],
    [
      'Convergence',
      `pause ≤ ${policy.maxDowntimeMs} ms (up to ${policy.downtimeRampMaxMs} ms), auto-converge ${policy.autoConverge ? 'on' : 'off'}, post-copy ${policy.allowPostCopy ? 'allowed' : 'off'}`,
    ],
  ];
}

/** What still moves beside the blocked VMs: "the other one proceeds", "the other 2 proceed". */
const proceeding = (ready: number): string =>
  ready === 0 ? 'nothing can proceed' : ready === 1 ? 'the other one proceeds' : `the other ${ready} proceed`;

/** Ready to complete: every VM's move, the settings, the prediction, what will not move and why. */
export function ReadyStep({ state, dispatch, checks }: StepProps) {
  const inv = useInventory();
  const blocked = blockedOf(checks.byVm);
  const ready = checks.byVm ? state.vmIds.filter((id) => !blocked.has(id)) : [];
  const vmName = (id: string) => inv.vms.get(id)?.name ?? id;
  return (
    <>
      <MovesTable state={state} checks={checks} />
      {blocked.size > 0 && (
        <Alert severity="warning" sx={{ mt: 2 }} role="note" aria-label="VMs that will not move">
          <AlertTitle>
            {blocked.size} of {state.vmIds.length} VMs will not move; {proceeding(ready.length)}
          </AlertTitle>
          {[...blocked].map(([vmId, reason]) => (
            <div key={vmId}>
              {!namesItsVms(reason.message, [vmName(vmId)]) && <strong>{vmName(vmId)}: </strong>}
              {reason.message} {reason.hint}
            </div>
          ))}
        </Alert>
      )}
      <Table size="small" aria-label="Settings" sx={{ mt: 2, '& th': { width: 160, fontWeight: 600 } }}>
        <TableBody>
          {settingsOf(state).map(([label, value]) => (
            <TableRow key={label}>
              <TableCell component="th" scope="row">
                {label}
              </TableCell>
              <TableCell>{value}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="subtitle2" sx={{ mt: 2 }} gutterBottom>
        Prediction
      </Typography>
      {checks.loading && <CircularProgress size={18} aria-label="Running the final checks" />}
      {checks.error && <ErrorAlert title="Could not run the final checks" error={checks.error} />}
      <PredictionTable state={state} vmIds={ready} />
      {ready.map((vmId) => {
        const warnings = (checks.byVm?.get(vmId) ?? []).filter((r) => r.severity === 'warning');
        return warnings.length === 0 ? null : (
          <ChecksList
            key={vmId}
            title={vmName(vmId)}
            results={warnings}
            acknowledged={state.acknowledged}
            onAcknowledge={(code, on) => dispatch({ kind: 'acknowledge', code, on })}
          />
        );
      })}
      <Typography variant="subtitle2" sx={{ mt: 2 }} gutterBottom>
        What these choices mean
      </Typography>
      <List dense>
        {consequences(state, inv, new Set(blocked.keys())).map((line) => (
          <ListItem key={line} disableGutters>
            <ListItemText primary={line} />
          </ListItem>
        ))}
      </List>
    </>
  );
}
