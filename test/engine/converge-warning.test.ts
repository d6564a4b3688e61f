import { describe, expect, it } from 'vitest';
import { precheck } from '../../src/main/engine/planning/prechecks';
import { presetView } from './fake-view';

const GiB = 1024 ** 3;

/** The WILL_NOT_CONVERGE warning's message for a demo VM moving to DC0_C0_H1, its dirty rate set when given. */
async function convergeMessage(vmId: string, dirtyRateBps?: number): Promise<string | undefined> {
  const world = await presetView('demo');
  const vm = world.vm(vmId);
  const results = precheck(world.view, {
    vm: dirtyRateBps === undefined ? vm : { ...vm, dirtyRateBps },
    dest: world.host('DC0_C0_H1'),
    type: 'compute',
    destDatastoreId: null,
    inbound: undefined,
    vmAlreadyMigrating: false,
  });
  return results.find((r) => r.code === 'WILL_NOT_CONVERGE')?.message;
}

// New-user review (demo preset): "dirties memory at 1.6 GiB/s, about as fast as the 10 Gb/s link carries it",
// yet 10 Gb/s carries about 1.2 GiB/s: the guest is faster.
describe('the warning of a guest that dirties memory about as fast as its link, or faster', () => {
  it('says "faster than" when the guest outruns the link, with what the link carries in GiB/s', async () => {
    expect(await convergeMessage('DC0_C0_H0_VM3')).toBe(
      'DC0_C0_H0_VM3 dirties memory at 1.6 GiB/s, faster than the 10 Gb/s link carries it (1.2 GiB/s).',
    );
  });

  it('says "about as fast as" only when the two are close', async () => {
    expect(await convergeMessage('DC0_C0_H0_VM3', 1.0 * GiB)).toBe(
      'DC0_C0_H0_VM3 dirties memory at 1.0 GiB/s, about as fast as the 10 Gb/s link carries it (1.2 GiB/s).',
    );
    expect(await convergeMessage('DC0_C0_H0_VM3', 0.5 * GiB)).toBeUndefined();
  });
});
