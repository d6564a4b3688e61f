import { describe, expect, it } from 'vitest';
import type { HostRating } from '../../src/shared/model/precheck';
import { hostsToList } from '../../src/renderer/src/features/wizard/steps/destination-hosts';

const ranked = Array.from({ length: 2000 }, (_, i): HostRating => ({
  hostId: `h${i}`,
  hostName: `DC${i % 4}_C${i % 10}_H${i}`,
  rating: i < 49 ? 5 - (i % 5) : 0,
  score: -i,
  reasons: [],
  checks: [],
}));

describe('the hosts the Destination step lists', () => {
  it('lists the best hosts only, and the chosen one wherever it ranks', () => {
    const { listed, matching } = hostsToList(ranked, '', 'h1500', 100);
    expect(matching).toBe(2000);
    expect(listed).toHaveLength(101);
    expect(listed.slice(0, 100).map((r) => r.hostId)).toEqual(ranked.slice(0, 100).map((r) => r.hostId));
    expect(listed.at(-1)?.hostId).toBe('h1500');
  });

  it('finds any host by part of its name, in ranking order', () => {
    const { listed, matching } = hostsToList(ranked, 'dc3_c9_h19', null, 100);
    expect(listed.map((r) => r.hostName)).toEqual([
      'DC3_C9_H19',
      ...ranked.filter((r) => r.hostName.startsWith('DC3_C9_H19') && r.hostName !== 'DC3_C9_H19').map((r) => r.hostName),
    ]);
    expect(matching).toBe(listed.length);
    expect(hostsToList(ranked, 'no such host', null).listed).toEqual([]);
  });
});
