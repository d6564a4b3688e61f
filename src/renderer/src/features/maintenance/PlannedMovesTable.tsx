import { Alert, AlertTitle, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import type { PlannedMove } from '../../../../shared/model/operations';
import { endWords, startWords } from './plan-words';
import { StoreChoiceSelect } from './StoreChoiceSelect';

const kindLabel = (m: PlannedMove): string | null =>
  m.kind === 'with-disk' ? `with its disk → ${m.destDatastoreName ?? ''}` : m.kind === 'cold' ? 'cold (powered off)' : null;

/** How a failback move whose disks' store the admin chooses goes, before that choice: the disks move or stay. */
const choiceLead = (m: PlannedMove): string =>
  m.kind === 'with-disk' ? 'with its disk →' : `${m.kind === 'cold' ? 'cold (powered off)' : 'live'}, its disk on`;

/**
 * The moves of a plan in the order they are requested, with how each moves and its estimated timing.
 * `onChooseStore`: a failback's, whose moves carrying disks back let the admin choose their datastore.
 */
export function PlannedMovesTable({
  label,
  moves,
  fromOf,
  onChooseStore,
}: {
  label: string;
  moves: PlannedMove[];
  fromOf?: (vmId: string) => string;
  onChooseStore?: (vmId: string, datastoreId: string) => void;
}) {
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
              {m.storeChoice && onChooseStore ? (
                <>
                  {choiceLead(m)} <StoreChoiceSelect move={m} choice={m.storeChoice} onChoose={onChooseStore} />
                </>
              ) : (
                (kindLabel(m) ?? 'live')
              )}{' '}
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
