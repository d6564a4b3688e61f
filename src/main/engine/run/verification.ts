// After the switchover: is the guest alive on the destination, and how strongly does Ferry know?
// The driver says who vouched (Ferry's probe, the QEMU guest agent, or only the hypervisor);
// this decides the verification level recorded on the task, or the failure.

import type { ErrorCode } from '../../../shared/api/errors';
import type { Verification } from '../../../shared/model/migration';
import type { ProbeResult } from '../../drivers/driver';

/** What was read from the guest before the move (journaled with prepare). */
export interface GuestBefore {
  bootId: string | null;
  /** The agent's clock and Ferry's clock at that reading. */
  agentClock: { guestMs: number; hostMs: number } | null;
}

export type VerifyVerdict =
  | { kind: 'verified'; level: Verification; problem: string | null }
  | { kind: 'failed'; code: Extract<ErrorCode, 'GUEST_NOT_ALIVE' | 'GUEST_REBOOTED'>; message: string; hint?: string };

/** A guest clock may step back a little (NTP, timer jitter under emulation) without meaning anything. */
const CLOCK_BACK_TOLERANCE_MS = 2_000;
/** Nor run ahead of Ferry's own clock by more than this (an NTP step at boot of a guest far off). */
const CLOCK_AHEAD_TOLERANCE_MS = 60_000;

export function verdictOf(before: GuestBefore, after: ProbeResult | null, hostNowMs: number): VerifyVerdict {
  if (!after?.alive)
    return {
      kind: 'failed',
      code: 'GUEST_NOT_ALIVE',
      message: 'the hypervisor reported success but the guest does not answer on the destination',
      hint: 'Ferry rolls back to the paused source copy when one exists.',
    };
  if (before.bootId && after.bootId && before.bootId !== after.bootId)
    return { kind: 'failed', code: 'GUEST_REBOOTED', message: 'the guest on the destination is not the same boot as before the move' };
  const sameBoot = before.bootId !== null && after.bootId !== null;
  switch (after.witness) {
    case 'probe':
      return sameBoot
        ? { kind: 'verified', level: 'guest-probe', problem: null }
        : {
            kind: 'verified',
            level: 'guest-probe-answered',
            problem: "the guest's boot id was not read before the move, so a reboot on the way cannot be ruled out",
          };
    case 'agent': {
      const clock = clockProblem(before, after, hostNowMs);
      if (clock) return { kind: 'verified', level: 'running-only', problem: clock };
      return { kind: 'verified', level: sameBoot ? 'guest-agent-same-boot' : 'guest-agent', problem: null };
    }
    case 'hypervisor':
      // An agent that answered before the move and not after it may be a guest that hung on the destination.
      return {
        kind: 'verified',
        level: 'running-only',
        problem: before.agentClock
          ? 'the guest agent answered before the move but not after it: the guest may be hung on the destination; check its console'
          : null,
      };
  }
}

/** The agent's clock must have moved on across the move, about as far as Ferry's own. */
function clockProblem(before: GuestBefore, after: ProbeResult, hostNowMs: number): string | null {
  if (!before.agentClock || after.guestClockMs === null) return null;
  const guestElapsed = after.guestClockMs - before.agentClock.guestMs;
  const hostElapsed = hostNowMs - before.agentClock.hostMs;
  const seconds = (ms: number) => `${(Math.abs(ms) / 1000).toFixed(1)} s`;
  if (guestElapsed < -CLOCK_BACK_TOLERANCE_MS)
    return `the guest agent's clock went back ${seconds(guestElapsed)} across the move, so its answer does not vouch for the same running guest: verified as running only`;
  if (guestElapsed > hostElapsed + CLOCK_AHEAD_TOLERANCE_MS)
    return `the guest agent's clock jumped ${seconds(guestElapsed - hostElapsed)} ahead of Ferry's across the move, so its answer does not vouch for the same running guest: verified as running only`;
  return null;
}
