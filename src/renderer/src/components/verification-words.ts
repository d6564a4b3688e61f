import type { Verification } from '../../../shared/model/migration';

export interface VerificationWords {
  /** Short, for the Tasks grid. */
  label: string;
  /** What this level proves, and what it does not. */
  proves: string;
  /** Weaker than proving the same guest kept running: the UI flags it. */
  weaker: boolean;
}

/** How Ferry found the guest alive after a move, in the admin's words; strongest first. */
export const verificationWords: Record<Verification, VerificationWords> = {
  'guest-probe': {
    label: 'Guest probe, same boot',
    proves:
      "Ferry's probe inside the guest (set in the VM's metadata) answered on the guest's network after the move, as the same boot that ran before it: the guest kept running, no reboot.",
    weaker: false,
  },
  'guest-agent-same-boot': {
    label: 'Guest agent, same boot',
    proves:
      "The QEMU guest agent answered from inside the guest after the move, its clock moved on, and the guest's boot id is the one read before the move: the guest kept running, no reboot.",
    weaker: false,
  },
  'guest-probe-answered': {
    label: 'Guest probe (reboot not ruled out)',
    proves:
      "Ferry's probe inside the guest answered on the guest's network after the move, but no boot id was read before it: the guest's system runs, a reboot on the way is not ruled out.",
    weaker: true,
  },
  'guest-agent': {
    label: 'Guest agent',
    proves:
      "The QEMU guest agent answered from inside the guest after the move and its clock moved on: the guest's system runs. A reboot on the way is not ruled out (reading the boot id through the agent is off for this host).",
    weaker: true,
  },
  'running-only': {
    label: 'Running only (weaker)',
    proves:
      "Only the hypervisor's word that the guest runs: nothing inside the guest answered (no probe metadata, no connected QEMU guest agent). A hung or rebooted guest would look the same. Install qemu-guest-agent in the guest for a stronger check.",
    weaker: true,
  },
};

/** The Tasks grid's cell: the level's label, or a dash while nothing was verified (running, cold, failed before verify). */
export const verificationLabel = (v: Verification | null | undefined): string => (v ? verificationWords[v].label : '—');
