import { CircularProgress, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatBytes } from '../../../components/format';
import { predictionBasisWords } from '../../../components/prediction-basis';
import { predictedDowntimeWords } from '../../../components/downtime-words';
import { strategyLabels } from '../../../components/task-labels';
import { useInventory } from '../../../state/inventory-store';
import { useEachGroup } from '../batch';
import { groupsOf } from '../batch-groups';
import type { WizardState } from '../wizard-state';
import { finishWords, waitWords } from './batch-slot-words';
import { predictedDurationWords } from './predicted-duration';

/**
 * Predicted duration, downtime and finish of each VM that will move, against its own destination,
 * as the whole batch (every group) and the moves already queued or running share the links.
 */
export function PredictionTable({ state, vmIds }: { state: WizardState; vmIds: string[] }) {
  const inv = useInventory();
  const groups = groupsOf(state, vmIds);
  const requests = groups.map((group) => ({ ...group, options: state.options, priority: state.priority, batch: groups }));
  const predictions = useEachGroup('migration.predict', requests);
  const vmName = (id: string) => inv.vms.get(id)?.name ?? id;
  if (vmIds.length === 0) return null;
  return (
    <>
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
              <TableCell>Done</TableCell>
              <TableCell>Transfer</TableCell>
              <TableCell>How it will converge</TableCell>
              <TableCell>From</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {predictions.data.map(({ vmId, prediction: p, schedule }) => (
              <TableRow key={vmId} data-vm={vmName(vmId)}>
                <TableCell>{vmName(vmId)}</TableCell>
                <TableCell>{predictedDurationWords(p)}</TableCell>
                <TableCell>{p.strategy === 'cold' ? 'none (powered off)' : predictedDowntimeWords(p)}</TableCell>
                <TableCell>
                  {finishWords(schedule, state.schedule.kind)}
                  <Typography variant="caption" color="text.secondary" component="div">
                    {waitWords(schedule, (id) => inv.hosts.get(id))}
                  </Typography>
                </TableCell>
                <TableCell>
                  {p.strategy === 'cold'
                    ? p.transferBytes > 0
                      ? `${formatBytes(p.transferBytes)} of disks`
                      : 'nothing (definition only)'
                    : `${formatBytes(p.transferBytes)} in ${p.iterations} ${p.iterations === 1 ? 'pass' : 'passes'}`}
                </TableCell>
                <TableCell>{strategyLabels[p.strategy]}</TableCell>
                <TableCell>{predictionBasisWords(p)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
