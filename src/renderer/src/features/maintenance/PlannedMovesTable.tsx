import { Alert, AlertTitle, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import type { PlannedMove } from '../../../../shared/model/operations';
import { endWords, startWords } from './plan-words';

const kindLabel = (m: PlannedMove): string | null =>
  m.kind === 'with-disk' ? `with its disk → ${m.destDatastoreName ?? ''}` : m.kind === 'cold' ? 'cold (powered off)' : null;

/** The moves of a plan in the order they are requested, with how each moves and its estimated timing. */
export function PlannedMovesTable({ label, moves, fromOf }: { label: string; moves: PlannedMove[]; fromOf?: (vmId: string) => string }) {
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          <TableCell>VM</TableCell>
          {fromOf && <TableCell>From</TableCell>}
          <TableCell>To</TableCell>
          <TableCell>How</TableCell>
          <TableCell>Starts</TableCell>
          <TableCell>Ends</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {moves.map((m) => (
          <TableRow key={m.vmId}>
            <TableCell>
              {m.vmName} {m.missionCritical && <Chip size="small" color="secondary" label="mission-critical" />}
            </TableCell>
            {fromOf && <TableCell>{fromOf(m.vmId)}</TableCell>}
            <TableCell>{m.destHostName}</TableCell>
            <TableCell>
              {kindLabel(m) ?? 'live'}{' '}
              {(m.warnings?.length ?? 0) > 0 && <Chip size="small" color="warning" variant="outlined" label="may not converge" />}
            </TableCell>
            <TableCell>{startWords(m.startMs)}</TableCell>
            <TableCell>{endWords(m.endMs)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** What the prechecks warn of for the planned moves (a guest that may not converge on its link), one alert a move. */
export function MoveWarnings({ moves }: { moves: PlannedMove[] }) {
  const warned = moves.filter((m) => (m.warnings?.length ?? 0) > 0);
  if (warned.length === 0) return null;
  return (
    <Stack spacing={1} sx={{ mt: 1 }} data-testid="plan-move-warnings">
      {warned.map((m) =>
        (m.warnings ?? []).map((w) => (
          <Alert key={`${m.vmId}-${w.code}`} severity="warning" data-check={w.code}>
            <AlertTitle>{w.message}</AlertTitle>
            {w.hint}
          </Alert>
        )),
      )}
    </Stack>
  );
}
