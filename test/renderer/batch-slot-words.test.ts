import { describe, expect, it } from 'vitest';
import { finishWords, waitWords } from '../../src/renderer/src/features/wizard/steps/batch-slot-words';
import type { Host } from '../../src/shared/model/inventory';

const link = { kind: 'network' as const, resourceId: 'net:h2', resourceName: 'DC0_C1_H2 migration link', used: 4, cap: 4, cost: 1 };
const hostOf = (id: string) => (id === 'h2' ? ({ migrationBandwidthBps: 5e9 / 8 } as Host) : undefined);

describe('a VM of a batch, when it is done and what it waits for', () => {
  it('counts from Finish, and says which cap a waiting move waits for and how many it takes', () => {
    expect(finishWords({ startsInMs: 7_000, finishesInMs: 224_000, waitsFor: link })).toBe('about 3 min 44 s after Finish');
    // A one-off schedule runs once (new-user review 13, 11: it read "after each run starts").
    expect(finishWords({ startsInMs: 0, finishesInMs: 2_000, waitsFor: null }, 'once')).toBe('about 2 s after the run starts');
    expect(finishWords({ startsInMs: 0, finishesInMs: 2_000, waitsFor: null }, 'recurring')).toBe('about 2 s after each run starts');
    expect(waitWords({ startsInMs: 7_000, finishesInMs: 224_000, waitsFor: link }, hostOf)).toBe(
      'waits about 7 s for the 5 Gb/s link cap of DC0_C1_H2 (4 moves at a time)',
    );
  });

  it('says nothing of a wait when the move starts at once, and names a move that never finishes', () => {
    expect(waitWords({ startsInMs: 0, finishesInMs: 34_000, waitsFor: null }, hostOf)).toBeNull();
    expect(finishWords({ startsInMs: 0, finishesInMs: null, waitsFor: null })).toBe('does not finish');
    expect(finishWords(undefined)).toBe('—');
  });

  it('counts a scheduled batch from each run, not from the Finish that only saves it (new-user review 12, 4)', () => {
    expect(finishWords({ startsInMs: 0, finishesInMs: 8_000, waitsFor: null }, 'recurring')).toBe('about 8 s after each run starts');
  });
});
