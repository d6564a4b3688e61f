import { Alert, AlertTitle, Button, LinearProgress, Link, Stack, Typography } from '@mui/material';
import type { MaintenanceProgress } from '../../../../shared/model/operations';
import { api } from '../../api/client';
import { useNotify } from '../../state/notices';
import { showOperationInAudit } from '../../state/audit-focus';
import { exitReportWords } from './exit-report-words';
import { LeftByFailback } from './LeftByFailback';

/** After leaving maintenance: what leaving did to moves under way, the offer to move back what maintenance moved, and that failback as it runs. */
export function AfterMaintenance({
  progress,
  hostName,
  onFailback,
}: {
  progress: MaintenanceProgress;
  hostName: string;
  onFailback(): void;
}) {
  const notify = useNotify();
  const keep = () =>
    api
      .invoke('maintenance.dismissFailback', { hostId: progress.hostId })
      .catch((error: unknown) => notify({ level: 'error', title: 'Could not keep the VMs where they are', error }));
  // Dismissed once read (review 5, finding 22): the audit trail keeps what leaving did.
  const dismissReport = () =>
    api
      .invoke('maintenance.dismissExitReport', { hostId: progress.hostId })
      .catch((error: unknown) => notify({ level: 'error', title: 'Could not dismiss the report', error }));
  const report = progress.exitReport;
  const cannot = progress.failbackBlocked ?? [];
  return (
    <Stack spacing={1} sx={{ maxWidth: 720, mt: 1 }}>
      {report && (
        <Alert severity="info" data-testid="maintenance-exit-report" onClose={() => void dismissReport()}>
          <AlertTitle>Left maintenance while entering it{progress.exitedAt ? `, ${timeOf(progress.exitedAt)}` : ''}</AlertTitle>
          {exitReportWords(report).join(' ') || 'No move was under way.'}
        </Alert>
      )}
      {progress.failback && (
        <Stack spacing={0.5}>
          <Typography variant="body2" data-testid="failback-progress">
            Moving VMs back ({progress.failback.moved} of {progress.failback.total} moved)
          </Typography>
          <LinearProgress
            variant="determinate"
            value={progress.failback.total ? (progress.failback.moved / progress.failback.total) * 100 : 0}
            aria-label="Failback progress"
          />
        </Stack>
      )}
      {progress.leftByFailback && (progress.failbackCount > 0 || cannot.length > 0) && (
        <LeftByFailback progress={progress} onFailback={onFailback} onKeep={() => void keep()} />
      )}
      {!progress.leftByFailback && (progress.failbackCount > 0 || cannot.length > 0) && (
        <Alert
          severity="info"
          data-testid="failback-offer"
          action={
            <Stack direction="row" spacing={1}>
              <Button size="small" variant="contained" onClick={onFailback}>
                {progress.failbackCount > 0 ? 'Move them back…' : 'See why…'}
              </Button>
              <Button size="small" onClick={() => void keep()}>
                Keep them where they are
              </Button>
            </Stack>
          }
        >
          {/* The count is what the plan moves; the others are named with their reason (new-user review m3). */}
          {progress.failbackCount > 0
            ? `${progress.failbackCount} VM${progress.failbackCount === 1 ? '' : 's'} that maintenance moved can move back to this host.`
            : 'No VM that maintenance moved can move back to this host now.'}
          {cannot.map((c) => (
            <Typography key={c.vmName} variant="body2">
              {c.vmName} cannot move back: {c.reason}
            </Typography>
          ))}
        </Alert>
      )}
      {progress.operationId && (
        <OperationId id={progress.operationId} hostName={hostName} startedAt={progress.operationStartedAt ?? null} />
      )}
      {!progress.operationId && progress.lastOperation && (
        <OperationId id={progress.lastOperation.id} hostName={hostName} startedAt={progress.lastOperation.startedAt} last />
      )}
    </Stack>
  );
}

const timeOf = (iso: string): string => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/**
 * The maintenance operation, as a link to its audit trail (the maintenance and its failback), not an id
 * to copy; `last`: the host's last one, over (it is off maintenance with nothing left to say of it).
 */
export function OperationId({
  id,
  hostName,
  startedAt,
  last = false,
}: {
  id: string;
  hostName: string;
  startedAt: string | null;
  last?: boolean;
}) {
  // What the Audit view's chip says: the host and when the maintenance began, not the id.
  const label = `Maintenance of ${hostName}${startedAt ? `, ${timeOf(startedAt)}` : ''}`;
  return (
    <Typography variant="caption">
      <Link
        href="#"
        data-testid="maintenance-operation"
        data-operation={id}
        title={`Operation ${id}`}
        onClick={(e) => {
          e.preventDefault();
          showOperationInAudit({ operation: id, label });
        }}
      >
        {last
          ? `Show the last maintenance${startedAt ? ` (${timeOf(startedAt)})` : ''} in the audit trail`
          : 'Show this maintenance in the audit trail'}
      </Link>
    </Typography>
  );
}
