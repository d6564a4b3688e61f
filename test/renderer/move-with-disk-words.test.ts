import { describe, expect, it } from 'vitest';
import { moveWithDiskTitle, moveWithDiskWords, type DiskMove } from '../../src/renderer/src/features/maintenance/move-with-disk-words';

const GiB = 1024 ** 3;
const planned: DiskMove = {
  vmName: 'DC0_C1_H0_VM1',
  hostName: 'DC0_C1_H0',
  diskBytes: 9.5 * GiB,
  diskCount: 1,
  destHostName: 'DC0_C1_H2',
  destDatastoreName: 'DC0_C1_H2_DS0',
  durationMs: 95_000,
};

// New-user review 12, finding 12a: the move of a VM with its disk is asked first, saying what it does.
describe('the question before a VM moves with its disk', () => {
  it('names the VM, where it goes, how much it copies, that it runs live, and the plan’s estimate', () => {
    expect(moveWithDiskTitle(planned)).toBe('Move DC0_C1_H0_VM1 with its disk to DC0_C1_H2?');
    const [what, how, undo] = moveWithDiskWords(planned);
    expect(what).toBe(
      'Ferry copies its disk (9.5 GiB) over the network to DC0_C1_H2_DS0 on DC0_C1_H2, then its memory, while DC0_C1_H0_VM1 keeps running: a live move with its storage (shared-nothing).',
    );
    expect(how).toMatch(/^The plan puts it at about 1 min 35 s\. Until it ends/);
    expect(undo).toBe('You can cancel it in Tasks until it switches over; DC0_C1_H0_VM1 then stays on DC0_C1_H0.');
  });

  it('gives no figure and no host the plan does not give, and counts several disks', () => {
    const unplanned = { ...planned, destHostName: null, destDatastoreName: null, durationMs: null, diskCount: 2 };
    expect(moveWithDiskTitle(unplanned)).toBe('Move DC0_C1_H0_VM1 with its disks?');
    const [what, how] = moveWithDiskWords(unplanned);
    expect(what).toMatch(/^Ferry copies its 2 disks \(9\.5 GiB\) over the network, then its memory/);
    expect(how).toBe('Until it ends, the copy loads the migration link and both datastores.');
  });
});
