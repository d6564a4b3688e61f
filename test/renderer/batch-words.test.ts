import { describe, expect, it } from 'vitest';
import { queuedNotice, queuedWords } from '../../src/renderer/src/features/wizard/batch-words';

// New-user review 8 (m7): Ready to complete said "8 migrations are queued now" before Finish was pressed,
// and named the left-out VMs a third time beside the warning above and the footer.
describe('what Finish will queue, said before it is pressed', () => {
  it('says what Finish does, in the future of the click, and leaves the left-out VMs to the warning and the footer', () => {
    expect(queuedWords(8)).toBe('Finish queues 8 migrations, one per VM, and returns at once; the Tasks view shows their progress.');
    expect(queuedWords(1)).toBe('Finish queues the migration and returns at once; the Tasks view shows its progress.');
    expect(queuedWords(0)).toBe('Finish queues nothing: no VM can move.');
  });
});

// New-user review 8 (m8): "… is left out: it cannot move. The Tasks view shows their progress." left "their" dangling.
describe('the notice once a batch is queued', () => {
  it('says whose progress the Tasks view shows', () => {
    expect(queuedNotice(8, ['DC0_C0_H0_VM2'])).toEqual({
      title: '8 migrations queued',
      body: 'DC0_C0_H0_VM2 is left out: it cannot move. The Tasks view shows the progress of the 8 migrations.',
    });
    expect(queuedNotice(1, ['A', 'B'])).toEqual({
      title: '1 migration queued',
      body: "A and B are left out: they cannot move. The Tasks view shows the migration's progress.",
    });
  });
});
