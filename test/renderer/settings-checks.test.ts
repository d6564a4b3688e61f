import { describe, expect, it } from 'vitest';
import { faultRuleProblems, settingsProblems, settingsRefusal } from '../../src/renderer/src/features/settings/settings-checks';
import { FerryError } from '../../src/shared/api/errors';

const rule = { operation: 'memory.copy' as const, target: '*', probability: 1, count: 1 as number | null, delayMs: 0, fail: true };

// Review 5, F11: a 300-character operator name came back as zod's words, and a speed of -1, a
// probability of 2 and "-3 times" were taken (or silently changed) without a word at the field.
describe('Settings checked at its fields, with the limits of the contract', () => {
  it('says an operator name is too long, and takes an empty one (your OS user name)', () => {
    expect(settingsProblems({ operatorName: 'x'.repeat(300), simSpeed: 20 })).toEqual({
      operatorName: 'At most 100 characters (this has 300).',
    });
    expect(settingsProblems({ operatorName: 'x'.repeat(100), simSpeed: 20 })).toEqual({});
    expect(settingsProblems({ operatorName: null, simSpeed: 20 })).toEqual({});
    expect(settingsProblems({ operatorName: 'a\ud800', simSpeed: 20 }).operatorName).toMatch(/half a character/);
  });

  it.each([-1, 0, 0.05, 1e9, Number.NaN])('says a speed of %s is out of range', (simSpeed) => {
    expect(settingsProblems({ operatorName: null, simSpeed }).simSpeed).toBe('From 0.1 to 1000 times real time.');
  });

  it.each([0.1, 1, 20, 1000])('takes a speed of %s', (simSpeed) => {
    expect(settingsProblems({ operatorName: null, simSpeed })).toEqual({});
  });

  it('says a fault rule probability above 1, and a count that is not a whole number of at least 1', () => {
    expect(faultRuleProblems({ ...rule, probability: 2, count: -3 })).toEqual({
      probability: 'From 0 to 1.',
      count: 'A whole number, at least 1; empty: always.',
    });
    expect(faultRuleProblems({ ...rule, count: 1.5, delayMs: -1 })).toEqual({
      count: 'A whole number, at least 1; empty: always.',
      delayMs: 'Whole milliseconds, from 0 to 3600000.',
    });
    expect(faultRuleProblems({ ...rule, probability: Number.NaN }).probability).toBe('From 0 to 1.');
    expect(faultRuleProblems({ ...rule, target: '' }).target).toBe('A VM or host name, or a pattern such as * (up to 200 characters).');
    expect(faultRuleProblems({ ...rule, count: null })).toEqual({});
    expect(faultRuleProblems(rule)).toEqual({});
  });

  it("names the fields Ferry refused, in the form's words, never zod's", () => {
    const refused = new FerryError('VALIDATION_FAILED', 'invalid payload for settings.update', {
      issues: [{ path: 'operatorName', message: 'Too big: expected string to have <=100 characters' }],
    });
    expect(settingsRefusal(refused)).toEqual(['operatorName']);
    expect(settingsRefusal(new FerryError('INTERNAL', 'x'))).toBeNull();
  });
});
