import type { Dispatch } from 'react';
import type { WizardAction, WizardState } from '../wizard-state';

export interface StepProps {
  state: WizardState;
  dispatch: Dispatch<WizardAction>;
}
