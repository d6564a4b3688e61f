import { randomUUID } from 'node:crypto';
import { FerryError, type ErrorCode } from '../../shared/api/errors';
import type { Host, Vm } from '../../shared/model/inventory';
import type { GuestShutDown, Task } from '../../shared/model/migration';
import type { PowerOffStatus } from '../../shared/model/operations';
import type { Clock } from '../base/clock/clock';
import { DriverError } from '../drivers/driver';
import type { MigrationEngine } from '../engine/engine';
import type { EngineView } from '../engine/planning/view';
import type { AuditLog } from '../store/audit/audit-log';
import type { MaintenanceOperationRepository } from '../store/maintenance-operations';
import { type MaintenancePowerOffRepository, type PowerOffPurpose, type PowerOffRecord } from '../store/maintenance-power-offs';

/** vCenter gives a guest this long to shut down before it reports the VM still running. */
export const defaultShutdownTimeoutMs = 120_000;

/** What differs between powering a VM off for the evacuation and for the failback. */
export interface ColdMoveRoute {
  /** Refuses before the guest is touched when it could not move cold that way. */
  mustMoveCold(host: Host, vm: Vm, to: { operationId: string; destHostId: string | null }): void;
  /** Why the move must not go on now the guest is off (that maintenance is over...), else null. */
  hindrance(r: PowerOffRecord): string | null;
  /** Requests the cold move, which knows how Ferry shut its guest down for it, and returns its task id. */
  move(r: PowerOffRecord, shutDown: GuestShutDown): string;
  /** How its audit records name what it belongs to ("maintenance operation …"). */
  scope(r: PowerOffRecord): string;
}

export interface PowerOffDeps {
  view: EngineView;
  engine: MigrationEngine;
  audit: AuditLog;
  operations: MaintenanceOperationRepository;
  powerOffs: MaintenancePowerOffRepository;
  clock: Clock;
  /** Waits until the inventory shows what a backend reports now of that VM (off, before the engine's prechecks). */
  refresh: (driverId: string, vmId: string) => Promise<void>;
  routes: Record<PowerOffPurpose, ColdMoveRoute>;
  /** A host's maintenance progress changed (the one the power-off belongs to). */
  changed: (hostId: string) => void;
  shutdownTimeoutMs?: number;
}

export interface PowerOffRequest {
  /** Power the guest on at its destination once moved; off by default, as vCenter's "power off and migrate". */
  powerOnAfter?: boolean;
  /** Pull the plug, confirmed by the admin after a graceful shutdown timed out. */
  force?: boolean;
}

const codeOf = (error: unknown): ErrorCode =>
  error instanceof DriverError || error instanceof FerryError ? error.code : 'OPERATION_FAILED';
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * "Power off and move cold" for a VM a maintenance left behind, or its failback cannot move back
 * live: the intent is journaled and audited before the guest hears of it; the guest is asked to
 * shut down (or, confirmed after a timeout, powered off); once off it moves cold by its route (the
 * evacuation's planner, or back home) and is powered on there only if the admin asked. A guest that does not shut down in time keeps
 * running where it was and nothing moves. A start after a crash goes on or reports, per state.
 */
export class MaintenancePowerOff {
  private halted = false;
  private readonly stops: (() => void)[] = [];

  constructor(private readonly d: PowerOffDeps) {}

  start(): void {
    this.halted = false;
    this.stops.push(
      this.d.engine.finished.on((task) => {
        const r = this.d.powerOffs.inFlight().find((x) => x.taskId === task.id);
        if (r) this.background(r, () => this.moveFinished(task));
      }),
    );
    for (const record of this.d.powerOffs.inFlight()) this.recover(record);
  }

  halt(): void {
    this.halted = true;
    for (const stop of this.stops.splice(0)) stop();
  }

  /**
   * Journals and audits the intent, then shuts the guest down (or powers it off) in the background.
   * `host` is where it runs; `destHostId` where it goes back to (the failback's), else the planner picks.
   */
  request(
    host: Host,
    vm: Vm,
    to: { operationId: string; purpose: PowerOffPurpose; destHostId: string | null },
    actor: string,
    options: PowerOffRequest,
  ): void {
    const latest = this.d.powerOffs.latestByVm(to.operationId, to.purpose).get(vm.id);
    // One at a time per VM, whatever asked for it (a failback's, then the evacuation of the host it runs on).
    const under = this.d.powerOffs.inFlight().find((r) => r.vmId === vm.id);
    if (under) throw new FerryError('CONFLICT', `${vm.name} is already being powered off (${under.state})`);
    if (options.force && latest?.state !== 'timed-out')
      throw new FerryError('CONFLICT', `A forced power off of ${vm.name} comes only after its graceful shutdown timed out`);
    this.d.routes[to.purpose].mustMoveCold(host, vm, to);
    const record: PowerOffRecord = {
      id: randomUUID(),
      ...to,
      hostId: host.id,
      vmId: vm.id,
      vmName: vm.name,
      actor,
      powerOnAfter: options.powerOnAfter ?? false,
      forced: options.force ?? false,
      state: options.force ? 'powering-off' : 'shutting-down',
      taskId: null,
      error: null,
      requestedAt: this.nowIso(),
      updatedAt: this.nowIso(),
    };
    this.d.operations.atomically(() => {
      this.d.powerOffs.begin(record);
      this.d.audit.append({
        actor,
        action: 'maintenance.power-off-requested',
        vmId: vm.id,
        vmName: vm.name,
        sourceHost: host.name,
        details: `${this.scope(record)}: ${record.forced ? 'forced power off (the graceful shutdown timed out)' : 'graceful shutdown (guest agent, else ACPI)'}, then a cold move; ${record.powerOnAfter ? 'powered on at its destination' : 'left powered off at its destination'}`,
      });
    });
    this.background(record, () => this.powerDown(record));
  }

  /** The newest power-off of each VM of an operation's evacuation or failback, as the panel shows it. */
  statuses(operationId: string | null, purpose: PowerOffPurpose): Map<string, PowerOffStatus> {
    const out = new Map<string, PowerOffStatus>();
    if (!operationId) return out;
    for (const [vmId, r] of this.d.powerOffs.latestByVm(operationId, purpose))
      out.set(vmId, { state: r.state, powerOnAfter: r.powerOnAfter, forced: r.forced, requestedAt: r.requestedAt, error: r.error });
    return out;
  }

  /** A power-off of a VM on this host still owes a step (its cold move may be leaving): the host is not in maintenance yet. */
  busy(hostId: string): boolean {
    return this.d.powerOffs.inFlight().some((r) => r.hostId === hostId);
  }

  /** A failback power-off of this maintenance still owes a step. */
  failingBack(operationId: string): boolean {
    return this.d.powerOffs.inFlight().some((r) => r.purpose === 'failback' && r.operationId === operationId);
  }

  private async powerDown(r: PowerOffRecord): Promise<void> {
    const driver = this.driverOf(r);
    try {
      if (!driver) throw new FerryError('NOT_FOUND', `the backend of ${r.vmName} is not connected`);
      if (r.forced) await driver.powerOff(r.vmId, r.hostId);
      else
        await driver.shutdownGuest(r.vmId, r.hostId, {
          mode: 'agent-or-acpi',
          timeoutMs: this.d.shutdownTimeoutMs ?? defaultShutdownTimeoutMs,
        });
    } catch (error) {
      if (this.halted) return;
      const code = codeOf(error);
      const where = this.d.view.host(r.hostId)?.name ?? r.hostId;
      const message =
        code === 'GUEST_SHUTDOWN_TIMEOUT'
          ? `${r.vmName} did not shut down within ${Math.round((this.d.shutdownTimeoutMs ?? defaultShutdownTimeoutMs) / 1000)} s: it still runs on ${where} and nothing moved`
          : `${r.vmName} was not powered off (${messageOf(error)}); nothing moved`;
      this.fail(r, code === 'GUEST_SHUTDOWN_TIMEOUT' ? 'timed-out' : 'failed', { code, message });
      return;
    }
    if (this.halted) return;
    this.d.audit.append({
      actor: r.actor,
      action: 'maintenance.guest-powered-off',
      vmId: r.vmId,
      vmName: r.vmName,
      sourceHost: this.d.view.host(r.hostId)?.name ?? r.hostId,
      outcome: 'completed',
      details: `${this.scope(r)}: ${r.forced ? 'powered off (forced)' : 'the guest shut down'}`,
    });
    await this.moveOnceOff(r);
  }

  /** The guest is off: the inventory must say so before the engine's prechecks pick the cold path. */
  private async moveOnceOff(r: PowerOffRecord): Promise<void> {
    const host = this.d.view.host(r.hostId);
    await this.d.refresh(host?.driverId ?? '', r.vmId);
    if (this.halted) return;
    const hindrance = this.d.routes[r.purpose].hindrance(r);
    if (hindrance) {
      this.fail(r, 'failed', { code: 'CONFLICT', message: `${hindrance}: ${r.vmName} stays powered off on ${host?.name ?? r.hostId}` });
      return;
    }
    try {
      // From the shutdown it asked for: the guest's services stop then, not once it is off.
      const shutDown = { at: r.requestedAt, powerOnAfter: r.powerOnAfter, poweredOnAt: null };
      const taskId = this.d.routes[r.purpose].move(r, shutDown);
      this.d.powerOffs.advance(r.id, this.nowIso(), 'moving', { taskId });
    } catch (error) {
      this.fail(r, 'failed', { code: codeOf(error), message: `${r.vmName} is powered off but did not move: ${messageOf(error)}` });
      return;
    }
    this.changed(r);
  }

  private async moveFinished(task: Task): Promise<void> {
    const r = this.d.powerOffs.inFlight().find((x) => x.taskId === task.id);
    if (!r) return;
    const dest = this.d.view.host(task.destHostId)?.name ?? task.destHostId;
    if (task.state !== 'completed') {
      const where = this.d.view.host(r.hostId)?.name ?? r.hostId;
      this.fail(r, 'failed', {
        code: task.error?.code ?? 'MIGRATION_FAILED',
        message: `${r.vmName}'s cold move ${task.state}: it is powered off on ${where}`,
      });
      return;
    }
    let poweredOn = false;
    if (r.powerOnAfter) {
      try {
        await this.driverOf(r)?.powerOn(r.vmId, task.destHostId);
        poweredOn = true;
      } catch (error) {
        if (this.halted) return;
        this.fail(r, 'failed', {
          code: codeOf(error),
          message: `${r.vmName} moved to ${dest} but did not power on there: ${messageOf(error)}`,
        });
        return;
      }
    }
    if (this.halted) return;
    this.d.operations.atomically(() => {
      this.d.powerOffs.advance(r.id, this.nowIso(), 'done');
      this.d.audit.append({
        actor: r.actor,
        action: 'maintenance.cold-move-finished',
        vmId: r.vmId,
        vmName: r.vmName,
        destHost: dest,
        taskId: task.id,
        outcome: 'completed',
        details: `${this.scope(r)}: moved cold to ${dest}; ${poweredOn ? 'powered on there' : 'left powered off there'}`,
      });
      // The power-on is an action of its own: the guest's services come back here (new-user review 12, 8), its downtime ends.
      if (poweredOn) {
        if (task.shutDownForMove) this.d.engine.guestPoweredOn(task.id, this.nowIso());
        this.d.audit.append({
          actor: r.actor,
          action: 'maintenance.guest-powered-on',
          vmId: r.vmId,
          vmName: r.vmName,
          destHost: dest,
          taskId: task.id,
          details: `${this.scope(r)}: powered on at ${dest} after its cold move`,
        });
      }
    });
    this.changed(r);
  }

  /** After a restart: a guest that went off moves on; one still running is reported, never guessed at. */
  private recover(r: PowerOffRecord): void {
    if (r.state === 'moving') {
      const task = r.taskId ? this.d.engine.taskById(r.taskId) : undefined;
      if (task && task.state !== 'queued' && task.state !== 'running') this.background(r, () => this.moveFinished(task));
      return;
    }
    const vm = this.d.view.vm(r.vmId);
    if (vm?.hostId === r.hostId && vm.power === 'off') {
      this.background(r, () => this.moveOnceOff(r));
      return;
    }
    const where = this.d.view.host(r.hostId)?.name ?? r.hostId;
    this.fail(r, 'interrupted', {
      code: 'INTERRUPTED',
      message: `Ferry restarted while ${r.vmName} was being powered off: it still runs on ${where} and nothing moved. Try again.`,
    });
  }

  /** Runs a step in the background: what it did not expect still ends the power-off, as failed. */
  private background(r: PowerOffRecord, step: () => Promise<void>): void {
    step().catch((error: unknown) => this.fail(r, 'failed', { code: codeOf(error), message: messageOf(error) }));
  }

  private fail(r: PowerOffRecord, state: 'timed-out' | 'failed' | 'interrupted', error: NonNullable<PowerOffStatus['error']>): void {
    // After halt the database may be closed: the journal keeps the state a start recovers from.
    if (this.halted) return;
    this.d.operations.atomically(() => {
      this.d.powerOffs.advance(r.id, this.nowIso(), state, { error });
      this.d.audit.append({
        actor: r.actor,
        action: 'maintenance.power-off-failed',
        vmId: r.vmId,
        vmName: r.vmName,
        sourceHost: this.d.view.host(r.hostId)?.name ?? r.hostId,
        outcome: state,
        errorCode: error.code,
        errorMessage: error.message,
        details: this.scope(r),
      });
    });
    this.changed(r);
  }

  private scope(r: PowerOffRecord): string {
    return this.d.routes[r.purpose].scope(r);
  }

  /** The host whose panel shows it: the evacuated host, or the failback's home. */
  private changed(r: PowerOffRecord): void {
    this.d.changed(r.destHostId ?? r.hostId);
  }

  private driverOf(r: PowerOffRecord) {
    const host = this.d.view.host(r.hostId);
    return host ? this.d.view.driver(host.driverId) : undefined;
  }

  private nowIso(): string {
    return new Date(this.d.clock.now()).toISOString();
  }
}
