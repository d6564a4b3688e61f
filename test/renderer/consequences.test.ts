import { describe, expect, it } from 'vitest';
import type { Vm } from '../../src/shared/model/inventory';
import { consequences, type ConsequenceInventory } from '../../src/renderer/src/features/wizard/steps/consequences';
import { initialWizardState } from '../../src/renderer/src/features/wizard/wizard-state';

const guest = (id: string, power: Vm['power']) => ({ id, name: id, power, disks: [] }) as unknown as Vm;
const inventory = (vms: Vm[]): ConsequenceInventory => ({ vms: new Map(vms.map((v) => [v.id, v])), datastores: [] });
const coldLine = (lines: string[]) => lines.find((l) => l.includes('powered off'));

// New-user review (demo preset): Ready to complete read "1 of the 4 guests are powered off" when only 3 of them went.
describe("Ready to complete's line about the powered-off guests", () => {
  const vms = [guest('VM0', 'running'), guest('VM1', 'running'), guest('VM4', 'off'), guest('VM5', 'running')];
  const state = initialWizardState(['VM0', 'VM1', 'VM4', 'VM5'], 'H1');

  it('counts only the guests that go, its verb agreeing with its count', () => {
    expect(coldLine(consequences(state, inventory(vms), new Set(['VM5'])))).toBe(
      '1 of the 3 guests is powered off: it moves cold, re-registered on the destination and left off; none of its memory moves and nothing pauses.',
    );
  });

  it('says "the guests are" when every guest that goes is off, and counts several as several', () => {
    const off = [guest('VM2', 'off'), guest('VM4', 'off'), guest('VM5', 'running'), guest('VM6', 'running')];
    const all = initialWizardState(['VM2', 'VM4', 'VM5', 'VM6'], 'H1');
    expect(coldLine(consequences(all, inventory(off), new Set(['VM5', 'VM6'])))).toBe(
      'The guests are powered off: they move cold, re-registered on the destination and left off; none of their memory moves and nothing pauses.',
    );
    expect(coldLine(consequences(all, inventory(off)))).toBe(
      '2 of the 4 guests are powered off: they move cold, re-registered on the destination and left off; none of their memory moves and nothing pauses.',
    );
    expect(coldLine(consequences(initialWizardState(['VM4'], 'H1'), inventory(off)))).toBe(
      'The guest is powered off: it moves cold, re-registered on the destination and left off; none of its memory moves and nothing pauses.',
    );
  });

  it('leaves the live-migration terms out when every guest that goes is off', () => {
    expect(consequences(state, inventory(vms), new Set(['VM0', 'VM1', 'VM5'])).join('\n')).not.toMatch(/pauses once/);
  });
});

// New-user review 14, 5: "53.2 GiB of disk data is copied to DC0_C0_DS0", the store the disks were on.
describe("Ready to complete's disk copy line", () => {
  const onStore = (id: string, store: string, bytes: number) =>
    ({ id, name: id, power: 'running', disks: [{ datastoreId: store, allocatedBytes: bytes }] }) as unknown as Vm;
  const state = { ...initialWizardState(['VM0', 'VM1'], 'H1', 'both'), destDatastoreId: 'DS0' };
  const copyLine = (vms: Vm[]) => consequences(state, inventory(vms)).find((l) => l.includes('disk data is copied'));

  it('counts only the disks not already on their chosen store, and says none when all are', () => {
    const gib = 1024 ** 3;
    expect(copyLine([onStore('VM0', 'DS0', 10 * gib), onStore('VM1', 'DS1', 4 * gib)])).toMatch(/^4\.0 GiB of disk data is copied/);
    expect(copyLine([onStore('VM0', 'DS0', 10 * gib), onStore('VM1', 'DS0', 4 * gib)])).toBeUndefined();
  });
});

// New-user review 14, 7: "Each guest pauses once, for about 300 ms" beside a predicted "about 44 ms, at most 315 ms".
describe("Ready to complete's pause line", () => {
  it('gives the limit as a bound, not as the pause it predicts', () => {
    const lines = consequences(initialWizardState(['VM0'], 'H1'), inventory([guest('VM0', 'running')]));
    expect(lines.find((l) => l.startsWith('Each guest pauses once'))).toMatch(/^Each guest pauses once, for at most 300 ms \(the limit;/);
  });
});
