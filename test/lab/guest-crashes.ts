// The lab's TCG guests sometimes crash after a live migration that libvirt and QEMU report as
// completed: virtio-net's transmit ring out of step ("output.0: id 12 is not a head!"), a kernel
// BUG in the slab allocator freeing a socket buffer twice, a page fault at a wild address, a
// double fault, a soft lockup, seconds after resuming on the destination. Measured on this machine with the driver alone (no
// engine), QEMU 7.2 under TCG on a loaded 2-core host: one crash in about ten moves of a guest
// dirtying 4 MiB/s, sooner with more guest traffic. The guest's memory arrived corrupted; that is
// the emulator's, not Ferry's (which reports it as it should: GUEST_REBOOTED or GUEST_NOT_ALIVE).
// The guests' kernels print the evidence on their serial console, and the lab appends those logs
// per host (scripts/lab/guests.sh); this module reads them, and brings crashed guests back.

import { existsSync, readFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { labScript, probe, probeUntil, sleep, statesOf, virsh, hostNamed, type Lab, type LabGuest } from './lab-env';

const run = promisify(execFile);

/**
 * What a guest kernel prints when its state arrived corrupted (never printed by a healthy guest):
 * virtio-net's "is not a head" (a transmit completed twice) came first in one case, then a lockup;
 * a transmit queue that never completes again is the same ring out of step (guests print warnings:
 * loglevel=5 in scripts/lab/guests.sh).
 */
const CRASH_SIGN = /Kernel panic|kernel BUG at|BUG: |general protection fault|double fault|Oops:|is not a head|soft lockup|NETDEV WATCHDOG/;

/** Every crash line any lab guest printed so far, as "<host>/<guest>: <line>". */
export function guestCrashLines(lab: Lab): string[] {
  const lines: string[] = [];
  for (const host of lab.hosts)
    for (const guest of lab.guests) {
      const log = `${host.stateDir}/var/log/libvirt/qemu/${guest.name}-serial.log`;
      if (!existsSync(log)) continue;
      for (const line of readFileSync(log, 'latin1').split('\n'))
        if (CRASH_SIGN.test(line)) lines.push(`${host.name}/${guest.name}: ${line.trim()}`);
    }
  return lines;
}

/**
 * Waits until every guest answers its probe. A crashed guest reboots by itself (panic=-1 on its
 * command line); one that hangs or sits paused by a half-finished test is restarted where it is
 * defined. Returns what had to be done, for the log.
 */
export async function bringGuestsBack(lab: Lab): Promise<string[]> {
  const done: string[] = [];
  await Promise.all(
    lab.guests.map(async (guest) => {
      if (await answersWithin(lab, guest, 30_000)) return;
      done.push(`${guest.name} did not answer for 30 s: restarted (${JSON.stringify(await statesOf(lab, guest))})`);
      await restart(lab, guest);
    }),
  );
  return done;
}

async function answersWithin(lab: Lab, guest: LabGuest, limitMs: number): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (await probe(lab, guest)) return true;
    await sleep(500);
  }
  return false;
}

async function restart(lab: Lab, guest: LabGuest): Promise<void> {
  const states = await statesOf(lab, guest);
  for (const [host, state] of Object.entries(states))
    if (state === 'running' || state === 'paused') await virsh(hostNamed(lab, host), 'destroy', guest.uuid).catch(() => undefined);
  await removeStrayDisks(lab, guest);
  // lab.sh up starts a guest that is defined but shut off, where it is defined (its home if several).
  await run('bash', [labScript, 'up'], { timeout: 240_000 });
  await probeUntil(lab, guest, 120_000);
}

/**
 * A crash mid-move can leave a copy of a local disk on a host the guest is not defined on; a test
 * run again, or a move home, would stop at it ("already exists on the destination"), so it goes.
 * (Only when the guest is defined somewhere: that definition names the disk it boots from.)
 */
export async function removeStrayDisks(lab: Lab, guest: LabGuest): Promise<void> {
  const states = await statesOf(lab, guest);
  const strays = Object.keys(states).length === 0 ? [] : lab.hosts.filter((h) => !(h.name in states));
  for (const host of strays) {
    await virsh(host, 'pool-refresh', 'local').catch(() => '');
    await virsh(host, 'vol-delete', '--pool', 'local', `${guest.name}.qcow2`).catch(() => '');
  }
}
