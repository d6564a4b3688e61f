import { describe, expect, it } from 'vitest';
import type { HostRating } from '../../src/shared/model/precheck';
import { batchRanking, rankedSample, rankedVms } from '../../src/renderer/src/features/wizard/batch-ranking';

const rating = (hostId: string, stars: number, score: number, reason = `fits on ${hostId}`): HostRating => ({
  hostId,
  hostName: hostId,
  rating: stars,
  score,
  reasons: [reason],
  checks: [],
});

describe('hosts ranked for a batch', () => {
  it('rank by the VMs that can go, as good as the weakest fit, and say which cannot (review 5, F19)', () => {
    const first = [rating('H3', 5, 90), rating('H2', 4, 70), rating('H1', 0, 0, 'no room')];
    const second = [rating('H3', 0, 0, 'has no GPU'), rating('H2', 3, 60), rating('H1', 0, 0, 'no room')];
    const third = [rating('H3', 0, 0, 'has no GPU'), rating('H2', 4, 65), rating('H1', 2, 20)];
    const ranked = batchRanking([first, second, third], ['VM-a', 'VM-b', 'VM-c']);
    expect(ranked.find((r) => r.hostId === 'H2')).toMatchObject({ rating: 3, reasons: ['fits on H2'] });
    // Five stars for the one VM it takes, a third of the batch: 1 star for the batch.
    expect(ranked.find((r) => r.hostId === 'H3')?.rating).toBe(1);
    expect(ranked.find((r) => r.hostId === 'H3')?.reasons[0]).toBe('2 of 3 VMs cannot move here (VM-b, VM-c)');
    expect(ranked.find((r) => r.hostId === 'H1')?.reasons[0]).toBe('2 of 3 VMs cannot move here (VM-a, VM-b)');
    // A host none can use stays listed, blocked.
    const blocked = batchRanking([[rating('H1', 0, 0, 'no room')], [rating('H1', 0, 0, 'no room')]], ['a', 'b']);
    expect(blocked[0]).toMatchObject({ rating: 0, reasons: ['None of the 2 VMs can move here', 'a, b: no room'] });
  });

  it('says why each VM cannot move to a host, not the first VM’s reason for all (new-user review 9, 5)', () => {
    const gpu = [rating('H1', 0, 0, 'uses NVIDIA A100, which H1 lacks')];
    const vendor = [rating('H1', 0, 0, 'Intel guest, AMD host')];
    const none = batchRanking([gpu, vendor, vendor], ['VM5', 'VM0', 'VM2']);
    expect(none[0]?.reasons).toEqual([
      'None of the 3 VMs can move here',
      'VM5: uses NVIDIA A100, which H1 lacks',
      'VM0, VM2: Intel guest, AMD host',
    ]);
    const some = batchRanking([gpu, vendor, [rating('H1', 4, 0.7, 'fits')]], ['VM5', 'VM0', 'VM1']);
    expect(some[0]?.reasons).toEqual([
      '2 of 3 VMs cannot move here (VM5, VM0)',
      'VM5: uses NVIDIA A100, which H1 lacks',
      'VM0: Intel guest, AMD host',
      'fits',
    ]);
  });

  // New-user review (demo preset): "DC0_C0_H1_VM5: DC0_C0_H1_VM5 uses NVIDIA A100…" named the VM twice.
  it('does not head a reason with the VM it already names', () => {
    const gpu = [rating('H1', 0, 0, 'VM5 uses NVIDIA A100, which cannot move live.')];
    const vendor = [rating('H1', 0, 0, 'Intel guest, AMD host')];
    expect(batchRanking([gpu, vendor, vendor], ['VM5', 'VM0', 'VM2'])[0]?.reasons).toEqual([
      'None of the 3 VMs can move here',
      'VM5 uses NVIDIA A100, which cannot move live.',
      'VM0, VM2: Intel guest, AMD host',
    ]);
  });

  it('says of the host the others already run on that they do, and which VM cannot move there (new-user review 8, m10)', () => {
    // VM-b and VM-c run on H1 (absent from their rankings); VM-a cannot go there.
    const ranked = batchRanking([[rating('H1', 0, 0, 'its disk is on a datastore H1 lacks')], [], []], ['VM-a', 'VM-b', 'VM-c']);
    expect(ranked[0]).toMatchObject({
      rating: 0,
      reasons: ['2 of 3 VMs already run here; VM-a cannot move here', 'VM-a: its disk is on a datastore H1 lacks'],
    });
  });

  it('lists the hosts in the order of the stars shown, the count of VMs that can go breaking ties (new-user review 7, 6)', () => {
    const first = [rating('H3', 5, 90), rating('H2', 3, 60), rating('H1', 3, 55), rating('H4', 4, 80)];
    const second = [rating('H3', 0, 0, 'has no GPU'), rating('H2', 3, 60), rating('H1', 3, 50), rating('H4', 0, 0, 'no room')];
    const third = [rating('H3', 5, 85), rating('H2', 4, 70), rating('H1', 0, 0, 'no room'), rating('H4', 0, 0, 'no room')];
    const ranked = batchRanking([first, second, third], ['VM-a', 'VM-b', 'VM-c']);
    // Stars scaled by the share taken: H2 3 (all 3 at 3), H3 3 (5 × 2/3), H1 2 (3 × 2/3), H4 1 (4 × 1/3);
    // H2 before H3 as it takes more of the batch.
    expect(ranked.map((r) => [r.hostId, r.rating])).toEqual([
      ['H2', 3],
      ['H3', 3],
      ['H1', 2],
      ['H4', 1],
    ]);
    const stars = ranked.map((r) => r.rating);
    expect(stars).toEqual([...stars].sort((a, b) => b - a));
  });

  it('rates a host by the share of the batch it takes too: one that refuses half of it is not the best (new-user review 10, 1)', () => {
    // DC0_C0_H3 fits two of four VMs at 5 stars and refuses two; DC0_C0_H2 fits three at 3 stars and refuses one.
    const fits = (h3: number, h2: number) => [rating('H3', h3, 90), rating('H2', h2, 60)];
    const ranked = batchRanking(
      [
        fits(5, 3),
        [rating('H3', 0, 0, 'has no GPU'), rating('H2', 3, 60)],
        [rating('H3', 0, 0, 'has no GPU'), rating('H2', 0, 0, 'no room')],
        fits(5, 4),
      ],
      ['VM0', 'VM1', 'VM2', 'VM5'],
    );
    expect(ranked.map((r) => r.hostId)).toEqual(['H2', 'H3']);
    // Its stars scale with the share it takes (5 × 2/4), so the order follows the stars shown.
    expect(ranked.map((r) => r.rating)).toEqual([2, 2]);
    expect(ranked.find((r) => r.hostId === 'H3')?.reasons[0]).toBe('2 of 4 VMs cannot move here (VM1, VM2)');
  });

  it('orders hosts of equal stars by the fit whose reasons it shows, not by an average it does not (new-user review 8, m9)', () => {
    // Both hosts take both VMs at 3 stars. H1's weakest fit (shown) is worse than H2's, though its average is better.
    // H2's weakest fit is its second VM's: equal stars, the lower score.
    const first = [rating('H1', 3, 0.58, 'H1: 58% free'), rating('H2', 3, 0.62, 'H2: 62% free')];
    const second = [rating('H1', 4, 0.7, 'H1: 70% free'), rating('H2', 3, 0.6, 'H2: 60% free (b)')];
    const ranked = batchRanking([first, second], ['VM-a', 'VM-b']);
    expect(ranked.map((r) => [r.hostId, r.reasons[0]])).toEqual([
      ['H2', 'H2: 60% free (b)'],
      ['H1', 'H1: 58% free'],
    ]);
    expect(ranked.map((r) => r.score)).toEqual([0.6, 0.58]);
  });

  it('leaves one VM’s ranking as it is, and counts a VM already on a host as not moving', () => {
    const only = [rating('H2', 4, 70), rating('H1', 2, 10)];
    expect(batchRanking([only], ['a'])).toEqual(only);
    const mixed = batchRanking([[rating('H1', 4, 50)], [rating('H2', 3, 40)]], ['a', 'b']);
    expect(mixed.find((r) => r.hostId === 'H1')?.reasons).toContain('1 of 2 VMs already run here');
  });
});

// New-user review 14, 4: a batch of 40 was ranked by its first 20, all of one cluster, and the other
// cluster's hosts read "blocked" though the other 20 VMs could go there.
describe('the VMs a large batch is ranked by', () => {
  it('takes them from each source cluster in turn, in the batch order, up to the bound', () => {
    const ids = [...Array.from({ length: 20 }, (_, i) => `a${i}`), ...Array.from({ length: 20 }, (_, i) => `b${i}`)];
    const sample = rankedSample(ids, (id) => id.charAt(0));
    expect(sample).toHaveLength(rankedVms);
    expect(sample.filter((id) => id.startsWith('a'))).toHaveLength(10);
    expect(sample.filter((id) => id.startsWith('b'))).toHaveLength(10);
    expect(sample.slice(0, 2)).toEqual(['a0', 'a1']);
    expect(rankedSample(['x', 'y'], () => 'c')).toEqual(['x', 'y']);
  });
});
