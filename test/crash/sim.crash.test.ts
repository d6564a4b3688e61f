import { describe, expect, it } from 'vitest';
import { runSimScenario, simScenarios } from './kill-matrix';

describe('kill -9 in every phase, on the simulated datacenter: the VM is never lost', () => {
  it.each(simScenarios.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const result = await runSimScenario(scenario);
    expect({
      lost: result.lost,
      doubled: result.doubled,
      leaks: result.leaks,
      finishedRecords: result.finishedRecords,
      outcomeTrue: result.outcomeTrue,
      unhandled: result.unhandled,
    }).toEqual({ lost: false, doubled: false, leaks: [], finishedRecords: 1, outcomeTrue: true, unhandled: [] });
    expect(['completed', 'aborted']).toContain(result.outcome);
    expect(result.retried).toBe('completed');
  });
});
