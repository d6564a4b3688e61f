// A prediction says what it stands on, and changes with it: a dirty rate measured just before the
// move (instead of an assumed 0), and a link speed learned from completed migrations (instead of
// the configured or assumed one).

import { describe, expect, it } from 'vitest';
import { Emitter } from '../../src/main/base/emitter';
import { silentLogger } from '../../src/main/base/logger';
import type { DirtyRateMeasurement, HypervisorDriver } from '../../src/main/drivers/driver';
import { FreshDirtyRates } from '../../src/main/engine/planning/fresh-dirty-rates';
import { predictionFor, type PredictedRequest } from '../../src/main/engine/planning/prediction-for';
import { defaultConvergencePolicy, type Task } from '../../src/shared/model/migration';
import { presetView } from './fake-view';

const MiB = 1024 ** 2;
const H0 = 'DC0_C0_H0';
const H1 = 'DC0_C0_H1';
const move: PredictedRequest = {
  destHostId: H1,
  type: 'compute',
  destDatastoreId: null,
  options: { bandwidthLimitBps: null, convergence: defaultConvergencePolicy },
};

async function world() {
  const w = await presetView('demo');
  const vm = { ...w.vm('DC0_C0_H0_VM0'), dirtyRateBps: 0, dirtyRateMeasuredAt: null, memoryBytes: 4096 * MiB };
  w.vms.set(vm.id, vm);
  return { ...w, vm };
}

describe('the dirty rate a prediction uses', () => {
  it('says "assumed" for a rate never measured, and predicts one pass', async () => {
    const { view, vm } = await world();
    const p = predictionFor({ view, active: () => [] }, vm, move);
    expect(p.basis).toMatchObject({ dirtyRateBps: 0, dirtyRateSource: 'assumed', dirtyRateMeasuredAt: null });
    expect(p.iterations).toBe(1);
  });

  it('measures the VM before predicting, and the prediction grows with the measured rate', async () => {
    const { view, vm, sim } = await world();
    const measuring: HypervisorDriver = Object.assign(Object.create(sim) as HypervisorDriver, {
      measureDirtyRate: async (): Promise<DirtyRateMeasurement | null> => ({
        bytesPerSecond: 400 * MiB,
        measuredAt: '2026-11-26T04:40:00.000Z',
      }),
    });
    const measuredView = { ...view, driver: () => measuring };
    const finished = new Emitter<Task>();
    const rates = new FreshDirtyRates(measuredView, silentLogger, finished);
    const [fresh] = await rates.of([vm], Date.parse('2026-11-26T04:40:01.000Z'));
    const assumed = predictionFor({ view, active: () => [] }, vm, move);
    const measured = predictionFor({ view: measuredView, active: () => [] }, fresh!, move);
    expect(measured.basis).toMatchObject({
      dirtyRateBps: 400 * MiB,
      dirtyRateSource: 'measured',
      dirtyRateMeasuredAt: '2026-11-26T04:40:00.000Z',
    });
    expect(measured.iterations).toBeGreaterThan(assumed.iterations);
    // The wizard predicts again as options change: the measurement is kept, not taken again.
    let again = 0;
    measuring.measureDirtyRate = async () => {
      again += 1;
      return null;
    };
    const [kept] = await rates.of([vm], Date.parse('2026-11-26T04:40:30.000Z'));
    expect(again).toBe(0);
    // And the task queued next predicts from it too.
    expect(rates.known(vm, Date.parse('2026-11-26T04:40:30.000Z')).dirtyRateBps).toBe(400 * MiB);
    expect(kept).toMatchObject({ dirtyRateBps: 400 * MiB, dirtyRateMeasuredAt: '2026-11-26T04:40:00.000Z' });
    expect(measured.durationMs!).toBeGreaterThan(assumed.durationMs!);
    // Once the VM moved, the next wizard measures it again: its work may differ now.
    finished.emit({ vmId: vm.id } as Task);
    await rates.of([vm], Date.parse('2026-11-26T04:40:40.000Z'));
    expect(again).toBe(1);
    expect(measured.downtimeMs!).toBeGreaterThan(assumed.downtimeMs!);
  });

  it("measures again over the inventory's rate however recent (the guest may have started writing), and leaves rates the backend reports alone", async () => {
    const { view, vm, sim } = await world();
    let calls = 0;
    const measuring = Object.assign(Object.create(sim) as HypervisorDriver, {
      measureDirtyRate: async () => {
        calls += 1;
        return { bytesPerSecond: 8 * MiB, measuredAt: '2026-11-26T04:40:00.000Z' };
      },
    });
    const rates = new FreshDirtyRates({ ...view, driver: () => measuring }, silentLogger, new Emitter<Task>());
    const now = Date.parse('2026-11-26T04:40:00.000Z');
    const idleAWhileAgo = { ...vm, dirtyRateBps: 0, dirtyRateMeasuredAt: '2026-11-26T04:39:30.000Z' };
    const [remeasured] = await rates.of([idleAWhileAgo], now);
    expect(calls).toBe(1);
    expect(remeasured).toMatchObject({ dirtyRateBps: 8 * MiB, dirtyRateMeasuredAt: '2026-11-26T04:40:00.000Z' });

    const justNow = { ...vm, id: 'just-now', dirtyRateBps: 0, dirtyRateMeasuredAt: '2026-11-26T04:39:58.000Z' };
    const reported = { ...vm, id: 'reported', dirtyRateMeasuredAt: undefined };
    const out = await rates.of([justNow, reported], now);
    expect(calls).toBe(2);
    expect(out).toEqual([{ ...justNow, dirtyRateBps: 8 * MiB, dirtyRateMeasuredAt: '2026-11-26T04:40:00.000Z' }, reported]);
    expect(predictionFor({ view, active: () => [] }, reported, move).basis?.dirtyRateSource).toBe('reported');
  });
});

describe('the link speed a prediction uses', () => {
  it("is the slower endpoint's configured speed until a migration between the two hosts taught one", async () => {
    const { view, vm, host } = await world();
    const configured = predictionFor({ view, active: () => [] }, vm, move);
    expect(configured.basis).toMatchObject({ linkSource: 'configured', linkSamples: 0 });
    expect(configured.basis?.linkBps).toBe(Math.min(host(H0).migrationBandwidthBps, host(H1).migrationBandwidthBps));

    const links = {
      estimate: (s: string, d: string) =>
        s === H0 && d === H1 ? { bytesPerSecond: 50 * MiB, samples: 5, lastAt: 'x', fixedMs: null, switchoverMs: null } : null,
    };
    const learned = predictionFor({ view, active: () => [], links }, vm, move);
    expect(learned.basis).toMatchObject({ linkSource: 'learned', linkBps: 50 * MiB, linkSamples: 5 });
    // 4 GiB at 50 MiB/s instead of at the NIC's speed.
    expect(learned.durationMs!).toBeGreaterThan(80_000);
    expect(learned.durationMs!).toBeGreaterThan(configured.durationMs! * 5);
  });

  it("adds what the pair's moves cost besides the copy, and their switchover, once learned (a TCG lab host: seconds, not 0.5 s)", async () => {
    const { view, vm } = await world();
    const learnedLink = (fixedMs: number | null, switchoverMs: number | null) => ({
      estimate: () => ({ bytesPerSecond: 50 * MiB, samples: 3, lastAt: 'x', fixedMs, switchoverMs }),
    });
    const generic = predictionFor({ view, active: () => [], links: learnedLink(null, null) }, vm, move);
    const learned = predictionFor({ view, active: () => [], links: learnedLink(3_000, 250) }, vm, move);
    expect(learned.durationMs! - generic.durationMs!).toBeCloseTo(3_000 - 500, 0);
    expect(learned.downtimeMs! - generic.downtimeMs!).toBeCloseTo(250 - 15, 0);
    expect(learned.basis).toMatchObject({ fixedMs: 3_000, switchoverMs: 250 });
    expect(generic.basis).not.toHaveProperty('fixedMs');
  });

  it('says "assumed" when the slower endpoint only has a default', async () => {
    const { view, vm, hosts, host } = await world();
    hosts.set(H1, { ...host(H1), migrationBandwidthBps: 1, migrationBandwidthSource: 'assumed' });
    expect(predictionFor({ view, active: () => [] }, vm, move).basis).toMatchObject({ linkSource: 'assumed', linkBps: 1 });
  });
});
