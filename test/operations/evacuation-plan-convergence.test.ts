import { describe, expect, it } from 'vitest';
import { planEvacuation } from '../../src/main/operations/evacuation-planner';
import { EvacuationPlan } from '../../src/shared/model/operations';
import { presetView } from '../engine/fake-view';

const HOT = 'DC0_C0_H0_VM3';

// New-user review 12, finding 12b (issue #14): the plan moved a guest that dirties memory faster than
// its link copies it without a word, where the wizard's prechecks warn of it (WILL_NOT_CONVERGE).
describe('the evacuation plan warns of a guest that may not converge on its link', () => {
  it('marks that move with the prechecks’ warning, worded with the host at the far end of the link', async () => {
    const { view } = await presetView('demo');
    const [plan] = planEvacuation(view, ['DC0_C0_H0']);
    const hot = plan?.moves.find((m) => m.vmName === HOT);
    if (!hot) throw new Error(`${HOT} does not move`);
    expect(hot.warnings?.map((w) => [w.code, w.severity])).toEqual([['WILL_NOT_CONVERGE', 'warning']]);
    expect(hot.warnings?.[0]?.message).toBe(
      `${HOT} dirties memory about as fast as the link to ${hot.destHostName} can copy it, or faster: it may need throttling (auto-converge) or post-copy to finish`,
    );
    expect(hot.warnings?.[0]?.hint).toMatch(/raise the downtime limit, throttle the guest/);
  });

  it('marks no move of a guest that converges, and none of a cold move', async () => {
    const { view } = await presetView('demo');
    const [plan] = planEvacuation(view, ['DC0_C0_H0'], { withLocalDisks: true, poweredOff: true });
    const others = plan?.moves.filter((m) => m.vmName !== HOT) ?? [];
    expect(others.map((m) => m.kind).sort()).toEqual(['cold', 'live', 'live', 'live', 'with-disk']);
    for (const move of others) expect(move.warnings).toBeUndefined();
  });

  it('keeps the warning through the IPC contract', async () => {
    const { view } = await presetView('demo');
    const [plan] = planEvacuation(view, ['DC0_C0_H0']);
    const parsed = EvacuationPlan.parse(plan);
    expect(parsed.moves.find((m) => m.vmName === HOT)?.warnings?.[0]?.code).toBe('WILL_NOT_CONVERGE');
  });

  it('marks a guest that converges alone but not at the share of the link the plan leaves it (review 12, 12b)', async () => {
    const world = await presetView('demo');
    // 400 MB/s is a third of H1's 10 Gb/s link, under the prechecks' bar; its other four moves share that link.
    const vm = 'DC0_C0_H1_VM0';
    world.vms.set(vm, { ...world.vm(vm), dirtyRateBps: 400e6 });
    const [plan] = planEvacuation(world.view, ['DC0_C0_H1']);
    const move = plan?.moves.find((m) => m.vmId === vm);
    if (!move) throw new Error(`${vm} does not move`);
    expect(move.warnings?.map((w) => [w.code, w.severity])).toEqual([['WILL_NOT_CONVERGE', 'warning']]);
    // With figures, and a way to avoid it the admin can take (new-user review 14, 12: no figures, "moving it on its own" offered nowhere).
    expect(move.warnings?.[0]?.message).toMatch(
      new RegExp(
        `^${vm} dirties memory at 381 MiB/s, (faster than|about as fast as) the \\d+ MiB/s its share of the link gets while the plan's other moves run beside it: it may need throttling \\(auto-converge\\) or post-copy to finish$`,
      ),
    );
    expect(move.warnings?.[0]?.hint).toMatch(/move it on its own before entering maintenance \(Migrate… from its menu\)/);
    // Alone on the link, it converges: no warning.
    const [alone] = planEvacuation(
      { ...world.view, allVms: () => world.view.allVms().filter((v) => v.hostId !== 'DC0_C0_H1' || v.id === vm) },
      ['DC0_C0_H1'],
    );
    expect(alone?.moves.map((m) => [m.vmId, m.warnings])).toEqual([[vm, undefined]]);
  });
});
