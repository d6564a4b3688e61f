// Brings the libvirt lab up for the lab suite and down after it. Without root (or without the
// Debian packages) this throws: a lab suite that cannot run must fail, never pass by skipping.
// FERRY_LAB_KEEP=1 leaves the lab up afterwards (for iterating on one test by hand).

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const labScript = fileURLToPath(new URL('../../scripts/lab/lab.sh', import.meta.url));

function lab(command: 'up' | 'down'): void {
  const started = Date.now();
  try {
    execFileSync('bash', [labScript, command], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 });
  } catch (error) {
    const stderr = error instanceof Error && 'stderr' in error ? String((error as { stderr: unknown }).stderr) : '';
    throw new Error(`lab.sh ${command} failed:\n${stderr.split('\n').slice(-25).join('\n')}`, { cause: error });
  }
  process.stderr.write(`[lab] ${command} took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

export function setup(): void {
  if (process.platform !== 'linux') throw new Error('the lab suite needs Linux (network namespaces, libvirtd)');
  if (process.getuid?.() !== 0) throw new Error('the lab suite needs root: run it as root (it builds namespaces, bridges and libvirtds)');
  lab('up');
}

export function teardown(): void {
  if (process.env['FERRY_LAB_KEEP'] === '1') return;
  lab('down');
}
