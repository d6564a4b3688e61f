import type { Dispatch } from 'react';
import type { BatchChecks } from '../batch';
import type { WizardAction, WizardState } from '../wizard-state';

export interface StepProps {
  state: WizardState;
  dispatch: Dispatch<WizardAction>;
  /** Every VM's prechecks against its own destination (null until they are in). */
  checks: BatchChecks;
}
