import { formatDuration } from '../../components/format';
import { agrees, counted } from '../../components/plural';

/**
 * Where "power off and move cold" sends a VM: the host by name when only one takes it (as the one
 * with its GPU), else the hosts it chooses among (new-user review m4).
 */
function coldDestinationWords(hostNames: readonly string[] | undefined): string {
  const names = hostNames ?? [];
  if (names.length === 0) return 'a host of its cluster that takes it';
  if (names.length === 1) return `${names[0]} (the only host of its cluster that takes it)`;
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}, whichever has the most room then`;
}

/**
 * The power-off confirmation's second paragraph: where the VM goes once off, then, in a sentence of
 * its own, that it stays off there. Run on after the host, "…that takes it and stays powered off
 * there" read as the host staying off (new-user review). `back`: a failback, to its home host alone.
 */
export function afterPowerOffWords(hostNames: readonly string[] | undefined, back = false): string {
  const where = back ? `back cold to ${hostNames?.[0] ?? 'its home host'}` : `cold to ${coldDestinationWords(hostNames)}`;
  return `Once it is off, it moves ${where}. It stays powered off there unless you check this:`;
}

/**
 * How long the guest is down, for the power-off confirmation, which gave no time (new-user review 13,
 * 17): from the shutdown to its power-on. An evacuation's cold move leaves the disks where they are
 * and only defines the VM on its new host; a failback's takes back the disks that left with it.
 */
export function coldDowntimeWords(back = false): string {
  const move = back
    ? 'the move itself seconds, plus the copy of its disks if they left with it'
    : 'the move itself seconds, since its disks stay where they are';
  return `It is down from the shutdown until it is powered on again: the shutdown takes up to 2 minutes, ${move}.`;
}

/** When a planned move starts and ends, from the plan's start: words where a figure would read "+0 ms". */
export const startWords = (ms: number): string => (ms < 1000 ? 'at once' : `+${formatDuration(ms)}`);
export const endWords = (ms: number): string => (ms < 1000 ? 'within a second' : `+${formatDuration(ms)}`);

/** The failback plan's summary, its verb agreeing with its count ("1 VM … goes back": new-user review 9, 5). */
export const failbackWords = (moves: number, makespanMs: number): string =>
  `${counted(moves, 'VM')} that maintenance moved ${agrees(moves, 'goes', 'go')} back, mission-critical first: about ${formatDuration(makespanMs)} in all.`;

/** The powered-off VMs a plan leaves on the host, counted apart from "n VMs will move" (new-user review 11, 5). */
export const poweredOffStayingWords = (count: number): string =>
  `${counted(count, 'powered-off VM')} ${agrees(count, 'stays', 'stay')} on this host; tick 'Move powered-off VMs cold' to move ${agrees(count, 'it', 'them')} cold.`;

/** What a failback did not move back, and how many of those could go now (new-user review, finding A). */
export const leftByFailbackWords = (left: number, canMoveNow: number): string =>
  `${counted(left, 'VM')} ${agrees(left, 'was', 'were')} not moved back to this host` +
  (canMoveNow > 0 ? `; ${canMoveNow} can move back now.` : '.');

/**
 * When the host is in maintenance, as this plan has it: "once only powered-off VMs are left" read
 * the same when a VM that cannot move held it at entering for good (new-user review 14, 11).
 */
export function inMaintenanceWords(blocked: number, poweredOffStaying: number): string {
  if (blocked > 0)
    return `The host is in maintenance only once the ${counted(blocked, 'VM')} that cannot move ${agrees(blocked, 'is', 'are')} handled (below).`;
  if (poweredOffStaying > 0) return 'The host is in maintenance once only its powered-off VMs are left on it.';
  return 'The host is in maintenance once they have moved.';
}

/** VMs already leaving the host with a move under way (a failback), not counted among the plan's (new-user review 15, 1). */
export const leavingAlreadyWords = (count: number): string =>
  `${counted(count, 'VM')} ${agrees(count, 'is', 'are')} already moving off this host and ${agrees(count, 'leaves', 'leave')} with ${agrees(count, 'its', 'their')} own move:`;
