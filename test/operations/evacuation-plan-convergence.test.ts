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
});
