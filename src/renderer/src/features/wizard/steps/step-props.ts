import type { Dispatch } from 'react';
import type { BatchChecks } from '../batch';
import type { BatchRanking } from '../use-batch-ranking';
import type { WizardAction, WizardState } from '../wizard-state';

export interface StepProps {
  state: WizardState;
  dispatch: Dispatch<WizardAction>;
  /** Every VM's prechecks against its own destination (null until they are in). */
  checks: BatchChecks;
  /** The hosts ranked for the batch, asked once for the wizard (null until they are in). */
  ranking: BatchRanking;
}
