import { Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { api } from '../../api/client';
import { useCommand } from '../../api/use-command';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TaskDetail } from '../../components/TaskDetail';
import { useExport } from './use-export';

/** A migration's timeline from an audit record, with its JSON export. */
export function TaskTimelineDialog({ taskId, onClose }: { taskId: string; onClose(): void }) {
  const detail = useCommand('tasks.detail', { taskId });
  const runExport = useExport();
  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth aria-labelledby="timeline-title">
      <DialogTitle id="timeline-title">Migration of {detail.data?.task.vmName ?? '…'}</DialogTitle>
      <DialogContent dividers>
        {detail.loading && <CircularProgress size={18} />}
        {detail.error && <ErrorAlert title="Could not load the migration" error={detail.error} />}
        {detail.data && <TaskDetail task={detail.data.task} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => void runExport('timeline', () => api.invoke('tasks.exportTimeline', { taskId }))}>
          Export timeline (JSON)
        </Button>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
