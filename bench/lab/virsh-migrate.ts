// The baseline: `virsh migrate --live` exactly as scripts/lab/README.md verified it, timed from
// process start to exit, and the downtime libvirt reports for the completed job.

import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import type { LabHost } from '../../test/lab/lab-env';

const run = promisify(execFile);

export interface VirshRun {
  wallMs: number;
  startedAtMs: number;
  endedAtMs: number;
}

const nowMs = (): number => performance.timeOrigin + performance.now();

/** Shared-storage live migration of `vm` from `source` to `dest`; throws unless virsh exits 0. */
export function virshMigrate(vm: string, source: LabHost, dest: LabHost, limitMs = 120_000): Promise<VirshRun> {
  const args = ['-c', source.unixUri, 'migrate', '--live', '--persistent', '--undefinesource', '--unsafe', vm, dest.tcpUri];
  return new Promise((resolve, reject) => {
    let output = '';
    const startedAtMs = nowMs();
    const child = spawn('virsh', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGTERM'), limitMs);
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      const endedAtMs = nowMs();
      clearTimeout(timer);
      if (code === 0) resolve({ wallMs: endedAtMs - startedAtMs, startedAtMs, endedAtMs });
      else reject(new Error(`virsh ${args.join(' ')} ended ${signal ?? code}: ${output.trim()}`));
    });
  });
}

export interface CompletedJob {
  /** "Total downtime" */
  downtimeMs: number | null;
  /** "Time elapsed": the migration job itself, without libvirt's setup around it. */
  elapsedMs: number | null;
  host: string;
}

/**
 * libvirt's statistics of the last completed migration job (`domjobinfo --completed
 * --keep-completed`), asked of each host in turn (the destination first: with --undefinesource the
 * source forgets the domain). Works after a Ferry migration too (the same libvirt job underneath).
 */
export async function completedJob(vm: string, hosts: readonly LabHost[]): Promise<CompletedJob | null> {
  for (const host of hosts) {
    const out = await run('virsh', ['-c', host.unixUri, 'domjobinfo', '--completed', '--keep-completed', vm], { timeout: 30_000 }).then(
      (r) => r.stdout,
      () => '',
    );
    const field = (name: string): number | null => {
      const m = new RegExp(`^${name}:\\s+(\\d+(?:\\.\\d+)?)\\s*ms`, 'm').exec(out);
      return m ? Number(m[1]) : null;
    };
    const downtimeMs = field('Total downtime');
    const elapsedMs = field('Time elapsed');
    if (downtimeMs !== null || elapsedMs !== null) return { downtimeMs, elapsedMs, host: host.name };
  }
  return null;
}
