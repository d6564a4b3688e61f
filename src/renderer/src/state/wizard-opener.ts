import { createContext, useContext } from 'react';
import type { MigrationType } from '../../../shared/model/migration';
import type { Schedule } from '../../../shared/model/schedule';

/** What opens the wizard: the VMs, and (after a drop) the destination already chosen. */
export interface WizardStart {
  vmIds: string[];
  destHostId?: string | null;
  type?: MigrationType;
  /** Start with "once, at a time" chosen in the Schedule step. */
  scheduled?: boolean;
  /** A schedule to edit: every step starts filled with what it does, and finishing saves it. */
  schedule?: Schedule;
  /** "Move to…": the VMs are known, open on the Destination step. */
  at?: 'destination';
}

/** App.tsx owns the one wizard; drag and drop and the Scheduled view ask it to open through this. */
export const WizardContext = createContext<(start: WizardStart) => void>(() => undefined);
export const useOpenWizard = () => useContext(WizardContext);
