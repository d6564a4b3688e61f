import { agrees, counted } from '../../components/plural';

/** "A", "A and B", "A, B and C". */
export const listed = (names: readonly string[]): string =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;

/**
 * What a batch leaves out, for the wizard's footer: the VMs a precheck error stops stay where they
 * are and the others go ("DC0_C0_H1_VM5 cannot move and is left out; the other 2 go."). It named
 * none, and asked to acknowledge warnings beside a VM that no tick could let through (new-user review 7, 7).
 */
export function leftOutWords(leftOut: readonly string[], total: number): string | null {
  if (leftOut.length === 0) return null;
  const going = total - leftOut.length;
  const who = leftOut.length === 1 ? `${leftOut[0]} cannot move and is left out` : `${listed(leftOut)} cannot move and are left out`;
  const rest = going === 0 ? '' : going === 1 ? '; the other one goes' : `; the other ${going} go`;
  return `${who}${rest}.`;
}

/** What keeps Next or Finish disabled while warnings wait for a tick, naming whose they are. */
export function acknowledgeWords(vmNames: readonly string[], warnings: number): string {
  return `Acknowledge ${agrees(warnings, 'the warning', `the ${warnings} warnings`)} about ${listed(vmNames)} to continue.`;
}

/**
 * What Finish will do when pressed, for the VMs that can move: "Finish queues 3 migrations…". It read
 * "are queued now" before the click (new-user review 8, m7); the VMs left out are named once, in the
 * step's warning with their reasons (and in the footer), not again here.
 */
export function queuedWords(moving: number): string {
  if (moving === 0) return 'Finish queues nothing: no VM can move.';
  if (moving === 1) return 'Finish queues the migration and returns at once; the Tasks view shows its progress.';
  return `Finish queues ${counted(moving, 'migration')}, one per VM, and returns at once; the Tasks view shows their progress.`;
}

/**
 * The notice once Finish queued a batch: how many migrations, and which VMs stayed behind and why not.
 * Its last sentence names the migrations: after the left-out VMs, "their progress" read as theirs
 * (new-user review 8, m8).
 */
export function queuedNotice(moving: number, leftOut: readonly string[]): { title: string; body: string } {
  const out = leftOut.length
    ? `${listed(leftOut)} ${agrees(leftOut.length, 'is', 'are')} left out: ${agrees(leftOut.length, 'it', 'they')} cannot move. `
    : '';
  return {
    title: `${counted(moving, 'migration')} queued`,
    body: `${out}The Tasks view shows ${moving === 1 ? "the migration's progress" : `the progress of the ${counted(moving, 'migration')}`}.`,
  };
}
