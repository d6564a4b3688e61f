import { describe, expect, it } from 'vitest';
import { failbackRequestedWords } from '../../src/main/operations/failback-planner';

// New-user review 9, 5: the audit's details read "1 VMs move back to DC0_C0_H0".
describe("a failback's audit details", () => {
  it('agree with their counts', () => {
    expect(failbackRequestedWords(1, 0, 'DC0_C0_H0')).toBe('1 VM moves back to DC0_C0_H0; none cannot');
    expect(failbackRequestedWords(3, 1, 'DC0_C0_H0')).toBe('3 VMs move back to DC0_C0_H0; 1 cannot');
  });
});
