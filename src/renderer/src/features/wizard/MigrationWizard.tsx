import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Step, StepButton, Stepper } from '@mui/material';
import { useReducer, useState } from 'react';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useInventory } from '../../state/inventory-store';
import { useNotify } from '../../state/notices';
import { DiscardConfirm } from './DiscardConfirm';
import { DatastoreStep } from './steps/DatastoreStep';
import { DestinationStep } from './steps/DestinationStep';
import { NetworkStep } from './steps/NetworkStep';
import { OptionsStep } from './steps/OptionsStep';
import { ReadyStep } from './steps/ReadyStep';
import { ScheduleStep } from './steps/ScheduleStep';
import { TypeStep } from './steps/TypeStep';
import { VmsStep } from './steps/VmsStep';
import type { WizardStart } from '../../state/wizard-opener';
import { blockedOf, useBatchChecks, type BatchChecks } from './batch';
import { requestsOf } from './batch-groups';
import { acknowledgeWords, leftOutWords, queuedNotice } from './batch-words';
import { rankedSample } from './batch-ranking';
import { useBatchRanking } from './use-batch-ranking';
import { scheduleBlocker } from './schedule-checks';
import { datastoreOf, everyVmHasDatastore, initialWizardState, readyStep, steps, wizardReducer, type WizardState } from './wizard-state';

const scheduleStep = steps.indexOf('Schedule');
const networkStep = steps.indexOf('Network');
const datastoreStep = steps.indexOf('Datastore');
import { scheduleInputOf, scheduleName, wizardStateOfSchedule } from './schedule-edit';

const bodies = [VmsStep, TypeStep, DestinationStep, DatastoreStep, NetworkStep, OptionsStep, ScheduleStep, ReadyStep];

/** What keeps the user on a step: the reason is shown beside the disabled Next button. A blocked VM of a batch does not. */
function useBlocker(state: WizardState, step: number, checks: BatchChecks, vmName: (id: string) => string): string | null {
  const needsChecks = step === 2 || step === 3 || step === readyStep;
  if (state.vmIds.length === 0) return 'Choose at least one VM.';
  if (step >= 2 && state.type !== 'storage' && !state.destHostId) return 'Choose a destination host.';
  if (step >= 3 && !everyVmHasDatastore(state)) return 'Choose a datastore.';
  if (step >= scheduleStep) {
    const schedule = scheduleBlocker(state);
    if (schedule) return schedule;
  }
  // Finish waits for the checks of exactly what it submits (results of an earlier batch may still show).
  if (step === readyStep && checks.loading) return 'Running the final checks…';
  if (!needsChecks || !checks.byVm) return null;
  const blocked = blockedOnStep(state, checks, step);
  const first = [...blocked.values()][0];
  if (first && blocked.size === state.vmIds.length) return `${first.message} ${first.hint}`;
  // Only the warnings of VMs that go: a left-out VM's are moot (no tick lets it through).
  const unacknowledged = [...checks.byVm]
    .filter(([vmId]) => !blocked.has(vmId))
    .map(
      ([vmId, results]) => [vmId, results.filter((r) => r.severity === 'warning' && !state.acknowledged.includes(r.code)).length] as const,
    )
    .filter(([, count]) => count > 0);
  // The Datastore step shows no checkboxes: a warning is acknowledged on Destination or Ready to complete, and Finish waits for it.
  if (unacknowledged.length === 0 || step === datastoreStep) return null;
  return acknowledgeWords(
    unacknowledged.map(([vmId]) => vmName(vmId)),
    unacknowledged.reduce((sum, [, count]) => sum + count, 0),
  );
}

/** The batch's VMs a precheck error keeps where they are, as this step judges them. */
function blockedOnStep(state: WizardState, checks: BatchChecks, step: number) {
  // On the Destination step the datastore is not chosen yet; on the Datastore step a VM without one
  // waits for it, not left out (the footer said so of every VM of a batch before its first choice).
  const choosing = (vmId: string) => step === 2 || (step === 3 && datastoreOf(state, vmId) === null);
  return blockedOf(checks.byVm, (r, vmId) => r.code === 'DATASTORE_NOT_REACHABLE' && choosing(vmId));
}

/** "Migrate web01", "Schedule a migration: web01"; before any VM is chosen, what the wizard is for. */
function titleOf(state: WizardState, editing: string | null, vmName: (id: string) => string): string {
  const n = state.vmIds.length;
  const what = n === 1 ? vmName(state.vmIds[0] ?? '') : `${n} virtual machines`;
  if (editing) return `Edit schedule ${editing}: migrate ${n === 0 ? 'virtual machines' : what}`;
  if (state.schedule.kind !== 'now') return n === 0 ? 'Schedule a migration' : `Schedule a migration: ${what}`;
  return n === 0 ? 'Migrate virtual machines' : `Migrate ${what}`;
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
  const [initial] = useState(() =>
    editing
      ? wizardStateOfSchedule(editing)
      : initialWizardState(start.vmIds, start.destHostId ?? null, start.type ?? 'compute', start.scheduled ?? false),
  );
  const [state, dispatch] = useReducer(wizardReducer, initial);
  const [askDiscard, setAskDiscard] = useState(false);
  // Escape or a click beside the dialog: close at once when nothing was chosen, else ask first. A drop
  // (a destination) or a multi-selection opening the wizard was a choice too; one VM's Migrate… is not.
  const openedWithChoice = !editing && (start.destHostId != null || start.vmIds.length > 1);
  const dismiss = () => (JSON.stringify(state) === JSON.stringify(initial) && !openedWithChoice ? onClose() : setAskDiscard(true));
  // A drop already chose the host: the short path opens on Ready to complete, every step one click away.
  const [step, setStepRaw] = useState(start.destHostId ? readyStep : start.vmIds.length > 0 && start.at === 'destination' ? 2 : 0);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const notify = useNotify();
  // The Network step lists only the VMs that go, so it needs the checks too (new-user review 8, m6).
  const checks = useBatchChecks(state, step === 2 || step === 3 || step === networkStep || step === readyStep);
  const rankedIds = rankedSample(state.vmIds, (id) => inv.hosts.get(inv.vms.get(id)?.hostId ?? '')?.clusterId ?? '');
  const ranking = useBatchRanking(
    rankedIds,
    state.type,
    rankedIds.map((id) => inv.vms.get(id)?.name ?? id),
    step === 2,
  );
  const vmName = (id: string) => inv.vms.get(id)?.name ?? id;
  const blocker = useBlocker(state, step, checks, vmName);
  // Said beside the buttons whatever else holds the admin: which VMs stay behind while the others go.
  const leftOut =
    state.vmIds.length > 1 && (step === 2 || step === 3 || step === networkStep || step === readyStep) && checks.byVm
      ? leftOutWords([...blockedOnStep(state, checks, step).keys()].map(vmName), state.vmIds.length)
      : null;
  const Body = bodies[step] ?? VmsStep;
  const setStep = (next: number) => {
    setFailure(null);
    setStepRaw(next);
  };

  // A scheduled batch is several schedules: when one fails, those saved before it are not saved again on a retry.
  const [sent] = useState(() => new Map<string, unknown>());
  const once = async <T,>(what: object, send: () => Promise<T>): Promise<T> => {
    const key = JSON.stringify(what);
    if (sent.has(key)) return sent.get(key) as T;
    const result = await send();
    sent.set(key, result);
    return result;
  };

  const finish = async () => {
    setBusy(true);
    setFailure(null);
    try {
      // Blocked VMs stay where they are; each destination (host and datastore) of the batch is one request.
      const blocked = blockedOf(checks.byVm);
      const requests = requestsOf(
        state,
        state.vmIds.filter((id) => !blocked.has(id)),
      );
      if (state.schedule.kind === 'now') {
        // One call: the batch is queued all or nothing under one batch id, a VM with its own destination included.
        const { taskIds } = await once(requests, () => api.invoke('migration.startBatch', { requests }));
        onStarted(taskIds);
        // A batch says what Finish did, the VMs left behind named: they vanished from it without a word.
        if (state.vmIds.length > 1) notify({ level: 'success', ...queuedNotice(taskIds.length, [...blocked.keys()].map(vmName)) });
      } else {
        // One schedule per destination (host and datastore) of the batch; an edited schedule keeps its id for the first.
        const names: string[] = [];
        for (const [index, request] of requests.entries()) {
          const vmNames = request.vmIds.map((id) => inv.vms.get(id)?.name ?? id);
          const input = scheduleInputOf(state, request, scheduleName(state.name, vmNames, requests.length > 1));
          if (!input) return;
          await once(input, async () =>
            editing && index === 0
              ? void (await api.invoke('schedules.update', { id: editing.id, schedule: input }))
              : void (await api.invoke('schedules.create', input)),
          );
          names.push(input.name);
        }
        notify({
          level: 'success',
          title: editing ? 'Schedule saved' : 'Migration scheduled',
          body: `${names.join('; ')}: in the Scheduled view.`,
        });
        onClose();
      }
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const last = step === readyStep;
  return (
    <Dialog open onClose={dismiss} maxWidth="lg" fullWidth aria-labelledby="wizard-title">
      <DialogTitle id="wizard-title">{titleOf(state, editing?.name ?? null, (id) => inv.vms.get(id)?.name ?? id)}</DialogTitle>
      <DialogContent dividers sx={{ minHeight: 480 }}>
        <Stepper nonLinear activeStep={step} alternativeLabel sx={{ mb: 3 }}>
          {steps.map((label, i) => (
            <Step key={label} completed={i < step}>
              <StepButton onClick={() => (i < step || !blocker ? setStep(i) : undefined)}>{label}</StepButton>
            </Step>
          ))}
        </Stepper>
        <Box role="region" aria-label={steps[step]}>
          <Body state={state} dispatch={dispatch} checks={checks} ranking={ranking} />
        </Box>
        {failure !== null && <ErrorAlert error={failure} sx={{ mt: 2 }} />}
      </DialogContent>
      <DialogActions sx={{ justifyContent: 'space-between', px: 3 }}>
        <Box sx={{ color: 'text.secondary', fontSize: 13, maxWidth: '60%' }} aria-live="polite">
          {leftOut && <div>{leftOut}</div>}
          {blocker && <div>{blocker}</div>}
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
      {askDiscard && <DiscardConfirm onKeep={() => setAskDiscard(false)} onDiscard={onClose} />}
    </Dialog>
  );
}
