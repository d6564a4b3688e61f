import { describe, expect, it } from 'vitest';
import { promiseKept, promiseOf, runSimScenario, simScenarios } from './kill-matrix';

describe('kill -9 in every phase, on the simulated datacenter: the VM is never lost', () => {
  it.each(simScenarios.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const result = await runSimScenario(scenario);
    expect(promiseOf(result)).toEqual(promiseKept);
    expect(['completed', 'aborted']).toContain(result.outcome);
    expect(result.retried).toBe('completed');
  });
});
