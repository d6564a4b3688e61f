// Before a wizard shows a prediction, the VMs' dirty rates are measured again where the backend
// can (libvirt's page sampling, a few seconds), unless a recent measurement exists: a guest's
// writing changes with its work, and an unmeasured rate is only an assumption.

import type { Vm } from '../../../shared/model/inventory';
import type { Logger } from '../../base/logger';
import type { EngineView } from './view';

/** A measurement younger than this is used as it is. */
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

/** The VMs with fresh dirty rates where they could be measured; the others as the inventory has them. */
export async function withFreshDirtyRates(view: EngineView, vms: readonly Vm[], nowMs: number, logger: Logger): Promise<Vm[]> {
  const due = vms
    .filter((vm) => vm.power === 'running' && vm.dirtyRateMeasuredAt !== undefined)
    .filter((vm) => !vm.dirtyRateMeasuredAt || nowMs - Date.parse(vm.dirtyRateMeasuredAt) > FRESH_DIRTY_RATE_MS)
    .slice(0, MAX_MEASURED_PER_PREDICTION);
  const fresh = new Map<string, Vm>();
  await Promise.all(
    due.map(async (vm) => {
      const host = view.host(vm.hostId);
      const driver = host ? view.driver(host.driverId) : undefined;
      if (!driver?.measureDirtyRate) return;
      try {
        const measured = await within(driver.measureDirtyRate(vm.id), MEASURE_TIMEOUT_MS);
        if (measured) fresh.set(vm.id, { ...vm, dirtyRateBps: measured.bytesPerSecond, dirtyRateMeasuredAt: measured.measuredAt });
      } catch (error) {
        logger.warn(`cannot measure the dirty rate of ${vm.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  );
  return vms.map((vm) => fresh.get(vm.id) ?? vm);
}
