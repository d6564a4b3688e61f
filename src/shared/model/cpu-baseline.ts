import { z } from 'zod';

// inventory.ts builds on this file (clusters and VMs carry these), so ids are spelled here as there.
const Id = z.string().min(1).max(200);

/**
 * A CPU every guest of a cluster may be given (vCenter's EVC mode): a named model plus every
 * feature it enables, expanded, and for libvirt the arch and virt type it was computed for.
 */
export const CpuBaselineDefinition = z.object({
  model: z.string(),
  vendor: z.string().nullable(),
  features: z.array(z.string()),
  /** Features the definition turns off explicitly (libvirt's expanded baselines list some). */
  disabledFeatures: z.array(z.string()).default([]),
  arch: z.string().nullable(),
  virtType: z.string().nullable(),
});
export type CpuBaselineDefinition = z.infer<typeof CpuBaselineDefinition>;

/** A cluster's baseline as its backend computes it from its hosts now. */
export const ComputedCpuBaseline = CpuBaselineDefinition.extend({
  /** Hosts whose CPU limits it (without any one of them it would offer more); all when they are alike. */
  definedByHostIds: z.array(Id),
});
export type ComputedCpuBaseline = z.infer<typeof ComputedCpuBaseline>;

/** The baseline an admin set on a cluster: frozen when set, as EVC is, so a weaker host joining is below it. */
export const ClusterCpuBaseline = CpuBaselineDefinition.extend({
  source: z.enum(['computed', 'model']),
  setAt: z.string(),
  setBy: z.string(),
});
export type ClusterCpuBaseline = z.infer<typeof ClusterCpuBaseline>;

/** What the admin chooses: off (no baseline, today's behaviour), the computed one, or a lower named model. */
export const CpuBaselineChoice = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('off') }),
  z.strictObject({ mode: z.literal('computed') }),
  z.strictObject({
    mode: z.literal('model'),
    model: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9][\w.-]*$/, 'a CPU model name (letters, digits, dot, dash, underscore)'),
  }),
]);
export type CpuBaselineChoice = z.infer<typeof CpuBaselineChoice>;

/** A CPU change written to a VM's definition that takes effect when it is next powered on. */
export const PendingCpu = z.object({ model: z.string(), features: z.array(z.string()) });
export type PendingCpu = z.infer<typeof PendingCpu>;

/** A cluster's baseline and who meets it, as the cluster summary shows it. */
export const CpuBaselineStatus = z.object({
  clusterId: Id,
  setting: ClusterCpuBaseline.nullable(),
  computed: ComputedCpuBaseline.nullable(),
  /** Why the backend could not compute one now (no host answers, libvirt refused). */
  computeError: z.string().nullable(),
  /** Models the admin may choose instead: ones every host of the cluster runs. */
  models: z.array(z.string()),
  /** Hosts whose CPU lacks features of the set baseline: no placement target in this cluster. */
  hostsBelow: z.array(z.object({ hostId: Id, hostName: z.string(), missing: z.array(z.string()) })),
  /** Hosts whose feature list is incomplete, so Ferry cannot tell. */
  hostsUnknown: z.array(z.object({ hostId: Id, hostName: z.string(), reason: z.string() })),
  /** Guests using features beyond the set baseline. */
  vmsOutside: z.array(z.object({ vmId: Id, vmName: z.string(), outside: z.array(z.string()), pending: z.boolean() })),
});
export type CpuBaselineStatus = z.infer<typeof CpuBaselineStatus>;
