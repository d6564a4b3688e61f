import { describe, expect, it } from 'vitest';
import { singleVmItems } from '../../src/renderer/src/features/inventory/vm-menu-words';

// New-user review 8 (m4): with 4 VMs selected, "Migrate…" sat beside "Move 4 VMs to…" and acted on one VM.
describe("a VM's menu items that act on it alone", () => {
  it('name the right-clicked VM when several are selected', () => {
    expect(singleVmItems('DC0_C0_H0_VM2', 4)).toEqual({
      migrate: 'Migrate DC0_C0_H0_VM2…',
      storage: 'Move storage of DC0_C0_H0_VM2…',
    });
  });
  it('stay short when it is the only one', () => {
    expect(singleVmItems('DC0_C0_H0_VM2', 1)).toEqual({ migrate: 'Migrate…', storage: 'Move storage…' });
  });
});
