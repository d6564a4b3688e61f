import { z } from 'zod';

export const DriverCapabilities = z.object({
  liveMigration: z.boolean(),
  storageMigration: z.boolean(),
  sharedNothingMigration: z.boolean(),
  postCopy: z.boolean(),
  autoConvergeLive: z.boolean(),
  bandwidthLimit: z.boolean(),
  downtimeLimit: z.boolean(),
  cpuCompare: z.boolean(),
  /**
   * The inventory's CPU feature lists are the backend's whole truth (the simulator's model), so a
   * precheck may refuse from them. libvirt's are not (a guest's CPU depends on its virt type,
   * emulator and machine): there the hypervisor's own comparison (cpuCompare) judges.
   */
  cpuFeaturesExact: z.boolean(),
  faultInjection: z.boolean(),
  addHosts: z.boolean(),
  /** Moves powered-off VMs by re-registering them on the destination. */
  coldMigration: z.boolean(),
  /** A cold move can also copy the disks to another datastore. */
  coldDiskCopy: z.boolean(),
  /** A post-copy that broke (the link, a daemon) can be resumed where it stopped. */
  postCopyRecovery: z.boolean(),
});
export type DriverCapabilities = z.infer<typeof DriverCapabilities>;

/** A backend as the UI sees it: what it is and what it can do. */
export const DriverInfo = z.object({ id: z.string(), kind: z.string(), capabilities: DriverCapabilities });
export type DriverInfo = z.infer<typeof DriverInfo>;
