// Whether the lab benchmarks can run: the lab must already be up (`npm run lab`); benchmarks never
// bring it up or down. Checked without touching the network: 10.77.0.x is only local while the
// lab bridge exists, so nothing is probed before this says yes.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from '../../test/lab/lab-env';

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
