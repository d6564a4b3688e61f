import { createContext, useContext } from 'react';
import type { MigrationType } from '../../../shared/model/migration';

/** What opens the wizard: the VMs, and (after a drop) the destination already chosen. */
export interface WizardStart {
  vmIds: string[];
  destHostId?: string | null;
  type?: MigrationType;
  /** Start with "once, at a time" chosen in the Schedule step. */
  scheduled?: boolean;
  /** "Move to…": the VMs are known, open on the Destination step. */
  at?: 'destination';
}

/** App.tsx owns the one wizard; drag and drop and the Scheduled view ask it to open through this. */
export const WizardContext = createContext<(start: WizardStart) => void>(() => undefined);
export const useOpenWizard = () => useContext(WizardContext);
