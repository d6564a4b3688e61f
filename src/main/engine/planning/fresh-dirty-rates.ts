// Before a wizard shows a prediction, the VMs' dirty rates are measured again where the backend
// can (libvirt's page sampling, a few seconds), unless a recent measurement exists: a guest's
// writing changes with its work, and an unmeasured rate is only an assumption.

import type { Vm } from '../../../shared/model/inventory';
import type { Emitter } from '../../base/emitter';
import type { Logger } from '../../base/logger';
import type { Task } from '../../../shared/model/migration';
import type { EngineView } from './view';

/**
 * A measurement made for a prediction is used again for this long: the wizard predicts at every
 * option change. The inventory's own rates are never taken instead, however recent: the guest may
 * have started writing since (the lab saw a guest writing 8 MiB/s predicted from an idle reading).
 */
export const FRESH_DIRTY_RATE_MS = 60_000;
/** Guests measured for one prediction at most: a wizard over many VMs uses the inventory's rates for the rest. */
export const MAX_MEASURED_PER_PREDICTION = 4;
/** A measurement that takes longer (libvirt waits for a domain's job lock, up to 30 s) is not waited for. */
export const MEASURE_TIMEOUT_MS = 15_000;

/** The measurement, or null once MEASURE_TIMEOUT_MS passed. */
async function within<T>(work: Promise<T>, ms: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const age = (at: string | null | undefined, nowMs: number): number => (at ? nowMs - Date.parse(at) : Infinity);

/** A rate measured for a prediction, kept until the inventory reports a newer one. */
type Measured = Pick<Vm, 'dirtyRateBps' | 'dirtyRateMeasuredAt'>;

/**
 * The wizard predicts again whenever an option changes: what was measured for the last prediction
 * is kept, so a guest is measured at most once a minute however often it asks.
 */
export class FreshDirtyRates {
  private readonly recent = new Map<string, Measured>();

  constructor(
    private readonly view: EngineView,
    private readonly logger: Logger,
    finished: Emitter<Task>,
  ) {
    // A guest that moved (or tried to) is measured again: the next wizard is another question.
    finished.on((task) => this.recent.delete(task.vmId));
  }

  /**
   * The VM with the rate measured for a recent prediction when the inventory has none as new: the
   * task a wizard then queues keeps the prediction the wizard showed.
   */
  known(vm: Vm, nowMs: number): Vm {
    const kept = this.recent.get(vm.id);
    return kept && age(kept.dirtyRateMeasuredAt, nowMs) < age(vm.dirtyRateMeasuredAt, nowMs) ? { ...vm, ...kept } : vm;
  }

  /** The VMs with fresh dirty rates where they could be measured; the others as the inventory has them. */
  async of(vms: readonly Vm[], nowMs: number): Promise<Vm[]> {
    for (const [id, m] of this.recent) if (age(m.dirtyRateMeasuredAt, nowMs) > FRESH_DIRTY_RATE_MS) this.recent.delete(id);
    const known = vms.map((vm) => this.known(vm, nowMs));
    const due = known
      .filter((vm) => vm.power === 'running' && vm.dirtyRateMeasuredAt !== undefined && !this.isFresh(vm, nowMs))
      .slice(0, MAX_MEASURED_PER_PREDICTION);
    await Promise.all(due.map((vm) => this.measure(vm)));
    return known.map((vm) => (due.includes(vm) ? { ...vm, ...this.recent.get(vm.id) } : vm));
  }

  private isFresh(vm: Vm, nowMs: number): boolean {
    return age(this.recent.get(vm.id)?.dirtyRateMeasuredAt, nowMs) <= FRESH_DIRTY_RATE_MS;
  }

  private async measure(vm: Vm): Promise<void> {
    const host = this.view.host(vm.hostId);
    const driver = host ? this.view.driver(host.driverId) : undefined;
    if (!driver?.measureDirtyRate) return;
    try {
      const measured = await within(driver.measureDirtyRate(vm.id), MEASURE_TIMEOUT_MS);
      if (measured) this.recent.set(vm.id, { dirtyRateBps: measured.bytesPerSecond, dirtyRateMeasuredAt: measured.measuredAt });
    } catch (error) {
      this.logger.warn(`cannot measure the dirty rate of ${vm.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
