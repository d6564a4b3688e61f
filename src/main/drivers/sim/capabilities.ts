import type { DriverCapabilities } from '../driver';

/** Everything: the simulator models every kind of move and lets faults be injected. */
export const simCapabilities: DriverCapabilities = {
  liveMigration: true,
  storageMigration: true,
  sharedNothingMigration: true,
  postCopy: true,
  autoConvergeLive: true,
  bandwidthLimit: true,
  downtimeLimit: true,
  cpuCompare: true,
  cpuFeaturesExact: true,
  faultInjection: true,
  addHosts: false,
  coldMigration: true,
  coldDiskCopy: true,
  postCopyRecovery: true,
};
