import {
  CircularProgress,
  List,
  ListItem,
  ListItemText,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useCommand } from '../../../api/use-command';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatBytes, formatDuration, formatRate } from '../../../components/format';
import { describeBasis } from '../../../components/prediction-basis';
import { useInventory } from '../../../state/inventory-store';
import { ChecksList } from './ChecksList';
import type { StepProps } from './step-props';
import { consequences } from './consequences';
import { counted } from '../../../components/plural';

const strategies = {
  precopy: 'pre-copy',
  'downtime-ramp': 'pre-copy with a raised downtime limit',
  'auto-converge': 'pre-copy with throttling',
  'post-copy': 'post-copy',
  'will-not-converge': 'will not converge',
} as const;

/** Predicted duration and downtime per VM, the final checks, and what the chosen options mean. */
export function ReviewStep({ state, dispatch }: StepProps) {
  const inv = useInventory();
  const target = {
    vmIds: state.vmIds,
    destHostId: state.type === 'storage' ? null : state.destHostId,
    type: state.type,
    destDatastoreId: state.type === 'compute' ? null : state.destDatastoreId,
  };
  const predictions = useCommand('migration.predict', { ...target, options: state.options });
  const checks = useCommand('migration.precheck', target);
  const vmName = (id: string) => inv.vms.get(id)?.name ?? id;
  return (
    <>
      <Typography variant="subtitle2" gutterBottom>
        Prediction
      </Typography>
      {predictions.loading && (
        <Typography variant="body2" color="text.secondary">
          <CircularProgress size={14} sx={{ mr: 1 }} />
          Measuring how fast the guests dirty memory (a few seconds)…
        </Typography>
      )}
      {predictions.error && <ErrorAlert title="Could not predict the migration" error={predictions.error} />}
      {predictions.data && (
        <Table size="small" aria-label="Prediction">
          <TableHead>
            <TableRow>
              <TableCell>VM</TableCell>
              <TableCell>Duration</TableCell>
              <TableCell>Downtime</TableCell>
              <TableCell>Transfer</TableCell>
              <TableCell>How it will converge</TableCell>
              <TableCell>From</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {predictions.data.map(({ vmId, prediction: p }) => (
              <TableRow key={vmId}>
                <TableCell>{vmName(vmId)}</TableCell>
                <TableCell>{p.durationMs === null ? 'does not finish' : `about ${formatDuration(p.durationMs)}`}</TableCell>
                <TableCell>{p.downtimeMs === null ? '—' : `about ${formatDuration(p.downtimeMs)}`}</TableCell>
                <TableCell>
                  {formatBytes(p.transferBytes)} in {counted(p.iterations, 'pass', 'passes')}
                </TableCell>
                <TableCell>{strategies[p.strategy]}</TableCell>
                <TableCell>{describeBasis(p.basis)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Typography variant="subtitle2" sx={{ mt: 2 }} gutterBottom>
        What these choices mean
      </Typography>
      <List dense>
        {consequences(state, inv).map((line) => (
          <ListItem key={line} disableGutters>
            <ListItemText primary={line} />
          </ListItem>
        ))}
      </List>
      <Typography variant="subtitle2" sx={{ mt: 1 }} gutterBottom>
        Final checks
      </Typography>
      {checks.loading && <CircularProgress size={18} />}
      {checks.error && <ErrorAlert title="Could not run the final checks" error={checks.error} />}
      {checks.data?.map((c) => (
        <ChecksList
          key={c.vmId}
          title={vmName(c.vmId)}
          results={c.results}
          acknowledged={state.acknowledged}
          onAcknowledge={(code, on) => dispatch({ kind: 'acknowledge', code, on })}
        />
      ))}
      {state.options.bandwidthLimitBps !== null && (
        <Typography variant="caption" color="text.secondary">
          Bandwidth limited to {formatRate(state.options.bandwidthLimitBps)}.
        </Typography>
      )}
    </>
  );
}
