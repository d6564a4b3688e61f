import { describe, expect, it } from 'vitest';
import { defaultConvergencePolicy, type MigrationOptions } from '../../src/shared/model/migration';
import { useServices } from '../helpers/services';
import { openWorld, request } from './harness';

const MiB = 1024 ** 2;
const options = (o: { bandwidthLimitBps?: number; convergence?: Partial<MigrationOptions['convergence']> }): MigrationOptions => ({
  bandwidthLimitBps: o.bandwidthLimitBps ?? null,
  convergence: { ...defaultConvergencePolicy, ...o.convergence },
});

// New-user review 16, 1 and 2: Ready to complete said "Ready" beside its own prediction "does not finish"
// under the admin's bandwidth limit, and promised 28 min for a copy its give-up limit rolled back after 8 s.
describe("a move's checks under its own options", () => {
  const start = useServices();

  it('warns that the guest will not converge under the bandwidth limit, and the engine wants it acknowledged', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const engine = world.services.engine;
    // 64 GiB dirtying 300 MiB/s: the 10 Gb/s link carries it, a 20 MiB/s limit does not.
    const asked = request({
      vmIds: ['DC0_C0_H1_VM3'],
      destHostId: 'DC0_C0_H3',
      options: options({ bandwidthLimitBps: 20 * MiB, convergence: { autoConverge: false, allowPostCopy: false } }),
    });
    const warning = engine.checks(asked)[0]?.results.find((r) => r.code === 'WILL_NOT_CONVERGE');
    expect(warning?.message).toBe('DC0_C0_H1_VM3 dirties memory at 300 MiB/s, faster than its bandwidth limit lets through (20 MiB/s).');
    expect(() => engine.request({ ...asked, acknowledgedWarnings: [] }, { requestedBy: 'alice' })).toThrow(/acknowledgement/);
    const unlimited = { ...asked, options: options({ convergence: { autoConverge: false, allowPostCopy: false } }) };
    expect(engine.checks(unlimited)[0]?.results.map((r) => r.code)).not.toContain('WILL_NOT_CONVERGE');
  }, 60_000);

  it('warns that the copy outlasts its give-up limit, with both figures, and the prediction says it gives up', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const engine = world.services.engine;
    // 8 GiB at 100 MiB/s: about 90 s of copy, against 1 s per GiB (8 s).
    const asked = request({
      vmIds: ['DC0_C0_H1_VM0'],
      destHostId: 'DC0_C0_H2',
      options: options({ bandwidthLimitBps: 100 * MiB, convergence: { completionTimeoutSecPerGiB: 1 } }),
    });
    const warning = engine.checks(asked)[0]?.results.find((r) => r.code === 'WILL_TIME_OUT');
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toMatch(
      /^DC0_C0_H1_VM0's memory copy needs about 1 min \d+ s; it gives up after 8 s \(1 s per GiB of its 8 GiB\) and rolls back\.$/,
    );
    expect(() => engine.request({ ...asked, acknowledgedWarnings: [] }, { requestedBy: 'alice' })).toThrow(/acknowledgement/);
    const [predicted] = await engine.predict(asked);
    expect(predicted?.prediction).toMatchObject({ durationMs: null, converges: false, strategy: 'times-out' });
    expect(predicted?.prediction.givesUp?.afterMs).toBe(8_000);
    expect(predicted?.prediction.givesUp?.copyMs).toBeGreaterThan(60_000);
    // The default limit (60 s per GiB) leaves it room: nothing to acknowledge.
    const roomy = { ...asked, options: options({ bandwidthLimitBps: 100 * MiB }) };
    expect(engine.checks(roomy)[0]?.results.map((r) => r.code)).not.toContain('WILL_TIME_OUT');
    expect((await engine.predict(roomy))[0]?.prediction).toMatchObject({ converges: true });
  }, 60_000);
});
