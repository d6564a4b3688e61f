import { FerryError } from '../../../shared/api/errors';
import type { DriverInfo } from '../../../shared/api/drivers';
import type { Clock } from '../../base/clock/clock';
import type { Logger } from '../../base/logger';
import type { DiscoveryScope, FaultControl, HypervisorDriver } from '../../drivers/driver';
import type { InventoryService } from './inventory-service';
import { InventorySync, type SyncTiming } from './inventory-sync';

/**
 * The backends Ferry drives (the simulated datacenter, the libvirt hosts), each with its part of
 * the inventory kept fresh. A backend can join while the console runs (the first libvirt host).
 */
export class Fleet {
  private readonly drivers = new Map<string, HypervisorDriver>();
  private readonly syncs = new Map<string, InventorySync>();

  constructor(
    private readonly inventory: InventoryService,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** How often backends are polled; the soak stretches it, since on virtual time it is compressed with everything else. */
    private readonly syncTiming?: SyncTiming,
  ) {}

  driver(id: string): HypervisorDriver | undefined {
    return this.drivers.get(id);
  }

  describe(): DriverInfo[] {
    return [...this.drivers.values()].map((d) => ({ id: d.id, kind: d.kind, capabilities: d.capabilities }));
  }

  /** Fault injection exists only where a driver declares it; no driver kind is special-cased. */
  faults(driverId: string): FaultControl {
    const driver = this.drivers.get(driverId);
    if (!driver) throw new FerryError('NOT_FOUND', `no driver ${driverId}`);
    if (!driver.capabilities.faultInjection || !driver.faults)
      throw new FerryError('CONFLICT', `${driverId} does not support fault injection`);
    return driver.faults;
  }

  /** Drives a backend from now on; resolves once its inventory has been read the first time. */
  async attach(driver: HypervisorDriver): Promise<void> {
    this.drivers.set(driver.id, driver);
    if (this.syncs.has(driver.id)) return;
    const sync = new InventorySync(driver, this.inventory, this.clock, (m, e) => this.logger.warn(m, e), this.syncTiming);
    this.syncs.set(driver.id, sync);
    await sync.start();
  }

  /** Waits until the inventory reflects what one backend reports now (of the scope's VMs, when given). */
  refresh(driverId: string, scope?: DiscoveryScope): Promise<void> {
    return this.syncs.get(driverId)?.discoverNow(scope) ?? Promise.resolve();
  }

  /** Waits until the inventory reflects what every backend reports now. */
  async refreshAll(): Promise<void> {
    await Promise.all([...this.syncs.values()].map((s) => s.discoverNow()));
  }

  async close(): Promise<void> {
    for (const sync of this.syncs.values()) sync.stop();
    for (const driver of this.drivers.values()) await driver.close();
  }
}
