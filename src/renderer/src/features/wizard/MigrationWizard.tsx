import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Step, StepButton, Stepper } from '@mui/material';
import { useReducer, useState } from 'react';
import type { MigrationRequest } from '../../../../shared/model/schedule';
import { api } from '../../api/client';
import { useCommand } from '../../api/use-command';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useInventory } from '../../state/inventory-store';
import { useNotify } from '../../state/notices';
import { DatastoreStep } from './steps/DatastoreStep';
import { DestinationStep } from './steps/DestinationStep';
import { NetworkStep } from './steps/NetworkStep';
import { OptionsStep } from './steps/OptionsStep';
import { ReviewStep } from './steps/ReviewStep';
import { ScheduleStep } from './steps/ScheduleStep';
import { TypeStep } from './steps/TypeStep';
import { VmsStep } from './steps/VmsStep';
import type { WizardStart } from '../../state/wizard-opener';
import { initialWizardState, steps, wizardReducer, type WizardState } from './wizard-state';
import { scheduleInputOf, wizardStateOfSchedule } from './schedule-edit';

const bodies = [VmsStep, TypeStep, DestinationStep, DatastoreStep, NetworkStep, OptionsStep, ScheduleStep, ReviewStep];

function requestOf(state: WizardState): MigrationRequest {
  return {
    vmIds: state.vmIds,
    destHostId: state.type === 'storage' ? null : state.destHostId,
    type: state.type,
    destDatastoreId: state.type === 'compute' ? null : state.destDatastoreId,
    priority: state.priority,
    options: state.options,
    acknowledgedWarnings: state.acknowledged,
  };
}

/** What keeps the user on a step: the reason is shown beside the disabled Next button. */
function useBlocker(state: WizardState, step: number): string | null {
  const target = {
    vmIds: state.vmIds,
    destHostId: state.destHostId,
    type: state.type,
    destDatastoreId: state.type === 'compute' ? null : state.destDatastoreId,
  };
  const needsChecks =
    (step === 2 || step === 3 || step === 7) && state.vmIds.length > 0 && (state.type === 'storage' || state.destHostId !== null);
  const checks = useCommand('migration.precheck', needsChecks ? target : null);
  if (state.vmIds.length === 0) return 'Choose at least one VM.';
  if (step >= 2 && state.type !== 'storage' && !state.destHostId) return 'Choose a destination host.';
  if (step >= 3 && state.type !== 'compute' && !state.destDatastoreId) return 'Choose a datastore.';
  const results = checks.data?.flatMap((c) => c.results) ?? [];
  const error = results.find((r) => r.severity === 'error' && (step !== 2 || r.code !== 'DATASTORE_NOT_REACHABLE'));
  if (needsChecks && error) return `${error.message} ${error.hint}`;
  const warning = results.find((r) => r.severity === 'warning' && !state.acknowledged.includes(r.code));
  if (needsChecks && warning) return 'Acknowledge the warnings to continue.';
  return null;
}

export function MigrationWizard({
  start,
  onClose,
  onStarted,
}: {
  start: WizardStart;
  onClose(): void;
  onStarted(taskIds: string[]): void;
}) {
  const inv = useInventory();
  const editing = start.schedule ?? null;
  const [state, dispatch] = useReducer(
    wizardReducer,
    editing
      ? wizardStateOfSchedule(editing)
      : initialWizardState(start.vmIds, start.destHostId ?? null, start.type ?? 'compute', start.scheduled ?? false),
  );
  // A drop already chose the host: open where the checks are.
  const [step, setStepRaw] = useState(start.destHostId ? 2 : 0);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const notify = useNotify();
  const blocker = useBlocker(state, step);
  const Body = bodies[step] ?? VmsStep;
  const setStep = (next: number) => {
    setFailure(null);
    setStepRaw(next);
  };

  const finish = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const request = requestOf(state);
      if (state.schedule.kind === 'now') {
        const { taskIds } = await api.invoke('migration.start', request);
        onStarted(taskIds);
      } else {
        const input = scheduleInputOf(state, request, `Migrate ${state.vmIds.map((id) => inv.vms.get(id)?.name ?? id).join(', ')}`);
        if (!input) return;
        if (editing) await api.invoke('schedules.update', { id: editing.id, schedule: input });
        else await api.invoke('schedules.create', input);
        notify({
          level: 'success',
          title: editing ? 'Schedule saved' : 'Migration scheduled',
          body: `${input.name} is in the Scheduled view.`,
        });
        onClose();
      }
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const last = step === steps.length - 1;
  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth aria-labelledby="wizard-title">
      <DialogTitle id="wizard-title">
        {editing ? `Edit schedule ${editing.name}: migrate` : 'Migrate'}{' '}
        {state.vmIds.length === 1 ? (inv.vms.get(state.vmIds[0] ?? '')?.name ?? '') : `${state.vmIds.length} virtual machines`}
      </DialogTitle>
      <DialogContent dividers sx={{ minHeight: 480 }}>
        <Stepper nonLinear activeStep={step} alternativeLabel sx={{ mb: 3 }}>
          {steps.map((label, i) => (
            <Step key={label} completed={i < step}>
              <StepButton onClick={() => (i < step || !blocker ? setStep(i) : undefined)}>{label}</StepButton>
            </Step>
          ))}
        </Stepper>
        <Box role="region" aria-label={steps[step]}>
          <Body state={state} dispatch={dispatch} />
        </Box>
        {failure !== null && <ErrorAlert error={failure} sx={{ mt: 2 }} />}
      </DialogContent>
      <DialogActions sx={{ justifyContent: 'space-between', px: 3 }}>
        <Box sx={{ color: 'text.secondary', fontSize: 13, maxWidth: '60%' }} aria-live="polite">
          {blocker}
        </Box>
        <Box>
          <Button onClick={onClose}>Cancel</Button>
          <Button disabled={step === 0} onClick={() => setStep(step - 1)}>
            Back
          </Button>
          {last ? (
            <Button variant="contained" disabled={Boolean(blocker) || busy} onClick={() => void finish()}>
              {state.schedule.kind === 'now' ? 'Finish' : editing ? 'Save schedule' : 'Schedule'}
            </Button>
          ) : (
            <Button variant="contained" disabled={Boolean(blocker)} onClick={() => setStep(step + 1)}>
              Next
            </Button>
          )}
        </Box>
      </DialogActions>
    </Dialog>
  );
}
