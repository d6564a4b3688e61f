import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppInfo, ShellKind } from '../../shared/api/app';
import { realClock, type Clock } from '../base/clock/clock';
import { ScaledClock } from '../base/clock/scaled-clock';
import { silentLogger, type Logger } from '../base/logger';
import { SealedAuditKeyFile } from '../base/audit-key';
import { FileKeySecretBox, SecretKeyring, type SecretBox } from '../base/secrets';
import type { HypervisorDriver } from '../drivers/driver';
import type { PresetName } from '../drivers/sim/presets';
import { LibvirtDriver } from '../drivers/libvirt/libvirt-driver';
import type { OpenSshEnvironment } from '../drivers/libvirt/rpc';
import { SimDriver } from '../drivers/sim/sim-driver';
import { FileStateStore, type SimStateStore } from '../drivers/sim/store';
import { MigrationEngine } from '../engine/engine';
import { BatchPredictions } from '../operations/batch-prediction';
import { Fleet } from '../engine/fleet/fleet';
import { LinkSpeeds } from '../engine/planning/link-speeds';
import { inventoryView } from '../engine/planning/view';
import { TaskBoard } from '../engine/run/task-board';
import { Automation } from '../operations/automation';
import { AppliedRecommendationRepository } from '../store/applied-recommendations';
import { VmAttributesService } from '../operations/vm-attributes';
import { CpuBaselineService } from '../operations/cpu-baseline';
import { Exports, type ExportSink } from '../operations/exports';
import { HostConnections } from '../operations/host-connections';
import { MaintenanceService } from '../operations/maintenance';
import { Scheduler } from '../operations/scheduler';
import { SettingsService } from '../operations/settings-service';
import { AuditLog } from '../store/audit/audit-log';
import { AuditReader } from '../store/audit/audit-reader';
import { AuditRepository } from '../store/audit/audit-repository';
import { ConnectionRepository } from '../store/connections';
import { DriverJobRepository } from '../store/driver-jobs';
import { LinkSpeedRepository } from '../store/link-speeds';
import { openDatabase, openReadonlyDatabase, transactionOn, type ReadonlyDb, type WritableDb } from '../store/database';
import { InventoryService } from '../engine/fleet/inventory-service';
import type { SyncTiming } from '../engine/fleet/inventory-sync';
import { TopologyRepository } from '../store/inventory/topology';
import { VmAttributeRepository } from '../store/vm-attributes';
import { MaintenanceRepository } from '../store/maintenance';
import { MaintenanceOperationRepository } from '../store/maintenance-operations';
import { MaintenancePowerOffRepository } from '../store/maintenance-power-offs';
import { ScheduleRepository } from '../store/schedules';
import { SettingsRepository } from '../store/settings';
import { TaskRepository } from '../store/tasks';
import { EventHub } from './event-hub';
import { publishToRenderers } from './renderer-events';

export interface ServicesOptions {
  dataDir: string;
  shell: ShellKind;
  version: string;
  osUser: string;
  /** Ferry's own time (audit, schedules, timeouts). */
  clock?: Clock;
  /** The simulated datacenter's time; by default Ferry's clock sped up by the simSpeed setting. */
  simClock?: Clock;
  /** The simulated datacenter a first start builds. */
  preset?: PresetName;
  simStore?: SimStateStore;
  logger?: Logger;
  /** Where exports are written; each shell brings its own. */
  exportSink?: ExportSink;
  /** Backends beside the simulated datacenter (tests and the lab hand in libvirt drivers here). */
  drivers?: HypervisorDriver[];
  /**
   * Boxes that seal host credentials at rest, the first one sealing: Electron's safeStorage (then
   * the key file, to open what the browser console sealed); by default the key file in the folder.
   */
  secretBoxes?: (dataDir: string) => SecretBox[];
  /** Whose ~/.ssh (config, known_hosts, keys) and ssh-agent libvirt hosts over SSH use; default this process's. */
  openssh?: OpenSshEnvironment;
  /** The built audit export worker (out/main/audit-export-worker.js); without it exports use one thread. */
  auditWorkerScript?: string;
  /** How often backends are polled (default: metrics every 2 s, discovery every 30 s of Ferry's clock). */
  syncTiming?: SyncTiming;
  /** How soon the simulated datacenter is written after a change (the soak stretches it with the polling). */
  simSaveDelayMs?: number;
}

/**
 * Everything the main process runs, composed once and shared by the Electron and browser shells.
 * This file only builds and orders; each service subscribes to what it needs in its own start(),
 * and renderer-events.ts says what the renderer hears.
 */
export class Services {
  readonly info: Omit<AppInfo, 'actor'>;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The database file (tests and diagnostics open their own read-only connection to it). */
  readonly databaseFile: string;
  private readonly db: WritableDb;
  /** Readers (the audit view and its exports) query beside the writer, never through it. */
  private readonly readDb: ReadonlyDb;
  readonly hub = new EventHub();
  readonly audit: AuditLog;
  readonly auditReader: AuditReader;
  readonly settings: SettingsService;
  readonly inventory: InventoryService;
  readonly fleet: Fleet;
  readonly board: TaskBoard;
  readonly engine: MigrationEngine;
  readonly predictions: BatchPredictions;
  /** What completed migrations taught about each link (predictions, the host's Summary). */
  readonly links: LinkSpeeds;
  readonly maintenance: MaintenanceService;
  readonly automation: Automation;
  readonly vmAttributes: VmAttributesService;
  readonly cpuBaselines: CpuBaselineService;
  readonly scheduler: Scheduler;
  readonly hostConnections: HostConnections;
  readonly exports: Exports;
  private readonly initialDrivers: HypervisorDriver[];
  private closed = false;

  constructor(readonly options: ServicesOptions) {
    this.info = { version: options.version, shell: options.shell, dataDir: options.dataDir };
    this.logger = options.logger ?? silentLogger;
    this.clock = options.clock ?? realClock;
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    this.databaseFile = join(options.dataDir, 'ferry.db');
    this.db = openDatabase(this.databaseFile);
    this.readDb = openReadonlyDatabase(this.db.name);

    const keyring = new SecretKeyring(options.secretBoxes?.(options.dataDir) ?? [new FileKeySecretBox(options.dataDir)]);
    // The audit chain's key lives beside the database, sealed like the host credentials, never in it.
    this.audit = new AuditLog(
      new AuditRepository(this.db),
      this.clock,
      new SealedAuditKeyFile(join(options.dataDir, 'audit.key'), keyring),
    );
    this.auditReader = new AuditReader(this.readDb, options.auditWorkerScript ?? null);
    this.settings = new SettingsService(new SettingsRepository(this.db), this.audit);
    this.inventory = new InventoryService(
      new TopologyRepository(this.db),
      new MaintenanceRepository(this.db),
      new VmAttributeRepository(this.db),
    );
    this.fleet = new Fleet(this.inventory, this.clock, this.logger, options.syncTiming);

    const simClock = options.simClock ?? new ScaledClock(this.clock, this.settings.get().simSpeed);
    if (simClock instanceof ScaledClock) this.settings.changed.on(({ next }) => simClock.setSpeed(next.simSpeed));
    const sim = new SimDriver({
      clock: simClock,
      preset: options.preset ?? 'demo',
      store: options.simStore ?? new FileStateStore(join(options.dataDir, 'sim-datacenter.json')),
      ...(options.simSaveDelayMs !== undefined ? { saveDelayMs: options.simSaveDelayMs } : {}),
    });
    this.initialDrivers = [sim, ...(options.drivers ?? [])];

    const view = inventoryView(this.inventory, this.fleet);
    this.board = new TaskBoard(new TaskRepository(this.db), this.clock);
    this.links = new LinkSpeeds(new LinkSpeedRepository(this.db));
    this.engine = new MigrationEngine({
      clock: this.clock,
      view,
      fleet: this.fleet,
      board: this.board,
      audit: this.audit,
      atomically: transactionOn(this.db),
      logger: this.logger,
      links: this.links,
    });
    this.predictions = new BatchPredictions({ engine: this.engine, view, active: () => this.board.active() });
    this.maintenance = new MaintenanceService({
      view,
      inventory: this.inventory,
      engine: this.engine,
      audit: this.audit,
      store: new MaintenanceRepository(this.db),
      operations: new MaintenanceOperationRepository(this.db),
      powerOffs: new MaintenancePowerOffRepository(this.db),
      clock: this.clock,
      refresh: (driverId, vmId) => this.fleet.refresh(driverId, { vmIds: [vmId] }),
    });
    this.automation = new Automation({
      view,
      inventory: this.inventory,
      engine: this.engine,
      audit: this.audit,
      maintenance: this.maintenance,
      clock: this.clock,
      applied: new AppliedRecommendationRepository(this.db),
      links: this.links,
    });
    this.vmAttributes = new VmAttributesService(this.inventory, this.audit);
    this.cpuBaselines = new CpuBaselineService({
      inventory: this.inventory,
      fleet: this.fleet,
      engine: this.engine,
      audit: this.audit,
      clock: this.clock,
    });
    this.scheduler = new Scheduler(new ScheduleRepository(this.db), this.engine, this.audit, this.clock, this.inventory);
    this.hostConnections = new HostConnections(
      new ConnectionRepository(this.db),
      keyring,
      this.audit,
      this.fleet,
      this.inventory,
      this.engine,
      {
        open: (hosts, sharedPools) =>
          new LibvirtDriver({
            id: 'libvirt',
            hosts,
            sharedPools,
            datacenterName: 'libvirt',
            journal: new DriverJobRepository(this.db).journalOf('libvirt'),
            logger: this.logger,
            ...(options.openssh ? { openssh: options.openssh } : {}),
          }),
        test: (config) => LibvirtDriver.testConnection(config, options.openssh),
      },
      this.logger,
    );
    this.exports = new Exports(
      options.exportSink ?? { save: async () => ({ kind: 'cancelled' }) },
      this.auditReader,
      this.audit,
      this.engine,
      this.clock,
    );
    publishToRenderers(this, this.hub);
  }

  /** Connects the backends and recovers what was under way; the console is usable when this resolves. */
  async start(): Promise<void> {
    // Maintenance and automation watch the inventory from its first discovery on.
    this.maintenance.start();
    this.automation.start();
    for (const driver of this.initialDrivers) await this.fleet.attach(driver);
    await this.hostConnections.start();
    await this.engine.recover();
    this.engine.start();
    this.scheduler.start();
  }

  /** Waits until the inventory reflects what every backend reports now. */
  refreshInventory(): Promise<void> {
    return this.fleet.refreshAll();
  }

  /** Who acts in the audit trail: the operator name from the settings, else the OS user. */
  actorFor(osUser = this.options.osUser): string {
    return this.settings.get().operatorName ?? osUser;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.scheduler.stop();
    this.automation.halt();
    this.maintenance.halt();
    this.engine.halt();
    this.board.stop();
    await this.fleet.close();
    this.readDb.close();
    this.db.close();
  }
}
