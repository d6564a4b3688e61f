import { Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { TaskDetail } from '../../components/TaskDetail';
import { stateLabel } from '../../components/task-labels';
import { useTasks } from '../../state/tasks-store';

/**
 * A task found by the search, opened where the admin is: live, like its row in the Tasks view.
 * Whoever closes it puts the focus back (what had it before is the page itself).
 */
export function TaskDialog({ taskId, onClose }: { taskId: string; onClose: () => void }) {
  const task = useTasks().tasks.get(taskId);
  return (
    <Dialog open onClose={onClose} disableRestoreFocus maxWidth="lg" fullWidth aria-labelledby="task-dialog-title">
      <DialogTitle id="task-dialog-title">{task ? `Migration of ${task.vmName}: ${stateLabel(task)}` : 'Migration task'}</DialogTitle>
      <DialogContent dividers>{task ? <TaskDetail task={task} /> : 'This task is no longer listed.'}</DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
