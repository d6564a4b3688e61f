import { describe, expect, it } from 'vitest';
import { routerFor, useServices } from '../helpers/services';
import { openWorld } from '../engine/harness';

const H0 = 'DC0_C0_H0';
const heldReservation = { operation: 'destination.reserve', target: 'DC0_C0_H0_VM1', delayMs: 600_000, fail: false } as const;

/** Review 5, finding 22: the "Left maintenance while entering it" report stayed in the panel for good. */
describe('the report of a maintenance left while entering (demo datacenter)', () => {
  const start = useServices();

  it('is dated, and once the admin dismisses it the panel no longer shows it, after a restart too', async () => {
    const first = await openWorld(start, { preset: 'demo', faults: [heldReservation] });
    const m = first.services;
    m.maintenance.enter(H0, 'alice');
    await first.clock.advanceUntil(() => m.maintenance.progress(H0).moved > 0, 900_000, 250);
    const left = m.maintenance.exit(H0, 'alice');
    expect(left.exitReport?.cancelled).toContain('DC0_C0_H0_VM1');
    expect(left.exitedAt).toBe(new Date(first.clock.now()).toISOString());

    const dismissed = await routerFor(m).dispatch('maintenance.dismissExitReport', { hostId: H0 }, { actor: 'alice', shell: 'browser' });
    if (!dismissed.ok) throw new Error(dismissed.error.message);
    expect(dismissed.value).toMatchObject({ exitReport: null });
    // What maintenance moved can still move back: only the report went.
    expect(m.maintenance.progress(H0).failbackCount).toBeGreaterThan(0);
    await m.close();

    const second = await openWorld(start, { store: first.store, dataDir: first.dataDir, clock: first.clock });
    expect(second.services.maintenance.progress(H0).exitReport).toBeNull();
  });
});
