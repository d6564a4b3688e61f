import { Chip, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import type { PlannedMove } from '../../../../shared/model/operations';
import { endWords, startWords } from './plan-words';

const kindLabel = (m: PlannedMove): string | null =>
  m.kind === 'with-disk' ? `with its disk → ${m.destDatastoreName ?? ''}` : m.kind === 'cold' ? 'cold (powered off)' : null;

/** When a move starts, from the plan's start: the first ones "at once" ("+0 ms" read like a bug). */

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
            <TableCell>{kindLabel(m) ?? 'live'}</TableCell>
            <TableCell>{startWords(m.startMs)}</TableCell>
            <TableCell>{endWords(m.endMs)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
