import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ShellKind } from '../../shared/api/app';
import { noticeFor } from './notices';
import { realClock, type Clock } from '../base/clock/clock';
import { ScaledClock } from '../base/clock/scaled-clock';
import type { HypervisorDriver } from '../drivers/driver';
import type { PresetName } from '../drivers/sim/presets';
import { SimDriver } from '../drivers/sim/sim-driver';
import { FileStateStore, type SimStateStore } from '../drivers/sim/store';
import { openDatabase, type Db } from '../store/database';
import { InventoryService } from '../store/inventory/inventory-service';
import { SettingsRepository } from '../store/settings';
import { TopologyRepository } from '../store/inventory/topology';
import { EventHub } from './event-hub';
import { createHandlers } from '../ipc/handlers';
import { createRouter, type Router } from '../ipc/router';
import type { ExportSink } from '../operations/export-sink';
import { AuditLog } from '../store/audit/audit-log';
import { AuditReader } from '../store/audit/audit-reader';
import { MigrationEngine } from '../engine/engine';
import { inventoryView } from '../engine/fleet/inventory-view';
import { TaskBoard } from '../engine/run/task-board';
import { AuditRepository } from '../store/audit/audit-repository';
import { TaskRepository } from '../store/tasks';
import { ScheduleRepository } from '../store/schedules';
import { Automation } from '../operations/automation';
import { MaintenanceService } from '../operations/maintenance';
import { Scheduler } from '../operations/scheduler';
import { ConnectionRepository } from '../store/connections';
import { InventorySync } from '../engine/fleet/inventory-sync';
import { LibvirtHosts } from '../operations/host-connections';
import { FileKeySecretBox, type SecretBox } from '../base/secrets';
import { silentLogger, type Logger } from '../base/logger';
import { SettingsService } from '../operations/settings-service';

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
  checkResponses?: boolean;
  /** Where exports are written; each shell brings its own. */
  exportSink?: ExportSink;
  /** Backends beside the simulated datacenter (tests and the lab hand in libvirt drivers here). */
  drivers?: HypervisorDriver[];
  /** Seals host credentials at rest: Electron's safeStorage, or a key file in the data folder. */
  secretBox?: SecretBox;
  /** The built audit export worker (out/main/audit-export-worker.js); without it exports use one thread. */
  auditWorkerScript?: string;
}

/** Everything the main process runs, composed once and shared by the Electron and browser shells. */
export class Services {
  readonly clock: Clock;
  readonly db: Db;
  readonly hub = new EventHub();
  readonly settings: SettingsService;
  readonly inventory: InventoryService;
  readonly drivers = new Map<string, HypervisorDriver>();
  readonly router: Router;
  readonly logger: Logger;
  readonly audit: AuditLog;
  readonly auditReader: AuditReader;
  readonly exportSink: ExportSink;
  readonly tasks: TaskRepository;
  readonly board: TaskBoard;
  readonly engine: MigrationEngine;
  readonly scheduler: Scheduler;
  readonly maintenance: MaintenanceService;
  readonly libvirtHosts: LibvirtHosts;
  readonly automation: Automation;
  private readonly syncs = new Map<string, InventorySync>();
  private closed = false;

  constructor(readonly options: ServicesOptions) {
    this.logger = options.logger ?? silentLogger;
    this.clock = options.clock ?? realClock;
    mkdirSync(options.dataDir, { recursive: true });
    this.db = openDatabase(join(options.dataDir, 'ferry.db'));
    this.settings = new SettingsService(new SettingsRepository(this.db));
    this.inventory = new InventoryService(new TopologyRepository(this.db));
    this.inventory.onDelta((delta) => this.hub.publish('inventory.delta', delta));
    this.inventory.onMetrics((update) => this.hub.publish('inventory.metrics', update));

    const simClock = options.simClock ?? new ScaledClock(this.clock, this.settings.get().simSpeed);
    if (simClock instanceof ScaledClock) this.settings.onChange((next) => simClock.setSpeed(next.simSpeed));
    const sim = new SimDriver({ clock: simClock, preset: options.preset ?? 'demo', store: options.simStore ?? new FileStateStore(join(options.dataDir, 'sim-datacenter.json')) });
    this.drivers.set(sim.id, sim);
    for (const driver of options.drivers ?? []) this.drivers.set(driver.id, driver);

    this.audit = new AuditLog(new AuditRepository(this.db), this.clock);
    this.auditReader = new AuditReader(this.db, options.auditWorkerScript ?? null);
    this.exportSink = options.exportSink ?? { save: async () => ({ kind: 'cancelled' }) };
    this.audit.onAppend((record) => this.hub.publish('audit.appended', { lastId: record.id }));
    this.tasks = new TaskRepository(this.db);
    this.board = new TaskBoard(this.tasks, this.clock, (tasks) => this.hub.publish('tasks.changed', { tasks }));
    const view = inventoryView(this.inventory, this.drivers);
    this.engine = new MigrationEngine({
      clock: this.clock,
      view,
      board: this.board,
      audit: this.audit,
      refreshInventory: (driverId) => this.syncs.get(driverId)?.discoverNow() ?? Promise.resolve(),
      notify: (task) => {
        this.hub.publish('app.notice', noticeFor(task, this.inventory));
        this.maintenance.checkAll();
      },
    });
    this.maintenance = new MaintenanceService(view, this.inventory, this.engine, this.audit, new SettingsRepository(this.db), (progress) => this.hub.publish('maintenance.changed', progress));
    this.automation = new Automation({ view, engine: this.engine, audit: this.audit, maintenance: this.maintenance, clock: this.clock, changed: () => this.hub.publish('recommendations.changed', {}) });
    this.inventory.onDelta((delta) => {
      this.automation.onInventory(delta);
      if (delta.vms.length > 0) this.maintenance.checkAll();
    });
    this.scheduler = new Scheduler(new ScheduleRepository(this.db), this.engine, this.audit, this.clock, () => this.hub.publish('schedules.changed', {}));

    this.libvirtHosts = new LibvirtHosts(new ConnectionRepository(this.db), options.secretBox ?? new FileKeySecretBox(options.dataDir), this.audit, (driver) => this.attachDriver(driver), this.logger);
    this.router = createRouter(createHandlers(this), { checkResponses: options.checkResponses, log: (m, e) => this.logger.error(m, e) });
  }

  /** Connects the drivers and loads the inventory; the console is usable when this resolves. */
  async start(): Promise<void> {
    for (const driver of this.drivers.values()) await this.startSync(driver);
    await this.libvirtHosts.start();
    await this.engine.recover();
    this.engine.start();
    this.scheduler.start();
    this.automation.start();
    this.maintenance.checkAll();
  }

  /** A backend added while the console runs (the first libvirt host): inventory kept fresh from now on. */
  async attachDriver(driver: HypervisorDriver): Promise<void> {
    this.drivers.set(driver.id, driver);
    await this.startSync(driver);
  }

  private async startSync(driver: HypervisorDriver): Promise<void> {
    if (this.syncs.has(driver.id)) return;
    const sync = new InventorySync(driver, this.inventory, this.clock, (m, e) => this.logger.warn(m, e));
    this.syncs.set(driver.id, sync);
    await sync.start();
  }

  /** Waits until the inventory reflects what every driver reports now. */
  async refreshInventory(): Promise<void> {
    await Promise.all([...this.syncs.values()].map((s) => s.discoverNow()));
  }

  actorFor(osUser = this.options.osUser): string {
    return this.settings.get().operatorName ?? osUser;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.scheduler.stop();
    this.automation.halt();
    this.engine.halt();
    this.board.stop();
    for (const sync of this.syncs.values()) sync.stop();
    for (const driver of this.drivers.values()) await driver.close();
    this.db.close();
  }
}
