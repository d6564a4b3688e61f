import { describe, expect, it } from 'vitest';
import { completionTimeout } from '../../src/main/engine/run/completion-timeout';
import { defaultConvergencePolicy } from '../../src/shared/model/migration';

// New-user review 16, 3: "Allow post-copy or auto-converge, raise the downtime limit…" beside both on,
// while the move's 20 MiB/s bandwidth limit and its 1 s per GiB held it and went unnamed.
describe('the error of a copy that outlasted its give-up limit', () => {
  it("names the move's own limits and suggests only what is off", () => {
    const error = completionTimeout(
      { bandwidthLimitBps: 20 * 1024 ** 2, convergence: { ...defaultConvergencePolicy, completionTimeoutSecPerGiB: 1 } },
      8_000,
    );
    expect(error.message).toBe('the memory copy did not converge within 8 s, its limit of 1 s per GiB of memory');
    expect(error.hint).toBe(
      'Raise its bandwidth limit (20 MiB/s), raise "Give up after" (1 s per GiB), or migrate when the guest is less busy.',
    );
  });

  it('suggests post-copy and auto-converge when they are off, and no bandwidth limit when there is none', () => {
    const convergence = { ...defaultConvergencePolicy, allowPostCopy: false, autoConverge: false };
    expect(completionTimeout({ bandwidthLimitBps: null, convergence }, 480_000).hint).toBe(
      'Raise "Give up after" (60 s per GiB), allow post-copy, allow auto-converge, or migrate when the guest is less busy.',
    );
  });
});
