import { describe, expect, it } from 'vitest';
import {
  afterPowerOffWords,
  coldDowntimeWords,
  inMaintenanceWords,
  endWords,
  failbackWords,
  poweredOffStayingWords,
  startWords,
} from '../../src/renderer/src/features/maintenance/plan-words';

describe('where "power off and move cold" sends a VM (new-user review m4)', () => {
  it('names the host when only one takes it, else the hosts it chooses among', () => {
    const stays = ' It stays powered off there unless you check this:';
    expect(afterPowerOffWords(['H2', 'H3', 'H4'])).toBe(
      `Once it is off, it moves cold to H2, H3 or H4, whichever has the most room then.${stays}`,
    );
    expect(afterPowerOffWords(undefined)).toBe(`Once it is off, it moves cold to a host of its cluster that takes it.${stays}`);
    expect(afterPowerOffWords(['H0'], true)).toBe(`Once it is off, it moves back cold to H0.${stays}`);
  });

  // New-user review (demo preset): "…to DC0_C0_H3, the only host of its cluster that takes it and stays powered off there"
  // read as if the host stayed powered off.
  it('keeps what the host is apart from what the VM then does', () => {
    expect(afterPowerOffWords(['DC0_C0_H3'])).toBe(
      'Once it is off, it moves cold to DC0_C0_H3 (the only host of its cluster that takes it). It stays powered off there unless you check this:',
    );
  });
});

describe('how long a VM moved cold is down (new-user review 13, 17)', () => {
  it('bounds the shutdown and says what the move itself carries', () => {
    expect(coldDowntimeWords()).toBe(
      'It is down from the shutdown until it is powered on again: the shutdown takes up to 2 minutes, the move itself seconds, since its disks stay where they are.',
    );
    expect(coldDowntimeWords(true)).toContain('plus the copy of its disks if they left with it');
  });
});

describe("a planned move's start and end (review 2 F13, review 4 R9)", () => {
  it('says "at once" and "within a second" where a figure would read +0 ms', () => {
    expect(startWords(0)).toBe('at once');
    expect(endWords(0)).toBe('within a second');
    expect(endWords(400)).toBe('within a second');
    expect(endWords(90_000)).toBe('+1 min 30 s');
    expect(startWords(5_000)).toBe('+5 s');
  });
});

describe("the failback plan's summary (new-user review 9, 5)", () => {
  it('agrees with its count: "1 VM … goes back", "2 VMs … go back"', () => {
    expect(failbackWords(1, 99_000)).toBe('1 VM that maintenance moved goes back, mission-critical first: about 1 min 39 s in all.');
    expect(failbackWords(2, 5_000)).toBe('2 VMs that maintenance moved go back, mission-critical first: about 5 s in all.');
  });
});

// New-user review 11, finding 5 (issue #14): the plan did not list the powered-off VMs it leaves on the host.
describe('the powered-off VMs an evacuation leaves on the host', () => {
  it('counts them, says they stay, and how to move them', () => {
    expect(poweredOffStayingWords(1)).toBe("1 powered-off VM stays on this host; tick 'Move powered-off VMs cold' to move it cold.");
    expect(poweredOffStayingWords(3)).toBe("3 powered-off VMs stay on this host; tick 'Move powered-off VMs cold' to move them cold.");
  });
});

// New-user review 14, 11: "The host is in maintenance once only powered-off VMs are left on it" beside a VM that cannot move.
describe('when the plan has the host in maintenance', () => {
  it('names what holds it: the VMs that cannot move, else the powered-off ones left, else the moves', () => {
    expect(inMaintenanceWords(1, 1)).toBe('The host is in maintenance only once the 1 VM that cannot move is handled (below).');
    expect(inMaintenanceWords(2, 0)).toBe('The host is in maintenance only once the 2 VMs that cannot move are handled (below).');
    expect(inMaintenanceWords(0, 1)).toBe('The host is in maintenance once only its powered-off VMs are left on it.');
    expect(inMaintenanceWords(0, 0)).toBe('The host is in maintenance once they have moved.');
  });
});
