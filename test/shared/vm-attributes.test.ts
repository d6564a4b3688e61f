import { describe, expect, it } from 'vitest';
import { VmAttributes, groupTags, tagsOf } from '../../src/shared/model/vm-attributes';

describe('VM attributes', () => {
  it('splits tags into plain tags and affinity groups the way planning reads them, and back', () => {
    const tags = ['web', 'affinity:db', 'anti-affinity:web', 'eu'];
    const groups = groupTags(tags);
    expect(groups).toEqual({ tags: ['web', 'eu'], affinity: ['db'], antiAffinity: ['web'] });
    expect(tagsOf(groups).sort()).toEqual([...tags].sort());
  });

  it('accepts the simulator presets tags and refuses what a word list could not carry', () => {
    expect(VmAttributes.safeParse({ missionCritical: true, tags: ['web', 'anti-affinity:web-eu', 'db_2.x'] }).success).toBe(true);
    for (const tags of [['a b'], ['a,b'], [''], ['-web'], ['web', 'web'], Array.from({ length: 65 }, (_, i) => `t${i}`)])
      expect(VmAttributes.safeParse({ missionCritical: false, tags }).success).toBe(false);
  });
});
