import { describe, expect, it } from 'vitest';
import type { HostRating } from '../../src/shared/model/precheck';
import { combinedVerdicts } from '../../src/renderer/src/features/inventory/drag-verdicts';

const rating = (hostId: string, stars: number, reason = `fits on ${hostId}`): HostRating => ({
  hostId,
  hostName: hostId,
  rating: stars,
  score: stars * 20,
  reasons: [reason],
  checks: stars > 0 ? [] : [{ code: 'INSUFFICIENT_MEMORY', severity: 'error', message: reason, hint: 'free some memory' }],
});

describe('the verdicts shown while several VMs are dragged', () => {
  it('names the VM that cannot go, when the others are absent from a host because they already run there (new-user review 8, m10)', () => {
    // VM-a and VM-b run on H1, so their rankings leave it out; VM-c cannot go there.
    const verdicts = combinedVerdicts(
      [[rating('H2', 4)], [rating('H2', 4)], [rating('H1', 0, 'no room on H1'), rating('H2', 4)]],
      ['VM-a', 'VM-b', 'VM-c'],
    );
    expect(verdicts.get('H1')?.message).toContain('(VM-c)');
    expect(verdicts.get('H2')).toMatchObject({ level: 'ok', message: 'All 3 VMs can move here' });
  });

  it('says why each dragged VM cannot go to a host, not the first VM’s reason for all (new-user review 9, 5)', () => {
    const verdicts = combinedVerdicts(
      [
        [rating('H1', 0, 'uses NVIDIA A100, which H1 lacks')],
        [rating('H1', 0, 'Intel guest, AMD host')],
        [rating('H1', 0, 'Intel guest, AMD host')],
      ],
      ['VM5', 'VM0', 'VM2'],
    );
    expect(verdicts.get('H1')).toMatchObject({
      level: 'error',
      message: 'None of the 3 VMs can move here: VM5: uses NVIDIA A100, which H1 lacks; VM0, VM2: Intel guest, AMD host',
    });
  });
});
