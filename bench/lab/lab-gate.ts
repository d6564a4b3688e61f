// Whether the lab benchmarks can run: the lab must already be up (`npm run lab`); benchmarks never
// bring it up or down. Checked without touching the network: 10.77.0.x is only local while the
// lab bridge exists, so nothing is probed before this says yes.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { guestNamed, hostNamed, readLab, repoRoot, runningOn, type Lab, type LabGuest, type LabHost } from '../../test/lab/lab-env';

const labDir = (): string => process.env['FERRY_LAB_DIR'] ?? resolve(repoRoot, '.lab');

function hasCommand(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** null when the lab is up and usable; otherwise why the lab benchmarks are skipped. */
export function labUnavailable(): string | null {
  if (process.platform !== 'linux') return 'the lab needs Linux';
  if (process.getuid?.() !== 0) return 'not root (the lab and its ICMP probe need root)';
  if (!existsSync(`${labDir()}/lab.json`)) return `the lab is down (no ${labDir()}/lab.json; start it with \`npm run lab\`)`;
  if (!existsSync('/sys/class/net/ferrylab0')) return 'the lab is down (no ferrylab0 bridge; start it with `npm run lab`)';
  for (const command of ['virsh', 'busybox']) if (!hasCommand(command)) return `\`${command}\` is not installed`;
  return null;
}

/** A lab bench's guest, the host it runs on and the peer it moves to and from. */
export interface LabGuestPair {
  lab: Lab;
  guest: LabGuest;
  home: LabHost;
  peer: LabHost;
}

/**
 * The start of every lab bench: without the lab, the bench is skipped with one line saying why
 * (null); with it, the guest `name` where it runs now, and h1 or h2, whichever it is not on.
 */
export async function labGuestPair(skip: () => void, note: (line: string) => void, name: string): Promise<LabGuestPair | null> {
  const unavailable = labUnavailable();
  if (unavailable) {
    note(`skipped, nothing recorded: ${unavailable}`);
    skip();
    return null;
  }
  const lab = readLab();
  const guest = guestNamed(lab, name);
  const home = await runningOn(lab, guest);
  if (!home) throw new Error(`${name} runs on no lab host: the lab needs attention (npm run lab)`);
  const peer = hostNamed(lab, home.name === 'ferry-lab-h2' ? 'ferry-lab-h1' : 'ferry-lab-h2');
  return { lab, guest, home, peer };
}
