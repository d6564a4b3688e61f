import { z } from 'zod';

/** Where a fault can strike: each names a step of a migration or an event on a host. */
export const FaultOperation = z.enum([
  'destination.reserve',
  'migration.start',
  'storage.copy',
  'memory.copy',
  'switchover',
  /** The hypervisor's own CPU comparison (the migration's precheck phase). */
  'cpu.compare',
  'link.cut',
  'guest.crash',
  /** The guest is asked to shut down: with fail it ignores the request, else it takes delayMs longer. */
  'guest.shutdown',
  'commit',
  'rollback',
  'probe',
  'host.fail',
  'host.degrade',
  /** Ferry cannot reach the host: each call that needs it fails, `count` times. */
  'host.unreachable',
]);
export type FaultOperation = z.infer<typeof FaultOperation>;

export const FaultRuleInput = z.strictObject({
  operation: FaultOperation,
  /** Glob on the VM or host name (`*` and `?`). */
  target: z.string().min(1).max(200).default('*'),
  probability: z.number().min(0).max(1).default(1),
  /** How many times it may strike; null for always. */
  count: z.number().int().positive().nullable().default(1),
  /** Matches to let through before striking. */
  skip: z.number().int().nonnegative().default(0),
  /** Delay added to the operation, or for host events the time until they happen. */
  delayMs: z.number().int().nonnegative().max(3_600_000).default(0),
  /** When false, the rule only delays. */
  fail: z.boolean().default(true),
  message: z.string().max(500).default('injected fault'),
});
export type FaultRuleInput = z.input<typeof FaultRuleInput>;

export const FaultRule = FaultRuleInput.extend({
  id: z.string(),
  /** Times it matched an operation, and times it struck. */
  matched: z.number().int().nonnegative(),
  struck: z.number().int().nonnegative(),
});
export type FaultRule = z.output<typeof FaultRule>;
