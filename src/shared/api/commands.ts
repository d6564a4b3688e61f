import { z } from 'zod';
import { command } from './contract';
import { AppInfo, ExportResult, Settings, SettingsPatch } from './app';
import { AuditFilter, AuditRecord, AuditSortField, AuditVerification } from '../model/audit';
import { FaultRule, FaultRuleInput } from '../model/faults';
import { BatchSlot, maxBatchVms, MigrationOptions, MigrationType, Prediction, Priority, Task, TimelinePoint } from '../model/migration';
import { HostRating, PrecheckResult } from '../model/precheck';
import { MigrationRequest, MigrationTarget, Schedule, ScheduleInput, ScheduleTiming } from '../model/schedule';
import {
  AppliedRecommendation,
  EvacuationOptions,
  EvacuationPlan,
  FailbackPlan,
  FailbackStores,
  MaintenanceProgress,
  Recommendations,
} from '../model/operations';
import {
  Cluster,
  ClusterPolicyPatch,
  HostConnection,
  HostConnectionInput,
  HostCredentials,
  HostTestResult,
  SaslCredentials,
} from '../model/inventory';
import { Id, InventorySnapshot, LearnedLinkSpeed, Vm } from '../model/inventory';
import { VmAttributes } from '../model/vm-attributes';
import { CpuBaselineChoice, CpuBaselineStatus } from '../model/cpu-baseline';
import { DriverInfo } from './drivers';

const none = z.strictObject({});
const VmChecks = z.object({ vmId: Id, results: z.array(PrecheckResult) });

/** A batch as groups by destination: at most 500 VMs in all, as one request holds, each VM in one group only. */
const batchOf = <T extends z.ZodType<{ vmIds: string[] }>>(group: T) =>
  z
    .array(group)
    .min(1)
    .max(maxBatchVms)
    .superRefine((groups, ctx) => {
      const vmIds = groups.flatMap((g) => g.vmIds);
      if (vmIds.length > maxBatchVms)
        ctx.addIssue({ code: 'custom', message: `a batch holds at most ${maxBatchVms} VMs (${vmIds.length} given)` });
      if (new Set(vmIds).size !== vmIds.length) ctx.addIssue({ code: 'custom', message: 'a VM appears in two groups of the batch' });
    });
const JournalEntry = z.object({ seq: z.number(), phase: z.string(), at: z.string(), note: z.string().nullable() });

/** Every command the renderer may call, by dotted name. Main, preload, browser shell and renderer use this map. */
export const commands = {
  'app.info': command(none, AppInfo),
  'settings.get': command(none, Settings),
  'settings.update': command(SettingsPatch, Settings),
  'inventory.snapshot': command(none, InventorySnapshot),
  /** The link speeds completed migrations to and from a host achieved (its Summary). */
  'inventory.hostLinks': command(z.strictObject({ hostId: Id }), z.array(LearnedLinkSpeed)),
  /** With the move's options (the wizard's, once chosen), the checks also say what they do to it: a bandwidth limit, a give-up limit. */
  'migration.precheck': command(MigrationTarget.extend({ options: MigrationOptions.optional() }), z.array(VmChecks)),
  'migration.recommend': command(z.strictObject({ vmId: Id, type: MigrationType }), z.array(HostRating)),
  /** Each VM of a group among the moves it shares links with: the whole `batch` (its groups in request order) and those queued or running. */
  'migration.predict': command(
    MigrationTarget.extend({ options: MigrationOptions, priority: Priority.optional(), batch: batchOf(MigrationTarget).optional() }).refine(
      (r) => !r.batch || r.vmIds.every((id) => r.batch?.some((g) => g.vmIds.includes(id))),
      { message: 'the batch must hold the VMs predicted' },
    ),
    z.array(z.object({ vmId: Id, prediction: Prediction, schedule: BatchSlot.optional() })),
  ),
  'migration.start': command(MigrationRequest, z.object({ taskIds: z.array(Id) })),
  /** The wizard's batch, one request per destination: queued all or nothing under one batch id. */
  'migration.startBatch': command(z.strictObject({ requests: batchOf(MigrationRequest) }), z.object({ taskIds: z.array(Id) })),
  'migration.cancel': command(z.strictObject({ taskId: Id }), Task),
  'tasks.list': command(z.strictObject({ limit: z.number().int().min(1).max(5000).default(500) }), z.array(Task)),
  'tasks.detail': command(
    z.strictObject({ taskId: Id }),
    z.object({ task: Task, journal: z.array(JournalEntry), timeline: z.array(TimelinePoint) }),
  ),
  'inventory.vmHistory': command(z.strictObject({ vmId: Id }), z.array(Task)),
  'schedules.list': command(none, z.array(Schedule)),
  'schedules.preview': command(z.strictObject({ timing: ScheduleTiming }), z.array(z.string())),
  'schedules.create': command(ScheduleInput, Schedule),
  'schedules.update': command(z.strictObject({ id: Id, schedule: ScheduleInput }), Schedule),
  'schedules.setPaused': command(z.strictObject({ id: Id, paused: z.boolean() }), Schedule),
  'schedules.delete': command(z.strictObject({ id: Id }), z.null()),
  'audit.query': command(
    z.strictObject({
      filter: AuditFilter,
      page: z.number().int().min(0),
      pageSize: z.number().int().min(1).max(500),
      sort: z.strictObject({ field: AuditSortField, direction: z.enum(['asc', 'desc']) }),
    }),
    z.object({ rows: z.array(AuditRecord), total: z.number().int() }),
  ),
  'audit.verify': command(none, AuditVerification),
  'audit.exportCsv': command(z.strictObject({ filter: AuditFilter }), ExportResult),
  'tasks.exportTimeline': command(z.strictObject({ taskId: Id }), ExportResult),
  'maintenance.plan': command(z.strictObject({ hostId: Id, options: EvacuationOptions.optional() }), EvacuationPlan),
  /**
   * `confirmed`: the VMs the plan the admin confirmed moves; entering is refused (CONFLICT) when the
   * plan made now moves others (a move landed, a host filled), so what runs is what was shown.
   * Destinations may differ by the hosts' load then, as any plan's are chosen when it runs.
   */
  'maintenance.enter': command(
    z.strictObject({
      hostId: Id,
      options: EvacuationOptions.optional(),
      confirmed: z.array(Id).max(5000).optional(),
    }),
    MaintenanceProgress,
  ),
  'maintenance.exit': command(z.strictObject({ hostId: Id }), MaintenanceProgress),
  'maintenance.status': command(none, z.array(MaintenanceProgress)),
  /**
   * A VM the evacuation could not move, moved as the admin chose: with its disk, or cold (a running
   * one is shut down first; `force` powers it off, only after its shutdown timed out; `powerOnAfter`
   * starts it at its destination, else it stays off there).
   */
  'maintenance.moveBlocked': command(
    z.strictObject({
      hostId: Id,
      vmId: Id,
      action: z.enum(['move-with-disk', 'power-off-and-move-cold', 'retry']),
      powerOnAfter: z.boolean().optional(),
      force: z.boolean().optional(),
    }),
    MaintenanceProgress,
  ),
  /** `datastores`: the store the admin chose for a VM whose disks go back, by VM id (the planner's where absent). */
  'maintenance.failbackPlan': command(z.strictObject({ hostId: Id, datastores: FailbackStores.optional() }), FailbackPlan),
  /**
   * A VM the failback to `hostId` cannot move back live (a device, the CPU), moved back cold: shut
   * down first (`force`: powered off, only after its shutdown timed out); `powerOnAfter` starts it
   * at home, else it stays off there. Answers the failback plan as it is now.
   */
  'maintenance.moveBackCold': command(
    z.strictObject({ hostId: Id, vmId: Id, powerOnAfter: z.boolean().optional(), force: z.boolean().optional() }),
    FailbackPlan,
  ),
  /**
   * Moves back as planned with the chosen `datastores`; `confirmed`: the VMs the plan shown moves.
   * A plan that moves others now is refused (CONFLICT), and so is a chosen store it cannot use; nothing starts then.
   */
  'maintenance.failback': command(
    z.strictObject({ hostId: Id, datastores: FailbackStores.optional(), confirmed: z.array(Id).max(5000).optional() }),
    MaintenanceProgress,
  ),
  'maintenance.dismissFailback': command(z.strictObject({ hostId: Id }), MaintenanceProgress),
  'maintenance.dismissExitReport': command(z.strictObject({ hostId: Id }), MaintenanceProgress),
  'recommendations.list': command(none, Recommendations),
  'recommendations.apply': command(z.strictObject({ ids: z.array(Id).min(1).max(100) }), z.object({ taskIds: z.array(Id) })),
  'recommendations.history': command(
    z.strictObject({ limit: z.number().int().min(1).max(500).default(50) }),
    z.array(AppliedRecommendation),
  ),
  // A partial policy: two quick changes from the form never undo each other.
  'clusters.setPolicy': command(z.strictObject({ clusterId: Id, policy: ClusterPolicyPatch }), Cluster),
  'clusters.cpuBaseline': command(z.strictObject({ clusterId: Id }), CpuBaselineStatus),
  'clusters.setCpuBaseline': command(z.strictObject({ clusterId: Id, choice: CpuBaselineChoice }), Cluster),
  'vms.applyCpuBaseline': command(z.strictObject({ vmId: Id }), Vm),
  'vms.setAttributes': command(z.strictObject({ vmId: Id, attributes: VmAttributes }), Vm),
  'hosts.connections': command(none, z.array(HostConnection)),
  'hosts.testConnection': command(HostConnectionInput, HostTestResult),
  'hosts.add': command(HostConnectionInput, HostConnection),
  'hosts.remove': command(z.strictObject({ connectionId: Id }), z.null()),
  // Replaces the saved logins: the SSH one, the libvirt SASL one, or both (at least one).
  'hosts.updateCredentials': command(
    z
      .strictObject({ connectionId: Id, credentials: HostCredentials.optional(), sasl: SaslCredentials.optional() })
      .refine((input) => input.credentials !== undefined || input.sasl !== undefined, 'give the SSH login, the SASL login, or both'),
    HostConnection,
  ),
  'drivers.list': command(none, z.array(DriverInfo)),
  'faults.list': command(z.strictObject({ driverId: Id }), z.array(FaultRule)),
  'faults.add': command(z.strictObject({ driverId: Id, rule: FaultRuleInput }), FaultRule),
  'faults.remove': command(z.strictObject({ driverId: Id, ruleId: Id }), z.null()),
  'faults.clear': command(z.strictObject({ driverId: Id }), z.null()),
};

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandRequest<N extends CommandName> = z.input<Commands[N]['request']>;
export type CommandResponse<N extends CommandName> = z.output<Commands[N]['response']>;
export const commandNames = Object.keys(commands) as CommandName[];
