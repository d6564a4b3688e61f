import { every, type Clock, type TimerHandle } from '../../base/clock/clock';
import type { DiscoveryScope, HypervisorDriver } from '../../drivers/driver';
import type { InventoryService } from './inventory-service';

export interface SyncTiming {
  metricsEveryMs: number;
  discoverEveryMs: number;
  /** Coalesces bursts of driver change events into one discovery. */
  debounceMs: number;
}

const defaultTiming: SyncTiming = { metricsEveryMs: 2000, discoverEveryMs: 30_000, debounceMs: 500 };

/** Keeps the inventory fresh from one driver: discovery on its events and now and then, metrics often. */
export class InventorySync {
  private readonly stops: (() => void)[] = [];
  private pending: TimerHandle | null = null;
  /** What the pending discovery must read: the VMs named by the events since the last one, or all. */
  private pendingScope: Set<string> | 'all' = new Set();
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly driver: HypervisorDriver,
    private readonly inventory: InventoryService,
    private readonly clock: Clock,
    private readonly log: (message: string, error: unknown) => void,
    private readonly timing: SyncTiming = defaultTiming,
  ) {}

  async start(): Promise<void> {
    await this.discoverNow();
    this.stops.push(
      this.driver.subscribe((event) => {
        if (event.kind === 'inventory-changed') this.discoverSoon(event.vmIds);
        if (event.kind === 'host-health') this.discoverSoon();
      }),
      every(this.clock, this.timing.metricsEveryMs, () => void this.refreshMetrics()),
      every(this.clock, Math.max(this.timing.discoverEveryMs, this.driver.fullDiscoveryEveryMs ?? 0), () => this.discoverSoon()),
    );
  }

  /**
   * Runs a discovery after any in flight, so callers can wait for the inventory to catch up; a scope
   * reads only the VMs the caller changed.
   */
  discoverNow(scope?: DiscoveryScope): Promise<void> {
    this.running = this.running.then(async () => {
      try {
        this.inventory.applyDiscovery(this.driver.id, await this.driver.discover(scope));
      } catch (error) {
        this.log(`discovery from ${this.driver.id} failed`, error);
      }
    });
    return this.running;
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
    if (this.pending) this.clock.clearTimeout(this.pending);
    this.pending = null;
  }

  /** `vmIds`: only they changed; without, anything may have. */
  private discoverSoon(vmIds?: readonly string[]): void {
    if (!vmIds) this.pendingScope = 'all';
    else if (this.pendingScope !== 'all') for (const id of vmIds) this.pendingScope.add(id);
    if (this.pending) return;
    this.pending = this.clock.setTimeout(() => {
      const scope = this.pendingScope;
      this.pending = null;
      this.pendingScope = new Set();
      void this.discoverNow(scope === 'all' ? undefined : { vmIds: [...scope] });
    }, this.timing.debounceMs);
  }

  private async refreshMetrics(): Promise<void> {
    try {
      this.inventory.applyMetrics(await this.driver.metrics());
    } catch (error) {
      this.log(`metrics from ${this.driver.id} failed`, error);
    }
  }
}
