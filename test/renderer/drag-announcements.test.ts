import { describe, expect, it } from 'vitest';
import { announcementsFor } from '../../src/renderer/src/features/inventory/drag-announcements';

// dnd-kit's event shapes, reduced to what the announcements read.
type Say = ReturnType<typeof announcementsFor>;
const active = { id: 'vm', data: { current: { vmName: 'web01' } } };
const over = { id: 'h', data: { current: { hostName: 'DC0_C0_H2' } } };
const start = (say: Say) => say.onDragStart({ active } as never);
const end = (say: Say, on: typeof over | null) => say.onDragEnd({ active, over: on } as never);
const hover = (say: Say, on: typeof over | null) => say.onDragOver({ active, over: on } as never);

describe('what a screen reader hears while dragging', () => {
  it('names one VM and the host, in the singular', () => {
    const say = announcementsFor('web01');
    expect(start(say)).toBe('Picked up web01. Move it onto a host to migrate it.');
    expect(hover(say, over)).toBe('web01 is over DC0_C0_H2.');
    expect(hover(say, null)).toBe('web01 is no longer over a host.');
    expect(end(say, over)).toBe('web01 was dropped on DC0_C0_H2.');
  });

  // Found by review 2: "6 VMs was dropped outside any host".
  it('speaks of several VMs in the plural', () => {
    const say = announcementsFor('6 VMs');
    expect(start(say)).toBe('Picked up 6 VMs. Move them onto a host to migrate them.');
    expect(end(say, null)).toBe('6 VMs were dropped outside any host: nothing moves.');
    // Found by new-user review 7: "2 VMs is over DC0_C0_H3."
    expect(hover(say, over)).toBe('6 VMs are over DC0_C0_H2.');
    expect(hover(say, null)).toBe('6 VMs are no longer over a host.');
  });
});
